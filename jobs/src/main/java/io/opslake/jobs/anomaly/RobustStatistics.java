package io.opslake.jobs.anomaly;

import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Median and median absolute deviation (MAD) of a window of values. The median is Commons Math's
 * ({@link Median}: the mean of the two middle values for an even count); Commons Math has no MAD,
 * so it is computed here as the median of the absolute deviations from the median.
 */
public final class RobustStatistics {
  /** MAD times this estimates the standard deviation of normally distributed values. */
  public static final double MAD_TO_SIGMA = 1.4826;

  private RobustStatistics() {}

  /** The median of {@code values[0..count)}; NaN when {@code count} is 0. */
  public static double median(double[] values, int count) {
    if (count == 0) {
      return Double.NaN;
    }
    return new Median().evaluate(values, 0, count);
  }

  /** The median absolute deviation from {@code center} of {@code values[0..count)}, unscaled. */
  public static double medianAbsoluteDeviation(double[] values, int count, double center) {
    double[] deviations = new double[count];
    for (int i = 0; i < count; i++) {
      deviations[i] = Math.abs(values[i] - center);
    }
    return median(deviations, count);
  }

  /** The mean of {@code |values[i] - center|} over {@code values[0..count)}; NaN when empty. */
  static double meanAbsoluteDeviation(double[] values, int count, double center) {
    if (count == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += Math.abs(values[i] - center);
    }
    return sum / count;
  }

  /**
   * A robust spread of {@code values[0..count)} around {@code center}: MAD scaled to a standard
   * deviation, else (when more than half of the values equal the center, as in a mostly flat
   * series) the mean absolute deviation, else {@code floor}. Never zero, so a z-score is always
   * finite.
   */
  static double spread(double[] values, int count, double center, double floor) {
    double mad = MAD_TO_SIGMA * medianAbsoluteDeviation(values, count, center);
    if (mad > floor) {
      return mad;
    }
    double mean = meanAbsoluteDeviation(values, count, center);
    return mean > floor ? mean : floor;
  }
}
