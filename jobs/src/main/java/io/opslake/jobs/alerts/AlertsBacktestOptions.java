package io.opslake.jobs.alerts;

import io.opslake.errors.OpslakeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link AlertsBacktestJob}.
 *
 * @param warehouse the warehouse URI
 * @param rules every rule variant of the rules file, in file order
 * @param rulesFile how the rules file is named on the summary rows: its path as given and the SHA-256 of its content
 * @param from first day of the range (UTC)
 * @param to last day of the range (UTC), the partition of {@code alert_summary}
 * @param incidents the known incidents, when an incidents file was given
 * @param startedAt when the run started
 */
public record AlertsBacktestOptions(String warehouse, List<AlertRule> rules, String rulesFile, LocalDate from,
    LocalDate to, Optional<List<Incident>> incidents, Instant startedAt) {
  /** The longest range one run evaluates (a year and a day). */
  public static final long MAX_DAYS = 366;

  public AlertsBacktestOptions {
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage("Cannot backtest alerts: --warehouse is empty");
    }
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(startedAt, "startedAt");
    if (rules == null || rules.isEmpty()) {
      throw OpslakeException.usage("Cannot backtest alerts: the rules file has no rule");
    }
    rules = List.copyOf(rules);
    incidents = incidents.map(List::copyOf);
    if (to.isBefore(from)) {
      throw OpslakeException.usage("Cannot backtest alerts: --to " + to + " is before --from " + from);
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw OpslakeException.usage("Cannot backtest alerts: --from " + from + " --to " + to + " spans more than "
          + MAX_DAYS + " days");
    }
  }

  /** The options from command-line values: reads the rules file and the incidents file (usage errors name file:line). */
  public static AlertsBacktestOptions of(String warehouse, Path rules, String from, String to, Path incidents) {
    LocalDate first = date("--from", from);
    LocalDate last = date("--to", to);
    List<AlertRule> variants = AlertRules.load(rules, rules.toString());
    Optional<List<Incident>> known = Optional.ofNullable(incidents).map(file -> Incident.read(file, file.toString()));
    return new AlertsBacktestOptions(warehouse, variants, rules + " sha256:" + sha256(rules), first, last, known,
        Instant.now());
  }

  /** Days in the range. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  public AlertsBacktestOptions withStartedAt(Instant instant) {
    return new AlertsBacktestOptions(warehouse, rules, rulesFile, from, to, incidents, instant);
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw OpslakeException.usage("Cannot backtest alerts: " + option + " " + text + " is not a date");
    }
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw OpslakeException.usage("Cannot load alert rules: " + file + " cannot be read (" + e + ")");
    }
  }
}
