package io.opslake.jobs.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * <p>{@link #spectralPeak} is the periodogram's answer for short series whose smooth cycle the ACF
 * bound judges too conservatively (four days of hourly counts with a daily cycle): the largest
 * periodogram ordinate I(j) at a Fourier frequency j/n, tested with Fisher's g = I(j) / Σ I, and its
 * period refined to the highest ACF value between n/(j+1) and n/(j−1) (Vlachos et al.'s AUTOPERIOD).
 *
 * <p>Cost per series: O(n log n) time, O(n) memory (a week of minutes, 10 080 points: about 1 ms);
 * the periodogram is a direct DFT at the n/2 Fourier frequencies, O(n²) (672 hourly points: 0.2 ms).
 *
 * <p>References: G. E. P. Box, G. M. Jenkins, <i>Time Series Analysis</i>, 1976 (ACF, Bartlett's
 * bound); M. Vlachos, P. Yu, V. Castelli, "On periodicity detection and structural periodic
 * similarity", SDM 2005 (ACF peaks to validate periods, periodogram candidates refined on the ACF);
 * R. A. Fisher, "Tests of significance in harmonic analysis", Proc. R. Soc. A 125, 1929 (the g test).
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

  /**
   * The dominant periodogram frequency, if Fisher's g test finds it at level {@link #ALPHA}: the
   * series (missing values as the mean) detrended as in {@link #of}, the ordinates I(j) for j = 1..m
   * (m = ⌊(n−1)/2⌋), g = max I(j) / Σ I(j), and the p-value's first-term bound m (1 − g)^(m−1)
   * (exact when g > 1/2, conservative otherwise). The period n/j is refined to the highest ACF value
   * at a lag between n/(j+1) and n/(j−1) (at least 2, at most n/2). Empty with fewer than 16 points,
   * a flat series, a period longer than n/2 or no significant peak.
   */
  public static Optional<Period> spectralPeak(double[] series) {
    int n = series.length;
    if (n < 16) {
      return Optional.empty();
    }
    double[] centred = detrended(series);
    double[] ordinates = periodogram(centred);
    int m = ordinates.length - 1;
    int best = 1;
    double total = 0;
    for (int j = 1; j <= m; j++) {
      total += ordinates[j];
      if (ordinates[j] > ordinates[best]) {
        best = j;
      }
    }
    if (total <= 0 || best < 2) {
      return Optional.empty();
    }
    double g = ordinates[best] / total;
    double p = fisherPValue(g, m);
    if (p >= ALPHA) {
      return Optional.empty();
    }
    double[] acf = autocorrelation(centred);
    int low = Math.max(2, (int) Math.ceil((double) n / (best + 1)));
    int high = Math.min(n / 2, (int) Math.floor((double) n / (best - 1)));
    int lag = (int) Math.round((double) n / best);
    for (int k = low; k <= high; k++) {
      if (acf[k] > acf[lag]) {
        lag = k;
      }
    }
    return Optional.of(new Period(lag, g, p, n));
  }

  /**
   * I(j) = |Σ_t x_t e^(−2πijt/n)|² / n for j = 0..⌊(n−1)/2⌋ of a zero-mean series (index 0 is the
   * mean's ordinate, 0 here), by a direct DFT: Fisher's test needs the Fourier frequencies of n
   * itself, which a power-of-two FFT with padding does not give.
   */
  static double[] periodogram(double[] centred) {
    int n = centred.length;
    double[] ordinates = new double[(n - 1) / 2 + 1];
    for (int j = 1; j < ordinates.length; j++) {
      double re = 0;
      double im = 0;
      for (int t = 0; t < n; t++) {
        double angle = 2 * Math.PI * ((long) j * t % n) / n;
        re += centred[t] * Math.cos(angle);
        im -= centred[t] * Math.sin(angle);
      }
      ordinates[j] = (re * re + im * im) / n;
    }
    return ordinates;
  }

  /** Fisher's g test: P(G ≥ g) ≤ m (1 − g)^(m−1), capped at 1 (the first term of the exact sum). */
  static double fisherPValue(double g, int m) {
    return Math.min(1, m * Math.pow(1 - g, m - 1));
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
   * @param strength the autocorrelation at that lag ({@link #of}) or Fisher's g, the peak's share of
   *     the periodogram ({@link #spectralPeak}), in [0, 1]
   * @param pValue Bonferroni-adjusted p-value (Bartlett's moving-average bound), or Fisher's bound
   * @param n points in the series
   */
  public record Period(int lag, double strength, double pValue, int n) {
    /** E.g. "gc events on dc0-api01 recur every 7 minutes (autocorrelation 0.82, p < 0.001, n = 10080)". */
    public String sentence(String what, double stepsPerUnit, String unit) {
      return sentence(what, stepsPerUnit, unit, "autocorrelation");
    }

    /** As {@link #sentence(String, double, String)}, naming the strength's statistic (e.g. "Fisher's g"). */
    public String sentence(String what, double stepsPerUnit, String unit, String statistic) {
      return what
          + " recur every "
          + FindingText.number(lag / stepsPerUnit)
          + " "
          + unit
          + " ("
          + statistic
          + " "
          + FindingText.format("%.2f", strength)
          + ", "
          + FindingText.pValue(pValue)
          + ", n = "
          + n
          + ")";
    }
  }
}
