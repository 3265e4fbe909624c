package io.opslake.jobs.events;

import io.opslake.jobs.rules.RuleSet;
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
 * @param templates maps messages to template ids ({@link TemplateAssigners#forWarehouse})
 */
public record ReclassifyOptions(
    String warehouse,
    LocalDate from,
    LocalDate to,
    RuleSet rules,
    Mode mode,
    Optional<String> report,
    TemplateAssigner templates) {

  /** Longest range one run rebuilds; longer backfills run in pieces. */
  public static final int MAX_DAYS = 366;

  public enum Mode { APPLY, DRY_RUN }

  public ReclassifyOptions {
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(templates, "templates");
    if (from == null || to == null) {
      throw new IllegalArgumentException("Cannot reclassify events: --from and --to are required");
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("Cannot reclassify events: --to " + to + " is before --from " + from);
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new IllegalArgumentException(
          "Cannot reclassify events: " + from + ".." + to + " is more than " + MAX_DAYS + " days; split the range");
    }
  }

  /** Parses a {@code --from}/{@code --to} value; the message names the flag. */
  public static LocalDate date(String flag, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Cannot reclassify events: " + flag + " " + text + " is not a date");
    }
  }

  public boolean dryRun() {
    return mode == Mode.DRY_RUN;
  }
}
