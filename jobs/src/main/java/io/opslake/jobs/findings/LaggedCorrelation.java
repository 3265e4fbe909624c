package io.opslake.jobs.findings;

import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * The strongest lagged correlation of two regular series on the same grid, after detrending both by
 * first differences (a shared trend or random-walk drift is not a relationship; differences of two
 * independent trending series are uncorrelated). For each lag k in [−L, L] the Pearson r of Δx_t and
 * Δy_{t+k} over the overlapping steps (pairs with a NaN left out) is computed; k > 0 means x leads y
 * by k steps. The lag with the largest |r| is reported with its n and a two-sided p-value from t = r
 * √((n−2)/(1−r²)) on n − 2 degrees of freedom, multiplied by the 2L + 1 lags tried (Bonferroni, since
 * the best lag was chosen). Across pairs of series the job then adjusts with {@link
 * BenjaminiHochberg}.
 *
 * <p>Cost per pair: O(n · L) time, O(n) memory. Commons Math gives Pearson's r and the t
 * distribution; only the lag scan is written here.
 *
 * <p>References: G. E. P. Box, G. M. Jenkins, <i>Time Series Analysis</i>, 1976 (cross-correlation
 * after differencing); C. W. J. Granger, P. Newbold, "Spurious regressions in econometrics", J.
 * Econometrics 2, 1974 (why trending series must be detrended first).
 */
public final class LaggedCorrelation {
  private LaggedCorrelation() {}

  /** The best lag within ±maxLag; empty when fewer than 10 pairs overlap at every lag. */
  public static Optional<Result> of(double[] x, double[] y, int maxLag) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series lengths differ: " + x.length + " and " + y.length);
    }
    double[] dx = differences(x);
    double[] dy = differences(y);
    Result best = null;
    for (int lag = -maxLag; lag <= maxLag; lag++) {
      Result candidate = at(dx, dy, lag, 2 * maxLag + 1);
      if (candidate != null && (best == null || Math.abs(candidate.r()) > Math.abs(best.r()))) {
        best = candidate;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Result at(double[] dx, double[] dy, int lag, int lagsTried) {
    int m = dx.length;
    double[] a = new double[m];
    double[] b = new double[m];
    int n = 0;
    for (int t = Math.max(0, -lag); t < m && t + lag < m; t++) {
      if (!Double.isNaN(dx[t]) && !Double.isNaN(dy[t + lag])) {
        a[n] = dx[t];
        b[n++] = dy[t + lag];
      }
    }
    if (n < 10) {
      return null;
    }
    double r = new PearsonsCorrelation().correlation(java.util.Arrays.copyOf(a, n), java.util.Arrays.copyOf(b, n));
    if (Double.isNaN(r)) {
      r = 0;
    }
    double p;
    if (Math.abs(r) >= 1) {
      p = 0;
    } else {
      double t = Math.abs(r) * Math.sqrt((n - 2) / (1 - r * r));
      p = 2 * (1 - new TDistribution(null, n - 2).cumulativeProbability(t));
    }
    return new Result(lag, r, n, Math.min(1, p * lagsTried), lagsTried);
  }

  private static double[] differences(double[] series) {
    double[] differences = new double[Math.max(0, series.length - 1)];
    for (int i = 0; i < differences.length; i++) {
      differences[i] = series[i + 1] - series[i];
    }
    return differences;
  }

  /**
   * The best lag.
   *
   * @param lag steps by which the first series leads the second (negative: it lags)
   * @param r Pearson correlation of the differenced series at that lag
   * @param n pairs correlated
   * @param pValue two-sided p-value, Bonferroni-adjusted for the lags tried
   * @param lagsTried 2L + 1
   */
  public record Result(int lag, double r, int n, double pValue, int lagsTried) {
    /** |r|, in [0, 1]. */
    public double strength() {
      return Math.abs(r);
    }

    /** E.g. "open descriptors lead connection errors by 3 minutes (r = 0.62 on changes, n = 1436, p < 0.001)". */
    public String sentence(String first, String second, double stepsPerUnit, String unit) {
      String relation = lag == 0 ? " move with " : lag > 0 ? " lead " : " follow ";
      String by = lag == 0 ? "" : " by " + FindingText.number(Math.abs(lag) / stepsPerUnit) + " " + unit;
      return first + relation + second + by + " (r = " + FindingText.format("%.2f", r)
          + " on changes, n = " + n + ", " + FindingText.pValue(pValue) + ")";
    }
  }
}
