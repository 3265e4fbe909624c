package io.opslake.jobs.findings;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Dominant periods of a regular series from its autocorrelation function. The series (missing values
 * as the mean) is detrended by a least-squares line, its ACF r(k) for k = 2..L (L = n/3, at most the
 * given maximum lag) computed through Commons Math's FFT (Wiener–Khinchin; O(n log n)), and a lag k
 * is a period when r(k) is a local maximum, stands at least 0.1 above the lowest ACF between k/2 and
 * k (so a slowly decaying ACF of a drifting series is no period), is at least 0.1, and is
 * significant with a Bonferroni correction for the L lags examined: p = min(1, L · (1 − Φ(r(k)/b_k)))
 * with Bartlett's standard error b_k = √((1 + 2 Σ_{j<k} r(j)²)/n) under a moving average of order
 * k − 1 (R's {@code acf(ci.type = "ma")} band), which is wide for a random walk's long memory. A
 * smooth pattern whose ACF is high at short lags (a daily sine on minute data) is therefore judged
 * conservatively: use an hourly series for daily periods. Multiples (±1 lag) of a period already found are harmonics and left out;
 * at most three periods are reported, strongest first. Strength is r(k) in [0, 1].
 *
 * <p>Cost per series: O(n log n) time, O(n) memory (a week of minutes, 10 080 points: about 1 ms).
 *
 * <p>References: G. E. P. Box, G. M. Jenkins, <i>Time Series Analysis</i>, 1976 (ACF, Bartlett's
 * bound); M. Vlachos, P. Yu, V. Castelli, "On periodicity detection and structural periodic
 * similarity", SDM 2005 (ACF peaks to validate periods).
 */
public final class Periodicity {
  /** Minimum r(k) and minimum rise above the preceding trough. */
  public static final double MIN_STRENGTH = 0.1;

  /** Significance level after Bonferroni. */
  public static final double ALPHA = 0.01;

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private Periodicity() {}

  /** The periods found, strongest first; empty when there are none or fewer than 16 points. */
  public static List<Period> of(double[] series, int maxLag) {
    int n = series.length;
    if (n < 16) {
      return List.of();
    }
    double[] acf = autocorrelation(detrended(series));
    int lags = Math.min(maxLag, n / 3);
    List<Period> candidates = new ArrayList<>();
    double squares = acf[1] * acf[1];
    for (int k = 2; k < lags; k++) {
      double r = acf[k];
      double bartlett = Math.sqrt((1 + 2 * squares) / n);
      squares += r * r;
      if (r < MIN_STRENGTH || r < acf[k - 1] || r < acf[k + 1]) {
        continue;
      }
      double trough = r;
      for (int j = k / 2; j < k; j++) {
        trough = Math.min(trough, acf[j]);
      }
      double p = Math.min(1, lags * (1 - STANDARD_NORMAL.cumulativeProbability(r / bartlett)));
      if (r - trough >= MIN_STRENGTH && p < ALPHA) {
        candidates.add(new Period(k, r, p, n));
      }
    }
    candidates.sort((a, b) -> Double.compare(b.strength(), a.strength()));
    List<Period> periods = new ArrayList<>();
    for (Period candidate : candidates) {
      if (periods.size() < 3 && periods.stream().noneMatch(found -> harmonic(candidate.lag(), found.lag()))
          && candidates.stream().noneMatch(other -> other.lag() < candidate.lag()
              && harmonic(candidate.lag(), other.lag()) && other.strength() >= 0.8 * candidate.strength())) {
        periods.add(candidate);
      }
    }
    return List.copyOf(periods);
  }

  /** Whether {@code lag} is within one step of a multiple (≥ 2) of {@code base}. */
  private static boolean harmonic(int lag, int base) {
    int multiple = Math.round((float) lag / base);
    return multiple >= 2 && Math.abs(lag - multiple * base) <= 1;
  }

  private static double[] detrended(double[] series) {
    SimpleRegression line = new SimpleRegression();
    for (int i = 0; i < series.length; i++) {
      if (!Double.isNaN(series[i])) {
        line.addData(i, series[i]);
      }
    }
    double[] residuals = new double[series.length];
    for (int i = 0; i < series.length; i++) {
      residuals[i] = Double.isNaN(series[i]) ? 0 : series[i] - line.predict(i);
    }
    return residuals;
  }

  /** r(k) = Σ x_t x_{t+k} / Σ x_t² of a zero-mean series, by FFT with zero padding to ≥ 2n. */
  static double[] autocorrelation(double[] centred) {
    int size = Integer.highestOneBit(Math.max(1, 2 * centred.length - 1)) << 1;
    double[] padded = new double[size];
    System.arraycopy(centred, 0, padded, 0, centred.length);
    FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
    Complex[] spectrum = fft.transform(padded, TransformType.FORWARD);
    for (int i = 0; i < size; i++) {
      spectrum[i] = new Complex(spectrum[i].abs() * spectrum[i].abs(), 0);
    }
    Complex[] products = fft.transform(spectrum, TransformType.INVERSE);
    double[] acf = new double[centred.length];
    double zero = products[0].getReal();
    for (int k = 0; k < centred.length; k++) {
      acf[k] = zero == 0 ? 0 : products[k].getReal() / zero;
    }
    return acf;
  }

  /**
   * A period.
   *
   * @param lag the period in steps
   * @param strength the autocorrelation at that lag, in [0, 1]
   * @param pValue Bonferroni-adjusted p-value (Bartlett's moving-average bound)
   * @param n points in the series
   */
  public record Period(int lag, double strength, double pValue, int n) {
    /** E.g. "gc events on dc0-api01 recur every 7 minutes (autocorrelation 0.82, p < 0.001, n = 10080)". */
    public String sentence(String what, double stepsPerUnit, String unit) {
      return what
          + " recur every "
          + FindingText.number(lag / stepsPerUnit)
          + " "
          + unit
          + " (autocorrelation "
          + FindingText.format("%.2f", strength)
          + ", "
          + FindingText.pValue(pValue)
          + ", n = "
          + n
          + ")";
    }
  }
}
