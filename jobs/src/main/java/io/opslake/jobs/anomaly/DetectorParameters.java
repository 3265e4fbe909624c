package io.opslake.jobs.anomaly;

import java.io.Serializable;

/**
 * The parameters of {@link StreamingDetector}. One set, {@link #DEFAULTS}, serves every series:
 * each sub-score is turned into a conformal p-value against the series' own past, so nothing here
 * depends on a series' scale or noise level. Why each default: docs/algorithms.md.
 *
 * @param seasonalPeriods past periods whose same-phase values form the seasonal baseline
 * @param maxSeasonalHistory cap on the points kept for the seasonal baseline (periods × points per period)
 * @param minimumAutocorrelation autocorrelation at the daily lag, over the warm-up, above which a series is seasonal
 * @param baselineWindow recent points whose median is the baseline of a series without a season
 * @param residualWindow recent residuals whose spread standardises the residual
 * @param contextLength values in one context vector of the novelty score
 * @param contextHistory past contexts the novelty score compares with
 * @param neighbours nearest past contexts averaged into the novelty score
 * @param levelWindow recent values whose median and spread standardise the change-point score
 * @param cusumDrift CUSUM allowance, in robust standard deviations, subtracted at every step
 * @param cusumClip standardised values are clipped to ±this before the CUSUM, so one spike alone is not a change
 * @param calibrationWindow past raw sub-scores each p-value is ranked against
 * @param threshold anomaly score at or above which a point is flagged
 * @param suppression points after an alarm during which the series raises no other alarm
 */
public record DetectorParameters(
    int seasonalPeriods,
    int maxSeasonalHistory,
    double minimumAutocorrelation,
    int baselineWindow,
    int residualWindow,
    int contextLength,
    int contextHistory,
    int neighbours,
    int levelWindow,
    double cusumDrift,
    double cusumClip,
    int calibrationWindow,
    double threshold,
    int suppression)
    implements Serializable {

  /** The one parameter set opslake uses for every series. */
  public static final DetectorParameters DEFAULTS =
      new DetectorParameters(7, 10_080, 0.3, 48, 500, 6, 1000, 3, 300, 0.5, 4.0, 2000, 0.6, 200);

  public DetectorParameters {
    positive("seasonalPeriods", seasonalPeriods);
    positive("maxSeasonalHistory", maxSeasonalHistory);
    positive("baselineWindow", baselineWindow);
    positive("residualWindow", residualWindow);
    positive("contextLength", contextLength);
    positive("contextHistory", contextHistory);
    positive("neighbours", neighbours);
    positive("levelWindow", levelWindow);
    positive("calibrationWindow", calibrationWindow);
    if (suppression < 0) {
      throw new IllegalArgumentException("suppression must not be negative: " + suppression);
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
    }
    if (!(minimumAutocorrelation > -1 && minimumAutocorrelation < 1)) {
      throw new IllegalArgumentException("minimumAutocorrelation must be in (-1, 1): " + minimumAutocorrelation);
    }
    if (!(cusumDrift >= 0) || !(cusumClip > 0)) {
      throw new IllegalArgumentException("cusumDrift must be >= 0 and cusumClip > 0");
    }
    if (neighbours > contextHistory) {
      throw new IllegalArgumentException("neighbours must not exceed contextHistory");
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  public DetectorParameters withThreshold(double value) {
    return new DetectorParameters(seasonalPeriods, maxSeasonalHistory, minimumAutocorrelation, baselineWindow,
        residualWindow, contextLength, contextHistory, neighbours, levelWindow, cusumDrift, cusumClip,
        calibrationWindow, value, suppression);
  }

  public DetectorParameters withSuppression(int value) {
    return new DetectorParameters(seasonalPeriods, maxSeasonalHistory, minimumAutocorrelation, baselineWindow,
        residualWindow, contextLength, contextHistory, neighbours, levelWindow, cusumDrift, cusumClip,
        calibrationWindow, threshold, value);
  }
}
