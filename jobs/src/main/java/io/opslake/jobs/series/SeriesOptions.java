package io.opslake.jobs.series;

import io.opslake.errors.OpslakeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link SeriesJob}.
 *
 * @param warehouse the warehouse URI
 * @param from first day to rebuild (UTC)
 * @param to last day to rebuild, inclusive, not before {@code from}, at most {@link #MAX_DAYS} days
 *     after it
 * @param minuteFloor a series of kind fingerprint, template, URL group or metric gets a minute grid
 *     on a day when it has at least this many points that day (default {@link
 *     #DEFAULT_MINUTE_FLOOR}); types and types per host always have one
 * @param startedAt when the run started (names the runs)
 */
public record SeriesOptions(String warehouse, LocalDate from, LocalDate to, long minuteFloor, Instant startedAt) {
  /** Longest span of one run, in days. */
  public static final int MAX_DAYS = 366;

  /** About one point every 15 minutes: below it a minute grid is mostly empty buckets. */
  public static final long DEFAULT_MINUTE_FLOOR = 100;

  public SeriesOptions {
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage("Cannot build series: --warehouse is empty");
    }
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw OpslakeException.usage("Cannot build series: --to " + to + " is before --from " + from);
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      throw OpslakeException.usage("Cannot build series: --from " + from + " --to " + to + " spans " + days
          + " days, more than " + MAX_DAYS);
    }
    if (minuteFloor < 1) {
      throw OpslakeException.usage("Cannot build series: --minute-floor " + minuteFloor + " is not positive");
    }
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** The days {@code from} to {@code to} given as YYYY-MM-DD, with the default floor. */
  public static SeriesOptions range(String warehouse, String from, String to) {
    return new SeriesOptions(warehouse, date("--from", from), date("--to", to), DEFAULT_MINUTE_FLOOR, Instant.now());
  }

  public SeriesOptions withMinuteFloor(long floor) {
    return new SeriesOptions(warehouse, from, to, floor, startedAt);
  }

  public SeriesOptions withStartedAt(Instant instant) {
    return new SeriesOptions(warehouse, from, to, minuteFloor, instant);
  }

  /** Every day of the range, oldest first. */
  public List<LocalDate> dates() {
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      dates.add(date);
    }
    return List.copyOf(dates);
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw OpslakeException.usage("Cannot build series: " + option + " " + text + " is not a date");
    }
  }
}
