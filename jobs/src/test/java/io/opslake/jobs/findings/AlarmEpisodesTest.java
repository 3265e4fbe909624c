package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.jobs.findings.AlarmEpisodes.Episode;
import io.opslake.jobs.findings.AlarmEpisodes.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AlarmEpisodes}: one row per lasting anomaly, with hysteresis (start at 0.6, go on at 0.5),
 * trimmed to the points that hold half the peak's deviation, on hand-made scores and deviations.
 */
class AlarmEpisodesTest {
  private static final long HOUR = 3_600_000L;

  @Test
  void anAnomalyThatLastsIsOneEpisodeEndingAfterItsLastHoldingPoint() {
    double[] scores = {0.1, 0.7, 0.55, 0.2, 0.65, 0.9, 0.6, 0.55, 0.1, 0.8};
    double[] deviations = {0, 10, 2, 0, 8, 12, 3, 1, 0, -10};
    List<Episode> episodes = AlarmEpisodes.merge(points(scores, deviations), HOUR, 0.6, 0.5);

    // Hour 1 starts (0.7), hour 2 goes on (0.55) but holds 2 < 10/2, hour 3 (0.2) ends: one hour.
    // Hour 4 starts, 5 peaks (0.9, deviation 12), 6 and 7 go on; 4 (8 >= 6) and 5 hold: hours 4-5.
    // Hour 9 starts and is the last point: a dip of one hour.
    assertThat(episodes).extracting(Episode::startMillis).containsExactly(HOUR, 4 * HOUR, 9 * HOUR);
    assertThat(episodes).extracting(Episode::endMillis).containsExactly(2 * HOUR, 6 * HOUR, 10 * HOUR);
    assertThat(episodes).extracting(Episode::buckets).containsExactly(1, 2, 1);
    assertThat(episodes).extracting(episode -> episode.peak().startMillis()).containsExactly(HOUR, 5 * HOUR, 9 * HOUR);
    assertThat(episodes).extracting(Episode::kind).containsOnly("point");
  }

  @Test
  void aLoneSpikeWhoseContextKeepsTheScoreUpIsOnePointOfOneHour() {
    double[] scores = {0.95, 0.6, 0.6, 0.6, 0.6, 0.6, 0.1};
    double[] deviations = {50, 1, 1, 1, 1, 1, 0};
    assertThat(AlarmEpisodes.merge(points(scores, deviations), HOUR, 0.6, 0.5)).singleElement()
        .satisfies(episode -> {
          assertThat(episode.kind()).isEqualTo("point");
          assertThat(episode.buckets()).isEqualTo(1);
          assertThat(episode.endMillis()).isEqualTo(HOUR);
        });
  }

  @Test
  void threeHoldingBucketsOrAChangeLedPeakMakeALevelShift() {
    double[] scores = {0.7, 0.55, 0.55, 0.55, 0.55, 0.2};
    double[] deviations = {10, 9, 8, 7, 6, 6};
    assertThat(AlarmEpisodes.merge(points(scores, deviations), HOUR, 0.6, 0.5)).singleElement()
        .satisfies(episode -> {
          assertThat(episode.kind()).isEqualTo("level_shift");
          assertThat(episode.buckets()).isEqualTo(5);
        });
    assertThat(AlarmEpisodes.merge(List.of(point(0, 0.9, 10, true)), HOUR, 0.6, 0.5))
        .extracting(Episode::kind).containsExactly("level_shift");
  }

  @Test
  void aGapInTimeEndsAnEpisodeAndLowScoresStartNothing() {
    List<Point> points = List.of(point(10, 0.7, 5, false), point(12, 0.7, 5, false));
    assertThat(AlarmEpisodes.merge(points, HOUR, 0.6, 0.5)).extracting(Episode::buckets).containsExactly(1, 1);
    assertThat(AlarmEpisodes.merge(points(new double[] {0.5, 0.59, 0.3}, new double[3]), HOUR, 0.6, 0.5)).isEmpty();
  }

  @Test
  void aCountWithinPoissonNoiseIsNoAnomaly() {
    // Expected 0: at least 3 events off. Expected 25: 3 × 5 = 15 off.
    assertThat(AlarmEpisodes.beyondCountNoise(2, 0)).isFalse();
    assertThat(AlarmEpisodes.beyondCountNoise(3, 0)).isTrue();
    assertThat(AlarmEpisodes.beyondCountNoise(39, 25)).isFalse();
    assertThat(AlarmEpisodes.beyondCountNoise(40, 25)).isTrue();
    assertThat(AlarmEpisodes.beyondCountNoise(10, 25)).isTrue();
    assertThat(AlarmEpisodes.beyondCountNoise(3, Double.NaN)).isTrue();
  }

  private static List<Point> points(double[] scores, double[] deviations) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      points.add(point(i, scores[i], deviations[i], false));
    }
    return points;
  }

  private static Point point(int hour, double score, double deviation, boolean changeLed) {
    return new Point(hour * HOUR, 100 + deviation, 100, score, changeLed);
  }
}
