package io.opslake.jobs.findings;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Theil–Sen slope of a regular series: the median of the slopes (y_j − y_i)/(j − i) over all
 * pairs of present points, with Sen's (1968) rank-based confidence interval: with N pairwise slopes
 * sorted and C = z_{1−α/2} √Var(S), Var(S) the tie-corrected Mann–Kendall variance, the bounds are
 * the slopes of rank round((N − C)/2) and round((N + C)/2 + 1) (1-based, R's rounding half to even,
 * as R's {@code trend::sens.slope}; Gilbert 1987, §16.5). The intercept is the median of y_i − b·i.
 *
 * <p>Slopes are per step of the series (per hour on an hourly series). Missing values (NaN) are left
 * out. Cost per series: O(n²) time and memory, N = n(n−1)/2 doubles held and sorted; so above
 * {@link MannKendall#MAX_POINTS} (3000) present points the series is thinned to every k-th point,
 * which bounds a series' working memory at 4.5 million doubles (36 MB) and its time at well under a
 * second. No library computes the pairwise median with Sen's interval, so it is written here.
 *
 * <p>References: H. Theil, "A rank-invariant method of linear and polynomial regression analysis",
 * Indagationes Mathematicae 12, 1950; P. K. Sen, "Estimates of the regression coefficient based on
 * Kendall's tau", JASA 63, 1968; R. O. Gilbert, <i>Statistical Methods for Environmental Pollution
 * Monitoring</i>, 1987, ch. 16.
 */
public final class TheilSen {
  private TheilSen() {}

  /**
   * The slope with its 100·confidence % interval; empty when fewer than {@link
   * MannKendall#MIN_POINTS} values are present.
   */
  public static Optional<Result> fit(double[] series, double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must lie in (0, 1): " + confidence);
    }
    SeriesPoints points = SeriesPoints.of(series, MannKendall.MAX_POINTS);
    if (points.size() < MannKendall.MIN_POINTS) {
      return Optional.empty();
    }
    double[] x = points.positions();
    double[] y = points.values();
    int n = y.length;
    double[] slopes = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n - 1; i++) {
      for (int j = i + 1; j < n; j++) {
        slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
      }
    }
    Arrays.sort(slopes);
    double slope = median(slopes);
    double[] intercepts = new double[n];
    for (int i = 0; i < n; i++) {
      intercepts[i] = y[i] - slope * x[i];
    }
    Arrays.sort(intercepts);
    MannKendall.Result test = MannKendall.test(y, points.thinned());
    return Optional.of(interval(slopes, slope, median(intercepts), test, confidence));
  }

  /**
   * The seasonal Kendall slope (Hirsch, Slack &amp; Smith 1982): the median of the slopes between
   * points of the same season only (steps i and j with j − i a multiple of {@code period}), with
   * Sen's interval computed as above from those slopes and the seasonal test's Var(S)
   * ({@link MannKendall#seasonalTest}; Gilbert 1987, §17.3). A weekly cycle then adds no spread to
   * the slopes. The intercept is the median of y_i − b·i over all points, the level of the line
   * through the middle of the seasons. Empty when the seasonal test is.
   */
  public static Optional<Result> seasonalFit(double[] series, int period, double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must lie in (0, 1): " + confidence);
    }
    Optional<MannKendall.Result> test = MannKendall.seasonalTest(series, period);
    if (test.isEmpty()) {
      return Optional.empty();
    }
    java.util.List<Double> within = new java.util.ArrayList<>();
    for (int i = 0; i < series.length; i++) {
      for (int j = i + period; j < series.length; j += period) {
        if (!Double.isNaN(series[i]) && !Double.isNaN(series[j])) {
          within.add((series[j] - series[i]) / (j - i));
        }
      }
    }
    double[] slopes = within.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double slope = median(slopes);
    double[] intercepts = java.util.stream.IntStream.range(0, series.length)
        .filter(i -> !Double.isNaN(series[i]))
        .mapToDouble(i -> series[i] - slope * i)
        .sorted()
        .toArray();
    return Optional.of(interval(slopes, slope, median(intercepts), test.get(), confidence));
  }

  /** Sen's rank-based interval around {@code slope} from the sorted slopes and the test's Var(S). */
  private static Result interval(
      double[] sortedSlopes, double slope, double intercept, MannKendall.Result test, double confidence) {
    int k = sortedSlopes.length;
    double c =
        new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2)
            * Math.sqrt(test.varianceS());
    int lowerRank = clamp((int) Math.rint((k - c) / 2), k);
    int upperRank = clamp((int) Math.rint((k + c) / 2 + 1), k);
    return new Result(test.n(), slope, intercept, sortedSlopes[lowerRank - 1], sortedSlopes[upperRank - 1],
        confidence, test.thinned());
  }

  private static int clamp(int rank, int count) {
    return Math.max(1, Math.min(count, rank));
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * A Theil–Sen fit.
   *
   * @param n points used
   * @param slope change per step
   * @param intercept the line's value at step 0
   * @param lower lower confidence bound of the slope
   * @param upper upper confidence bound of the slope
   * @param confidence the interval's confidence level, e.g. 0.95
   * @param thinned whether the series was thinned to {@link MannKendall#MAX_POINTS} points
   */
  public record Result(
      int n,
      double slope,
      double intercept,
      double lower,
      double upper,
      double confidence,
      boolean thinned) {}
}
