package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * When a monotone resource (disk space used against the disk's size, open descriptors against a
 * limit) runs out at its current trend, with a 95 % band, or that it is not growing.
 *
 * <p>Method: an ordinary least-squares line through the points of the recent window (default the
 * last 14 days), time in hours. The resource is <em>growing</em> when the one-sided t test of
 * slope &gt; 0 gives p ≤ 0.05 (t = b / se(b) on n − 2 degrees of freedom). It then fills at
 * {@code last + (capacity − fitted level at last) / b}; the 95 % band takes the same distance at
 * the ends of the slope's 95 % confidence interval b ± t₀.₉₇₅,ₙ₋₂ se(b) (a slope interval whose
 * lower end is ≤ 0 leaves the late end open). Only the slope's uncertainty enters the band: the
 * fitted level at the last point is known far better than the slope on a straight fill. A date
 * beyond the horizon (default 5 years) is reported as "does not fill within 5 years", never as a
 * date. OLS assumes independent errors; usage that steps (log rotation, batch writes) makes the
 * band too narrow, which is why the window is recent and the band is called indicative.
 *
 * <p>Cost: one pass over the points, O(n) time and O(1) memory beyond the input. Plain Java; the
 * capacity job runs it per host and mount.
 *
 * <p>References: N. R. Draper, H. Smith, <i>Applied Regression Analysis</i>, 3rd ed., Wiley 1998,
 * ch. 1 and 3 (slope test and confidence interval); the calibration ("inverse prediction") problem
 * of reading a time off a fitted line is ch. 3.2 there.
 */
public final class ResourceExhaustion {
  /** Default window of recent points the trend is fitted on. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
  /** Default horizon beyond which a fill date is reported as not within reach. */
  public static final Duration DEFAULT_HORIZON = Duration.ofDays(5 * 365 + 1);
  /** One-sided significance level of the slope test. */
  public static final double SIGNIFICANCE = 0.05;

  private static final double HOUR_SECONDS = 3600.0;
  private final Duration window;
  private final Duration horizon;

  /** With the default 14-day window and 5-year horizon. */
  public ResourceExhaustion() {
    this(DEFAULT_WINDOW, DEFAULT_HORIZON);
  }

  public ResourceExhaustion(Duration window, Duration horizon) {
    if (window.isNegative() || window.isZero() || horizon.isNegative() || horizon.isZero()) {
      throw OpslakeException.usage(
          "Cannot forecast exhaustion: window and horizon must be positive, got " + window + " and " + horizon);
    }
    this.window = window;
    this.horizon = horizon;
  }

  /**
   * Forecasts when {@code used} reaches {@code capacity}.
   *
   * @param resource what is measured, for the sentence ("/var/log on dc0-web01")
   * @param times observation times, ascending
   * @param used the amount used at each time
   * @param capacity the amount at which the resource is exhausted
   * @param unit how amounts print
   */
  public ExhaustionForecast forecast(
      String resource, List<Instant> times, double[] used, double capacity, ResourceUnit unit) {
    if (times.size() != used.length) {
      throw OpslakeException.usage(String.format(Locale.ROOT,
          "Cannot forecast exhaustion of %s: %d times but %d values", resource, times.size(), used.length));
    }
    if (!(capacity > 0)) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot forecast exhaustion of %s: capacity %s is not positive", resource, capacity));
    }
    Instant last = times.get(times.size() - 1);
    Instant from = last.minus(window);
    SimpleRegression line = new SimpleRegression();
    int first = -1;
    for (int i = 0; i < used.length; i++) {
      if (!times.get(i).isBefore(from)) {
        if (first < 0) {
          first = i;
        }
        line.addData(hoursBetween(last, times.get(i)), used[i]);
      }
    }
    int n = (int) line.getN();
    if (n < 3) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot forecast exhaustion of %s: %d point%s in the last %s; a trend and its band need at least 3",
          resource, n, n == 1 ? "" : "s", window));
    }
    double slope = line.getSlope();
    // x is hours relative to the last point, so the intercept is the fitted level now.
    double current = line.getIntercept();
    double slopeStderr = line.getSlopeStdErr();
    double p = slopeStderr > 0 ? 1 - new TDistribution(n - 2).cumulativeProbability(slope / slopeStderr)
        : slope > 0 ? 0 : 1;
    double halfWidth = slopeStderr > 0 ? new TDistribution(n - 2).inverseCumulativeProbability(0.975) * slopeStderr : 0;
    double rateLow = slope - halfWidth;
    double rateHigh = slope + halfWidth;
    Instant windowStart = times.get(first);
    if (current >= capacity || used[used.length - 1] >= capacity) {
      return new ExhaustionForecast(resource, ExhaustionForecast.Status.EXHAUSTED, n, windowStart, last, capacity,
          current, slope, rateLow, rateHigh, p, last, last, last, horizon, unit);
    }
    if (slope <= 0 || p > SIGNIFICANCE) {
      return new ExhaustionForecast(resource, ExhaustionForecast.Status.NOT_GROWING, n, windowStart, last, capacity,
          current, slope, rateLow, rateHigh, p, null, null, null, horizon, unit);
    }
    double remaining = capacity - current;
    Instant at = plusHours(last, remaining / slope);
    Instant earliest = plusHours(last, remaining / rateHigh);
    Instant latest = rateLow > 0 ? plusHours(last, remaining / rateLow) : null;
    Instant limit = last.plus(horizon);
    if (at.isAfter(limit)) {
      return new ExhaustionForecast(resource, ExhaustionForecast.Status.NOT_WITHIN_HORIZON, n, windowStart, last,
          capacity, current, slope, rateLow, rateHigh, p, null, earliest.isAfter(limit) ? null : earliest, null,
          horizon, unit);
    }
    return new ExhaustionForecast(resource, ExhaustionForecast.Status.FILLS, n, windowStart, last, capacity, current,
        slope, rateLow, rateHigh, p, at, earliest, latest == null || latest.isAfter(limit) ? null : latest, horizon,
        unit);
  }

  private static double hoursBetween(Instant reference, Instant time) {
    return Duration.between(reference, time).toMillis() / 1000.0 / HOUR_SECONDS;
  }

  private static Instant plusHours(Instant start, double hours) {
    // Capped so an almost flat but significant slope cannot overflow Instant.
    double seconds = Math.min(hours * HOUR_SECONDS, 1e12);
    return start.plusMillis(Math.round(seconds * 1000));
  }
}
