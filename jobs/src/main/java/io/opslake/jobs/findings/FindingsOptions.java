package io.opslake.jobs.findings;

import io.opslake.errors.OpslakeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Options of {@link FindingsJob}.
 *
 * @param warehouse the warehouse URI
 * @param asOf the as-of date D (UTC): findings use the series up to and including D and are written
 *     to the partition {@code dt=D}
 * @param startedAt when the run started (names the runs)
 */
public record FindingsOptions(String warehouse, LocalDate asOf, Instant startedAt) {
  public FindingsOptions {
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage("Cannot compute findings: --warehouse is empty");
    }
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** The findings as of {@code asOf}, given as YYYY-MM-DD. */
  public static FindingsOptions asOf(String warehouse, String asOf) {
    try {
      return new FindingsOptions(warehouse, LocalDate.parse(asOf), Instant.now());
    } catch (DateTimeParseException | NullPointerException e) {
      throw OpslakeException.usage("Cannot compute findings: --as-of " + asOf + " is not a date");
    }
  }

  public FindingsOptions withStartedAt(Instant instant) {
    return new FindingsOptions(warehouse, asOf, instant);
  }
}
