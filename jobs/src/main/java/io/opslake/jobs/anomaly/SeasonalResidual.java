package io.opslake.jobs.anomaly;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Sub-score 1, a robust residual: how far a value lies from what its past predicts, in robust
 * standard deviations of the recent residuals. The prediction is the median of the values at the
 * same phase (the point nearest in time, and its two neighbours) in each of the last
 * {@code seasonalPeriods} periods, in the spirit of seasonal hybrid ESD's median seasonal
 * component (Hochenbaum et al. 2017); a series without a period found in its warm-up, or whose
 * same-phase history is still too short, is predicted by the median of its last
 * {@code baselineWindow} values. The spread is the scaled MAD of the last {@code residualWindow}
 * residuals around their median.
 *
 * <p>Memory per series: the last {@code min(seasonalPeriods × period, maxSeasonalHistory)} values
 * with their times (16 bytes each; a week of 5-minute points is 32 KiB) plus the residual window.
 * Time per point: one binary search per past period and two medians of at most
 * {@code residualWindow} values.
 */
final class SeasonalResidual implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long[] CANDIDATE_PERIODS = {DAY_MILLIS, 7 * DAY_MILLIS};

  private final DetectorParameters parameters;
  private final ValueWindow recent;
  private final ValueWindow residuals;
  private final double[] scratch;
  private long[] historyTimes;
  private double[] historyValues;
  private int historyNext;
  private int historySize;
  private long periodMillis;
  private long stepMillis;
  private double lastBaseline = Double.NaN;

  SeasonalResidual(DetectorParameters parameters) {
    this.parameters = parameters;
    this.recent = new ValueWindow(parameters.baselineWindow());
    this.residuals = new ValueWindow(parameters.residualWindow());
    this.scratch = new double[Math.max(parameters.baselineWindow(), parameters.residualWindow())];
  }

  /**
   * Switches to a seasonal baseline of period {@code periodMillis} for points {@code stepMillis}
   * apart, seeded with the warm-up's points.
   */
  void useSeason(long periodMillis, long stepMillis, long[] times, double[] values, int count) {
    int perPeriod = (int) Math.max(1, periodMillis / Math.max(1, stepMillis));
    int capacity = (int) Math.min((long) parameters.maxSeasonalHistory(),
        (long) perPeriod * parameters.seasonalPeriods() + perPeriod / 10 + 2);
    this.periodMillis = periodMillis;
    this.stepMillis = stepMillis;
    this.historyTimes = new long[capacity];
    this.historyValues = new double[capacity];
    for (int i = 0; i < count; i++) {
      remember(times[i], values[i]);
    }
  }

  boolean seasonal() {
    return periodMillis > 0;
  }

  long periodMillis() {
    return periodMillis;
  }

  /** The prediction the last {@link #raw} call compared its value with; NaN before the first. */
  double lastBaseline() {
    return lastBaseline;
  }

  /** The standardised absolute residual of {@code value} at {@code epochMillis}; then learns it. */
  double raw(long epochMillis, double value) {
    double baseline = seasonal() ? seasonalBaseline(epochMillis) : Double.NaN;
    if (Double.isNaN(baseline)) {
      int count = recent.copyTo(scratch, recent.size());
      baseline = count == 0 ? value : RobustStatistics.median(scratch, count);
    }
    lastBaseline = baseline;
    double residual = value - baseline;
    double raw = 0;
    int count = residuals.copyTo(scratch, residuals.size());
    if (count > 0) {
      double center = RobustStatistics.median(scratch, count);
      double floor = 1e-9 * (1 + Math.abs(baseline));
      raw = Math.abs(residual - center) / RobustStatistics.spread(scratch, count, center, floor);
    }
    residuals.add(residual);
    recent.add(value);
    if (seasonal()) {
      remember(epochMillis, value);
    }
    return raw;
  }

  private double seasonalBaseline(long epochMillis) {
    double[] candidates = new double[3 * parameters.seasonalPeriods()];
    int found = 0;
    long tolerance = Math.max(1, stepMillis * 3 / 2);
    for (int k = 1; k <= parameters.seasonalPeriods(); k++) {
      int nearest = nearest(epochMillis - k * periodMillis);
      if (nearest < 0 || Math.abs(timeAt(nearest) - (epochMillis - k * periodMillis)) > tolerance) {
        continue;
      }
      for (int i = Math.max(0, nearest - 1); i <= Math.min(historySize - 1, nearest + 1); i++) {
        candidates[found++] = valueAt(i);
      }
    }
    // Fewer than two periods of history: not yet a seasonal prediction.
    return found < 6 ? Double.NaN : RobustStatistics.median(candidates, found);
  }

  /** Index (0 = oldest) of the remembered point nearest in time to {@code target}, or -1. */
  private int nearest(long target) {
    int low = 0;
    int high = historySize - 1;
    if (high < 0) {
      return -1;
    }
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (timeAt(middle) < target) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low > 0 && Math.abs(timeAt(low - 1) - target) < Math.abs(timeAt(low) - target)) {
      return low - 1;
    }
    return low;
  }

  private long timeAt(int index) {
    return historyTimes[(historyNext - historySize + index + historyTimes.length) % historyTimes.length];
  }

  private double valueAt(int index) {
    return historyValues[(historyNext - historySize + index + historyValues.length) % historyValues.length];
  }

  private void remember(long epochMillis, double value) {
    historyTimes[historyNext] = epochMillis;
    historyValues[historyNext] = value;
    historyNext = (historyNext + 1) % historyTimes.length;
    if (historySize < historyTimes.length) {
      historySize++;
    }
  }

  /** The median spacing of consecutive increasing times, or 0 when there is none. */
  static long typicalStep(long[] times, int count) {
    double[] steps = new double[Math.max(0, count - 1)];
    int n = 0;
    for (int i = 1; i < count; i++) {
      if (times[i] > times[i - 1]) {
        steps[n++] = times[i] - times[i - 1];
      }
    }
    return n == 0 ? 0 : Math.round(RobustStatistics.median(steps, n));
  }

  /**
   * The period (a day or a week) whose lag has the highest autocorrelation above {@code minimum}
   * over the points, needing at least two whole periods of them; 0 when none qualifies. The lag
   * is counted in points of the typical step, so gaps blur it rather than break it.
   */
  static long detectPeriod(long[] times, double[] values, int count, long stepMillis, double minimum) {
    if (stepMillis <= 0) {
      return 0;
    }
    long best = 0;
    double bestCorrelation = minimum;
    for (long candidate : CANDIDATE_PERIODS) {
      long lag = Math.round((double) candidate / stepMillis);
      if (lag < 2 || 2 * lag > count) {
        continue;
      }
      int pairs = (int) (count - lag);
      double correlation = new PearsonsCorrelation().correlation(
          Arrays.copyOfRange(values, (int) lag, count), Arrays.copyOfRange(values, 0, pairs));
      if (correlation > bestCorrelation) {
        bestCorrelation = correlation;
        best = candidate;
      }
    }
    return best;
  }
}
