package io.opslake.jobs.events;

import io.opslake.errors.OpslakeException;
import io.opslake.jobs.rules.RuleSet;
import io.opslake.jobs.rules.RulesLoader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link ReclassifyJob}.
 *
 * @param warehouse warehouse root URI
 * @param from first event date to rebuild (inclusive)
 * @param to last event date to rebuild (inclusive)
 * @param rules the loaded rules (load them first, so bad rules fail before any data is read)
 * @param mode apply (rebuild {@code events}) or dry run (report only)
 * @param report where to write the transition table as CSV; default {@code
 *     <warehouse>/_opslake/reclassify/<run id>/transitions.csv}
 */
public record ReclassifyOptions(
    String warehouse,
    LocalDate from,
    LocalDate to,
    RuleSet rules,
    Mode mode,
    Optional<String> report) {

  /** Longest range one run rebuilds; longer backfills run in pieces. */
  public static final int MAX_DAYS = 366;

  public enum Mode { APPLY, DRY_RUN }

  public ReclassifyOptions {
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(report, "report");
    if (from == null || to == null) {
      throw OpslakeException.usage("Cannot reclassify events: --from and --to are required");
    }
    if (to.isBefore(from)) {
      throw OpslakeException.usage("Cannot reclassify events: --to " + to + " is before --from " + from);
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw OpslakeException.usage(
          "Cannot reclassify events: " + from + ".." + to + " is more than " + MAX_DAYS + " days; split the range");
    }
  }

  /**
   * Options from command-line values: parses the dates ({@code to} defaults to {@code from}) and
   * loads the rules file, or the shipped default rules when {@code rulesFile} is empty, so bad
   * rules fail before Spark starts or any data is read.
   */
  public static ReclassifyOptions of(String warehouse, String from, String to, Optional<java.nio.file.Path> rulesFile,
      Mode mode, Optional<String> report) {
    if (from == null) {
      throw OpslakeException.usage("Cannot reclassify events: --from is required");
    }
    LocalDate first = date("--from", from);
    LocalDate last = to == null ? first : date("--to", to);
    RuleSet rules = rulesFile.isPresent() ? RulesLoader.load(rulesFile.get()) : RulesLoader.loadDefault();
    return new ReclassifyOptions(warehouse, first, last, rules, mode, report);
  }

  /** Parses a {@code --from}/{@code --to} value; the message names the flag. */
  public static LocalDate date(String flag, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw OpslakeException.usage("Cannot reclassify events: " + flag + " " + text + " is not a date");
    }
  }

  public boolean dryRun() {
    return mode == Mode.DRY_RUN;
  }
}
