package io.opslake.jobs.anomaly;

import java.io.Serializable;

/**
 * Sub-score 3, change points: a two-sided CUSUM (Page 1954) of robust-standardised values. Each
 * value is standardised by the median and scaled MAD of the last {@code levelWindow} values,
 * clipped to ±{@code cusumClip} so a lone spike cannot make a change on its own, and accumulated
 * up and down with allowance {@code cusumDrift}; the raw score is the larger of the two sums. A
 * sustained shift of the level makes it grow by about (shift − drift) per point until the window's
 * median has followed the new level, then it decays to zero by itself, so no reset is needed.
 *
 * <p>Memory per series: the last {@code levelWindow} values and two sums. Time per point: two
 * medians of {@code levelWindow} values.
 */
final class LevelShift implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double drift;
  private final double clip;
  private final ValueWindow window;
  private final double[] scratch;
  private double up;
  private double down;

  LevelShift(DetectorParameters parameters) {
    this.drift = parameters.cusumDrift();
    this.clip = parameters.cusumClip();
    this.window = new ValueWindow(parameters.levelWindow());
    this.scratch = new double[parameters.levelWindow()];
  }

  /** The CUSUM after {@code value}; then learns it. */
  double raw(double value) {
    int count = window.copyTo(scratch, window.size());
    window.add(value);
    if (count < 2) {
      return 0;
    }
    double center = RobustStatistics.median(scratch, count);
    double spread = RobustStatistics.spread(scratch, count, center, 1e-9 * (1 + Math.abs(center)));
    double z = Math.max(-clip, Math.min(clip, (value - center) / spread));
    up = Math.max(0, up + z - drift);
    down = Math.max(0, down - z - drift);
    return Math.max(up, down);
  }
}
