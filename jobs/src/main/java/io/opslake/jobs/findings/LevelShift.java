package io.opslake.jobs.findings;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The most likely single level shift in a series, by Pettitt's rank test: with midranks r_i of the n
 * values, U_t = Σ_{i≤t} (2 r_i − n − 1) is the Mann–Whitney statistic of the first t values against
 * the rest, the change point is the t with the largest K = |U_t|, and its approximate two-sided
 * p-value is 2 exp(−6K² / (n³ + n²)) (capped at 1). Rank-based, so a spike cannot make a shift, and
 * no permutations are needed. The strength is |U_t| / (t(n − t)), the rank-biserial correlation
 * between "before" and "after" in [0, 1] (1: every value after exceeds every value before, or the
 * reverse). Medians before and after give the size. Missing values (NaN) are left out.
 *
 * <p>Cost per series: O(n log n) time (Commons Math's ranking), O(n) memory.
 *
 * <p>Reference: A. N. Pettitt, "A non-parametric approach to the change-point problem", Applied
 * Statistics 28(2), 1979.
 */
public final class LevelShift {
  private LevelShift() {}

  /** The shift; empty below 10 present points. */
  public static Optional<Result> of(double[] series) {
    double[] values = Arrays.stream(series).filter(v -> !Double.isNaN(v)).toArray();
    int[] positions = new int[values.length];
    for (int i = 0, kept = 0; i < series.length; i++) {
      if (!Double.isNaN(series[i])) {
        positions[kept++] = i;
      }
    }
    int n = values.length;
    if (n < 10) {
      return Optional.empty();
    }
    double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(values);
    double u = 0;
    double best = 0;
    int bestT = 1;
    for (int t = 1; t < n; t++) {
      u += 2 * ranks[t - 1] - n - 1;
      if (Math.abs(u) > Math.abs(best)) {
        best = u;
        bestT = t;
      }
    }
    double k = Math.abs(best);
    double p = Math.min(1, 2 * Math.exp(-6 * k * k / ((double) n * n * n + (double) n * n)));
    double before = TheilSen.median(sorted(Arrays.copyOfRange(values, 0, bestT)));
    double after = TheilSen.median(sorted(Arrays.copyOfRange(values, bestT, n)));
    return Optional.of(
        new Result(positions[bestT], n, k, p, k / ((double) bestT * (n - bestT)), before, after));
  }

  private static double[] sorted(double[] values) {
    Arrays.sort(values);
    return values;
  }

  /**
   * A level shift.
   *
   * @param index the step of the first value after the shift
   * @param n present points
   * @param k Pettitt's K = max |U_t|
   * @param pValue approximate two-sided p-value
   * @param strength rank-biserial correlation of before against after, in [0, 1]
   * @param medianBefore median of the values before
   * @param medianAfter median of the values from {@code index} on
   */
  public record Result(
      int index, int n, double k, double pValue, double strength, double medianBefore, double medianAfter) {
    /** E.g. "p95 latency shifted from 120 to 180 at step 42 (Pettitt p < 0.001, n = 96)". */
    public String sentence(String what, String when) {
      return what + " shifted from " + FindingText.number(medianBefore) + " to "
          + FindingText.number(medianAfter) + " " + when + " (Pettitt " + FindingText.pValue(pValue)
          + ", strength " + FindingText.format("%.2f", strength) + ", n = " + n + ")";
    }
  }
}
