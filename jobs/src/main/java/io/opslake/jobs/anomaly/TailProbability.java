package io.opslake.jobs.anomaly;

import java.io.Serializable;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Turns a raw sub-score into a p-value against the same sub-score's own recent past: the share
 * of the last {@code capacity} raw scores at least as large, {@code (1 + #{past >= x}) / (1 + n)}
 * (a conformal p-value, as in KNN-CAD), and above the past's 90th percentile {@code u} a
 * peaks-over-threshold tail: {@code P(X >= u) × exp(-(x - u) / mean excess over u)} (an
 * exponential, i.e. generalised Pareto with shape 0, tail as in Siffer et al.'s SPOT). The tail
 * lets a value far beyond anything seen get a p-value far below {@code 1 / n}, which a rank alone
 * cannot give a young series. The score is compared with the past only and then remembered, so a
 * p-value never depends on later points. Memory: the last {@code capacity} raw scores.
 */
final class TailProbability implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double TAIL_QUANTILE = 90;
  private static final int MINIMUM_PAST = 20;

  private final ValueWindow past;
  private final double[] scratch;

  TailProbability(int capacity) {
    this.past = new ValueWindow(capacity);
    this.scratch = new double[capacity];
  }

  /** The p-value of {@code raw} against the past raw scores; then remembers {@code raw}. */
  double pValue(double raw) {
    int n = past.copyTo(scratch, past.size());
    past.add(raw);
    if (n < MINIMUM_PAST) {
      return 1;
    }
    int atLeast = 0;
    for (int i = 0; i < n; i++) {
      if (scratch[i] >= raw) {
        atLeast++;
      }
    }
    double empirical = (1.0 + atLeast) / (1.0 + n);
    double threshold = new Percentile(TAIL_QUANTILE).evaluate(scratch, 0, n);
    if (raw <= threshold) {
      return empirical;
    }
    int exceeding = 0;
    double excess = 0;
    for (int i = 0; i < n; i++) {
      if (scratch[i] >= threshold) {
        exceeding++;
        excess += scratch[i] - threshold;
      }
    }
    double meanExcess = excess / exceeding;
    if (!(meanExcess > 0)) {
      return empirical;
    }
    double tail = (1.0 + exceeding) / (1.0 + n) * Math.exp(-(raw - threshold) / meanExcess);
    return Math.min(empirical, Math.max(tail, Double.MIN_NORMAL));
  }
}
