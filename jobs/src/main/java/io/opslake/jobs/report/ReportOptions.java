package io.opslake.jobs.report;

import io.opslake.errors.OpslakeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Options of {@link ReportJob}.
 *
 * @param warehouse the warehouse URI; the report goes to {@code <warehouse>/reports/dt=<date>/}
 * @param date the day the report describes (UTC)
 * @param startedAt when the run started (printed in the page, never in the figures)
 */
public record ReportOptions(String warehouse, LocalDate date, Instant startedAt) {
  public ReportOptions {
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage("Cannot write report: --warehouse is empty");
    }
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** Options for {@code --date} given as YYYY-MM-DD. */
  public static ReportOptions of(String warehouse, String date) {
    try {
      return new ReportOptions(warehouse, LocalDate.parse(date), Instant.now());
    } catch (DateTimeParseException | NullPointerException e) {
      throw OpslakeException.usage("Cannot write report: --date " + date + " is not a date (YYYY-MM-DD)");
    }
  }
}
