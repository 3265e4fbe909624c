package io.opslake.jobs.capacity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When a resource runs out at its current trend ({@link ResourceExhaustion}).
 *
 * @param resource what was measured ("/var/log on dc0-web01")
 * @param status whether and how it runs out
 * @param points points in the fitted window
 * @param from time of the first point in the window
 * @param to time of the last point
 * @param capacity the amount at which it is exhausted
 * @param current the fitted amount used at {@code to}
 * @param ratePerHour the fitted growth per hour
 * @param rateLow lower end of the 95 % confidence interval of the growth per hour
 * @param rateHigh upper end of that interval
 * @param slopeP one-sided p-value of growth &gt; 0
 * @param exhaustedAt the expected time it runs out; null unless {@code FILLS} or {@code EXHAUSTED}
 * @param earliest early end of the 95 % band (at {@code rateHigh}); null when beyond the horizon
 * @param latest late end of the 95 % band (at {@code rateLow}); null when open (the slope interval
 *     reaches 0) or beyond the horizon
 * @param horizon how far ahead a date is given at all
 * @param unit how amounts print
 */
public record ExhaustionForecast(
    String resource,
    Status status,
    int points,
    Instant from,
    Instant to,
    double capacity,
    double current,
    double ratePerHour,
    double rateLow,
    double rateHigh,
    double slopeP,
    Instant exhaustedAt,
    Instant earliest,
    Instant latest,
    Duration horizon,
    ResourceUnit unit) {

  /** What the trend says. */
  public enum Status {
    /** Growing significantly and expected to run out within the horizon. */
    FILLS,
    /** Growing significantly, but not expected to run out within the horizon. */
    NOT_WITHIN_HORIZON,
    /** Not growing: slope ≤ 0 or not significantly above 0. */
    NOT_GROWING,
    /** Already at or above capacity. */
    EXHAUSTED
  }

  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);

  /** One sentence for a planner, e.g. "/var/log on dc0-web01 fills on 2026-10-10 (95 % band ...)". */
  public String sentence() {
    String rate = unit.format(ratePerHour) + "/h";
    String of = unit.format(current) + " of " + unit.format(capacity);
    return switch (status) {
      case FILLS -> String.format(Locale.ROOT, "%s fills on %s (95 %% band %s – %s) at %s", resource,
          DAY.format(exhaustedAt), bandEnd(earliest), latest == null ? "open: growth may be near 0" : bandEnd(latest),
          rate);
      case NOT_WITHIN_HORIZON -> String.format(Locale.ROOT,
          "%s grows at %s (%s used) but does not fill within %d years", resource, rate, of, horizonYears());
      case NOT_GROWING -> String.format(Locale.ROOT, "%s is not growing (%s used; trend %s, p = %.2g)", resource, of,
          rate, slopeP);
      case EXHAUSTED -> String.format(Locale.ROOT, "%s is full (%s used)", resource, of);
    };
  }

  private String bandEnd(Instant end) {
    boolean sameYear = end.atZone(ZoneOffset.UTC).getYear() == exhaustedAt.atZone(ZoneOffset.UTC).getYear();
    return sameYear ? MONTH_DAY.format(end) : DAY.format(end);
  }

  private long horizonYears() {
    return Math.round(horizon.toDays() / 365.25);
  }
}
