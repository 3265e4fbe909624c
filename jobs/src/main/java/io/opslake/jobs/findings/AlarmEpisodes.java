package io.opslake.jobs.findings;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges the scored points of one series into anomaly episodes, so an anomaly that lasts gives one
 * row, not one per bucket. With hysteresis: an episode starts at a point scoring at least {@code
 * threshold} and goes on over the following consecutive buckets (no gap in time) while they score at
 * least {@code continuation}; the first point below, or a gap, ends it. Its peak is its
 * highest-scoring point (the first one on a tie).
 *
 * <p>The detector's context sub-score stays high for a few points after a lone spike (the spike is
 * still in the recent context), so the scores alone overstate how long an anomaly lasted. An
 * episode's points "hold" when they lie off their expectation in the peak's direction by at least
 * half the peak's deviation; the episode ends after its last holding point. It is a {@code
 * level_shift} when at least {@link #LEVEL_SHIFT_BUCKETS} of its points hold, or when the
 * change-point sub-score led at its peak; otherwise a {@code point}. Cost: O(points).
 */
final class AlarmEpisodes {
  /** Episodes with at least this many holding buckets are level shifts. */
  static final int LEVEL_SHIFT_BUCKETS = 3;

  private AlarmEpisodes() {}

  /** One scored bucket: its start, the value, what was expected, the score, which sub-score led. */
  record Point(long startMillis, double observed, double expected, double score, boolean changeLed) {
    double deviation() {
      return Double.isNaN(expected) ? 0 : observed - expected;
    }
  }

  /**
   * An anomaly episode.
   *
   * @param startMillis start of its first bucket
   * @param endMillis end of its last holding bucket (exclusive)
   * @param buckets buckets from the first to the last holding one
   * @param peak its highest-scoring point
   * @param kind {@code point} or {@code level_shift}
   */
  record Episode(long startMillis, long endMillis, int buckets, Point peak, String kind) {}

  static List<Episode> merge(List<Point> points, long stepMillis, double threshold, double continuation) {
    List<Episode> episodes = new ArrayList<>();
    List<Point> current = new ArrayList<>();
    for (Point point : points) {
      boolean goesOn = !current.isEmpty() && point.score() >= continuation
          && point.startMillis() - current.get(current.size() - 1).startMillis() <= stepMillis;
      if (goesOn) {
        current.add(point);
        continue;
      }
      if (!current.isEmpty()) {
        episodes.add(episode(current, stepMillis));
        current.clear();
      }
      if (point.score() >= threshold) {
        current.add(point);
      }
    }
    if (!current.isEmpty()) {
      episodes.add(episode(current, stepMillis));
    }
    return List.copyOf(episodes);
  }

  private static Episode episode(List<Point> points, long stepMillis) {
    Point peak = points.get(0);
    for (Point point : points) {
      peak = point.score() > peak.score() ? point : peak;
    }
    double peakDeviation = peak.deviation();
    int holding = 0;
    Point lastHolding = points.get(0);
    for (Point point : points) {
      boolean holds = peakDeviation == 0
          || point.deviation() * Math.signum(peakDeviation) >= Math.abs(peakDeviation) / 2;
      if (holds) {
        holding++;
        lastHolding = point.startMillis() > lastHolding.startMillis() ? point : lastHolding;
      }
    }
    lastHolding = peak.startMillis() > lastHolding.startMillis() ? peak : lastHolding;
    String kind = holding >= LEVEL_SHIFT_BUCKETS || peak.changeLed() ? "level_shift" : "point";
    long start = points.get(0).startMillis();
    long end = lastHolding.startMillis() + stepMillis;
    return new Episode(start, end, (int) ((end - start) / stepMillis), peak, kind);
  }

  /**
   * Whether an event count's peak lies beyond Poisson noise: {@code |observed − expected| ≥ max(3,
   * 3 √max(expected, 1))}, three standard deviations of a Poisson count and at least three events. An
   * hour with 1 or 2 events where 0 were expected is never an anomaly, however rare it was.
   */
  static boolean beyondCountNoise(double observed, double expected) {
    double base = Double.isNaN(expected) ? 0 : expected;
    return Math.abs(observed - base) >= Math.max(3, 3 * Math.sqrt(Math.max(base, 1)));
  }
}
