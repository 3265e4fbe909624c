package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Does the error rate rise with load? Fits the hourly error rate r = 100 · errors / requests (%)
 * against page loads per server-hour x by weighted least squares, r(x) = a + b x, each hour
 * weighted by its requests: a rate is a binomial proportion whose variance is p(1 − p) / requests,
 * so a quiet hour with 40 requests must not count as much as a busy one with 400. With weights w
 * and weighted means x̄, r̄ (r̄ is the overall rate, 100 Σ errors / Σ requests): b = Σw(x − x̄)(r −
 * r̄) / Σw(x − x̄)², a = r̄ − b x̄, s² = Σw(r − a − bx)² / (n − 2), SE(b) = s / sqrt(Σw(x − x̄)²),
 * and the two-sided p-value of b = 0 from Student's t with n − 2 degrees of freedom. The trend is
 * {@code rises} or {@code falls} when b is significant at the 5 % level, else {@code flat}; the
 * fit never extrapolates a load limit (an error budget is a product decision, and a flat rate
 * gives none). The dispersion s² / (100² r̄(1 − r̄)) is 1 for pure binomial noise; above 1 the
 * hours vary more than chance allows (incidents, bad deploys).
 *
 * <p>Refuses (data errors): fewer than {@value #MIN_POINTS} hours with requests or {@value
 * #MIN_DISTINCT_LOADS} distinct loads.
 *
 * <p>Cost: O(hours) on the driver. Reference: N. R. Draper, H. Smith, <i>Applied Regression
 * Analysis</i>, 3rd ed., Wiley 1998, section 9.2 (weighted least squares).
 */
public final class ErrorRateLoadFitter {
  /** The fewest hours fitted. */
  public static final int MIN_POINTS = 10;
  /** The fewest distinct loads fitted. */
  public static final int MIN_DISTINCT_LOADS = 3;
  private static final double SIGNIFICANCE = 0.05;

  private ErrorRateLoadFitter() {}

  /** Fits the hours of {@code what}. */
  public static ErrorRateLoadFit fit(String what, List<Hour> hours) {
    List<Hour> used = hours.stream().filter(hour -> hour.requests() > 0).toList();
    long distinct = used.stream().mapToDouble(Hour::load).distinct().count();
    if (used.size() < MIN_POINTS || distinct < MIN_DISTINCT_LOADS) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot fit the error rate against load of %s: %d hours with requests and %d distinct loads; the fit needs"
              + " at least %d hours and %d distinct loads", what, used.size(), distinct, MIN_POINTS,
          MIN_DISTINCT_LOADS));
    }
    double weights = 0;
    double sumX = 0;
    long errors = 0;
    long requests = 0;
    double minLoad = Double.POSITIVE_INFINITY;
    double maxLoad = Double.NEGATIVE_INFINITY;
    for (Hour hour : used) {
      weights += hour.requests();
      sumX += hour.requests() * hour.load();
      errors += hour.errors();
      requests += hour.requests();
      minLoad = Math.min(minLoad, hour.load());
      maxLoad = Math.max(maxLoad, hour.load());
    }
    double meanX = sumX / weights;
    double meanRate = 100.0 * errors / requests;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (Hour hour : used) {
      double dx = hour.load() - meanX;
      double dy = hour.rate() - meanRate;
      sxx += hour.requests() * dx * dx;
      sxy += hour.requests() * dx * dy;
      syy += hour.requests() * dy * dy;
    }
    double slope = sxy / sxx;
    double intercept = meanRate - slope * meanX;
    double sse = 0;
    for (Hour hour : used) {
      double residual = hour.rate() - intercept - slope * hour.load();
      sse += hour.requests() * residual * residual;
    }
    int degrees = used.size() - 2;
    double variance = sse / degrees;
    double slopeStderr = Math.sqrt(variance / sxx);
    double interceptStderr = Math.sqrt(variance * (1 / weights + meanX * meanX / sxx));
    double p = slopeStderr > 0
        ? 2 * (1 - new TDistribution(degrees).cumulativeProbability(Math.abs(slope / slopeStderr)))
        : slope == 0 ? 1 : 0;
    Trend trend = p >= SIGNIFICANCE ? Trend.FLAT : slope > 0 ? Trend.RISES : Trend.FALLS;
    double share = meanRate / 100;
    Double dispersion = share > 0 && share < 1 ? variance / (100 * 100 * share * (1 - share)) : null;
    return new ErrorRateLoadFit(used.size(), (int) distinct, minLoad, maxLoad, requests, errors, meanRate, intercept,
        interceptStderr, slope, slopeStderr, p, syy > 0 ? 1 - sse / syy : null, dispersion, trend);
  }

  /**
   * One hour of a service.
   *
   * @param load page loads per server-hour
   * @param requests requests served (the weight); hours without are left out
   * @param errors failed requests among them
   */
  public record Hour(double load, long requests, long errors) {
    /** The error rate, %. */
    double rate() {
      return 100.0 * errors / requests;
    }
  }

  /** Whether the error rate changes with load at the 5 % level. */
  public enum Trend {
    /** The slope is positive and significant. */
    RISES,
    /** The slope is not significant. */
    FLAT,
    /** The slope is negative and significant. */
    FALLS;

    /** The name in tables: {@code rises}, {@code flat}, {@code falls}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
