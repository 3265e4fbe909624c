package io.opslake.jobs.findings;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Mann–Kendall test for a monotonic trend in a regular series: S = Σ_{i<j} sgn(x_j − x_i), its
 * variance under "no trend" with the correction for tied values, Var(S) = [n(n−1)(2n+5) −
 * Σ t(t−1)(2t+5)] / 18 over the groups of t equal values, the normal score with continuity
 * correction Z = sgn(S)(|S| − 1)/√Var(S), its two-sided p-value, and Kendall's τ = S / D with D =
 * √[(n(n−1)/2 − Σ t(t−1)/2) · n(n−1)/2] (τ-b against time, as R's {@code trend::mk.test} and
 * {@code cor.test(method = "kendall")}).
 *
 * <p>Missing values (NaN) are left out; above {@link #MAX_POINTS} present points the series is thinned
 * to every k-th one (see {@link SeriesPoints}), which bounds the O(n²) pair count. Cost per series:
 * O(n²) comparisons (4.5 million at the cap, a few milliseconds), O(n) memory. The normal
 * approximation is used at every n; below 10 points Gilbert's exact table would be more accurate,
 * which is why fewer than {@link #MIN_POINTS} points are refused.
 *
 * <p>References: H. B. Mann, "Nonparametric tests against trend", Econometrica 13, 1945; R. M.
 * Hirsch, J. R. Slack, R. A. Smith, "Techniques of trend analysis for monthly water quality data",
 * Water Resources Research 18(1), 1982 (the seasonal test); M. G.
 * Kendall, <i>Rank Correlation Methods</i>, Griffin, 1975; R. O. Gilbert, <i>Statistical Methods for
 * Environmental Pollution Monitoring</i>, Van Nostrand Reinhold, 1987, ch. 16.
 */
public final class MannKendall {
  /** Fewer present points than this and the test is not run. */
  public static final int MIN_POINTS = 8;

  /** Above this many present points the series is thinned to every k-th point. */
  public static final int MAX_POINTS = 3000;

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private MannKendall() {}

  /**
   * The test on one series (one value per step, NaN where missing); empty when fewer than {@link
   * #MIN_POINTS} values are present.
   */
  public static Optional<Result> test(double[] series) {
    SeriesPoints points = SeriesPoints.of(series, MAX_POINTS);
    if (points.size() < MIN_POINTS) {
      return Optional.empty();
    }
    return Optional.of(test(points.values(), points.thinned()));
  }

  /**
   * The seasonal Kendall test (Hirsch, Slack &amp; Smith 1982): the series is cut into {@code period}
   * seasons (step i belongs to season i mod period, e.g. the weekday of a daily series), S and its
   * tie-corrected variance are computed within each season and summed, and Z, p and τ follow from
   * the sums as above (τ = ΣS / ΣD). A weekly cycle larger than the trend no longer hides it, since
   * a Monday is only compared with Mondays; the price is fewer pairs, so less power on a series
   * without a season. The covariance between seasons (Hirsch &amp; Slack 1984) is not added: serial
   * correlation across neighbouring days inflates the plain test far more than it does this one.
   * Empty when fewer than {@link #MIN_POINTS} values are present, when a season has fewer than 2,
   * or when the series is long enough to need thinning (which would break the season alignment).
   */
  public static Optional<Result> seasonalTest(double[] series, int period) {
    if (period < 2) {
      throw new IllegalArgumentException("a seasonal test needs a period of at least 2 steps: " + period);
    }
    if (series.length > MAX_POINTS) {
      return Optional.empty();
    }
    int n = 0;
    long s = 0;
    double variance = 0;
    double d = 0;
    for (int season = 0; season < period; season++) {
      double[] values = seasonValues(series, season, period);
      if (values.length < 2) {
        return Optional.empty();
      }
      Result within = test(values, false);
      n += within.n();
      s += within.s();
      variance += within.varianceS();
      d += kendallDenominator(values);
    }
    if (n < MIN_POINTS) {
      return Optional.empty();
    }
    double z = variance > 0 && s != 0 ? Math.signum(s) * (Math.abs(s) - 1) / Math.sqrt(variance) : 0;
    double p = Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
    return Optional.of(new Result(n, s, variance, z, p, d > 0 ? s / d : 0, false));
  }

  /** The present values of one season, in time order. */
  static double[] seasonValues(double[] series, int season, int period) {
    return java.util.stream.IntStream.iterate(season, i -> i < series.length, i -> i + period)
        .mapToDouble(i -> series[i])
        .filter(value -> !Double.isNaN(value))
        .toArray();
  }

  /** D of τ-b for one season's values: √[(pairs − tied pairs) · pairs]. */
  private static double kendallDenominator(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double tiedPairs = 0;
    for (int start = 0; start < sorted.length; ) {
      int end = start;
      while (end + 1 < sorted.length && sorted[end + 1] == sorted[start]) {
        end++;
      }
      double t = end - start + 1;
      tiedPairs += t * (t - 1) / 2;
      start = end + 1;
    }
    double pairs = values.length * (values.length - 1.0) / 2;
    return Math.sqrt((pairs - tiedPairs) * pairs);
  }

  static Result test(double[] values, boolean thinned) {
    int n = values.length;
    long s = 0;
    for (int i = 0; i < n - 1; i++) {
      for (int j = i + 1; j < n; j++) {
        s += Double.compare(values[j], values[i]) > 0 ? 1 : values[j] == values[i] ? 0 : -1;
      }
    }
    // Tie groups: runs of equal values once sorted.
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double tieVarianceTerm = 0;
    double tiedPairs = 0;
    for (int start = 0; start < n; ) {
      int end = start;
      while (end + 1 < n && sorted[end + 1] == sorted[start]) {
        end++;
      }
      double t = end - start + 1;
      tieVarianceTerm += t * (t - 1) * (2 * t + 5);
      tiedPairs += t * (t - 1) / 2;
      start = end + 1;
    }
    double pairs = n * (n - 1.0) / 2;
    double variance = (n * (n - 1.0) * (2.0 * n + 5) - tieVarianceTerm) / 18;
    double z = variance > 0 ? Math.signum(s) * (Math.abs(s) - 1) / Math.sqrt(variance) : 0;
    if (s == 0) {
      z = 0;
    }
    double p = Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
    double d = Math.sqrt((pairs - tiedPairs) * pairs);
    double tau = d > 0 ? s / d : 0;
    return new Result(n, s, variance, z, p, tau, thinned);
  }

  /**
   * A Mann–Kendall test.
   *
   * @param n points tested (after leaving out missing values and thinning)
   * @param s the statistic S
   * @param varianceS Var(S) under no trend, corrected for ties
   * @param z normal score with continuity correction
   * @param pValue two-sided p-value of Z
   * @param tau Kendall's τ-b of the values against time, in [−1, 1]
   * @param thinned whether the series was thinned to {@link #MAX_POINTS} points
   */
  public record Result(
      int n, long s, double varianceS, double z, double pValue, double tau, boolean thinned) {
    /** |τ|, the strength of the monotonic trend in [0, 1]. */
    public double strength() {
      return Math.abs(tau);
    }

    /** "Mann–Kendall p < 0.001" or "Mann–Kendall p = 0.03". */
    public String pValueText() {
      return "Mann–Kendall " + FindingText.pValue(pValue);
    }
  }
}
