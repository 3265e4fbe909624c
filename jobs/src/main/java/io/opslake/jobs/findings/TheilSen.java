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
    double varianceS = MannKendall.test(y, points.thinned()).varianceS();
    double c =
        new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2)
            * Math.sqrt(varianceS);
    int lowerRank = clamp((int) Math.rint((k - c) / 2), k);
    int upperRank = clamp((int) Math.rint((k + c) / 2 + 1), k);
    return Optional.of(
        new Result(
            n,
            slope,
            median(intercepts),
            slopes[lowerRank - 1],
            slopes[upperRank - 1],
            confidence,
            points.thinned()));
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
