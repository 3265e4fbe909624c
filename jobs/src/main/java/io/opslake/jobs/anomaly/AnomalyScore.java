package io.opslake.jobs.anomaly;

/**
 * The verdict on one point.
 *
 * @param score anomaly score in [0, 1]: one minus the Bonferroni-combined p-value of the sub-scores
 * @param anomaly whether the point raised an alarm (score at or above the threshold, after the
 *     warm-up, outside an earlier alarm's suppression)
 * @param residualPValue conformal p-value of the seasonal robust residual
 * @param contextPValue conformal p-value of the contextual novelty
 * @param changePValue conformal p-value of the level-shift CUSUM
 */
public record AnomalyScore(
    double score, boolean anomaly, double residualPValue, double contextPValue, double changePValue) {}
