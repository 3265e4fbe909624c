package io.opslake.jobs.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The detector on synthetic series from fixed seeds: 5-minute points, a daily cycle and Gaussian
 * noise, 14 days (4032 points, the length of many NAB series), warm-up 604 points.
 */
class StreamingDetectorTest {
  private static final long STEP = 300_000L;
  private static final int POINTS = 4032;
  private static final int WARMUP = StreamingDetector.warmupFor(POINTS);

  private static double seasonal(int i, Random noise) {
    return 100 + 20 * Math.sin(2 * Math.PI * i / 288) + 2 * noise.nextGaussian();
  }

  private static List<AnomalyScore> run(int points, int warmup, IntToDoubleFunction series) {
    StreamingDetector detector = new StreamingDetector(DetectorParameters.DEFAULTS, warmup);
    List<AnomalyScore> scores = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      scores.add(detector.score(1_396_310_400_000L + i * STEP, series.applyAsDouble(i)));
    }
    return scores;
  }

  private static List<Integer> alarms(List<AnomalyScore> scores) {
    List<Integer> alarms = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      if (scores.get(i).anomaly()) {
        alarms.add(i);
      }
    }
    return alarms;
  }

  @Test
  void scoresOfAPrefixDoNotChangeWhenTheSeriesGoesOn() {
    Random seeds = new Random(11);
    for (int trial = 0; trial < 5; trial++) {
      long seed = seeds.nextLong();
      int length = 400 + seeds.nextInt(800);
      int prefix = 100 + seeds.nextInt(length - 100);
      int warmup = seeds.nextInt(200);
      double[] values = new Random(seed).doubles(length, -50, 50).toArray();
      for (int i = seeds.nextInt(length); i < length; i += 1 + seeds.nextInt(50)) {
        values[i] += 500; // some outliers
      }
      List<AnomalyScore> whole = run(length, warmup, i -> values[i]);
      List<AnomalyScore> start = run(prefix, warmup, i -> values[i]);
      assertThat(whole.subList(0, prefix)).as("trial %d, seed %d", trial, seed).isEqualTo(start);
    }
  }

  @Test
  void scoresStayInTheUnitIntervalAndTheWarmupNeverAlarms() {
    Random noise = new Random(3);
    List<AnomalyScore> scores = run(POINTS, WARMUP, i -> i % 97 == 0 ? 1e6 : seasonal(i, noise));
    assertThat(scores).allSatisfy(score -> assertThat(score.score()).isBetween(0.0, 1.0));
    assertThat(alarms(scores)).isNotEmpty().allSatisfy(i -> assertThat(i).isGreaterThanOrEqualTo(WARMUP));
  }

  @Test
  void cleanSeasonalDataRaisesFewAlarms() {
    Random noise = new Random(5);
    List<AnomalyScore> scores = run(POINTS, WARMUP, i -> seasonal(i, noise));
    assertThat(alarms(scores)).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void findsAPlantedSpike() {
    Random noise = new Random(5);
    List<AnomalyScore> scores = run(POINTS, WARMUP, i -> seasonal(i, noise) + (i == 2500 ? 40 : 0));
    assertThat(alarms(scores)).contains(2500);
  }

  @Test
  void findsAPlantedLevelShiftWithinTheHour() {
    Random noise = new Random(5);
    List<AnomalyScore> scores = run(POINTS, WARMUP, i -> seasonal(i, noise) + (i >= 2500 ? 12 : 0));
    assertThat(alarms(scores)).anySatisfy(i -> assertThat(i).isBetween(2500, 2512));
  }

  @Test
  void findsAValueOrdinaryOverallButWrongForItsPhase() {
    Random noise = new Random(5);
    // At phase 3/4 of the day the cycle is at its low (80); 3 hours at its high (120) instead.
    int start = 288 * 10 + 216 - 18;
    List<AnomalyScore> scores = run(POINTS, WARMUP,
        i -> i >= start && i < start + 36 ? 120 + 2 * noise.nextGaussian() : seasonal(i, noise));
    assertThat(alarms(scores)).anySatisfy(i -> assertThat(i).isBetween(start, start + 36));
  }

  @Test
  void aLastingAnomalyAlarmsOnceThenIsSuppressed() {
    Random noise = new Random(5);
    int suppression = DetectorParameters.DEFAULTS.suppression();
    // Every fifth point spikes for 150 points: one anomaly that lasts.
    List<AnomalyScore> scores = run(POINTS, WARMUP,
        i -> seasonal(i, noise) + (i >= 2500 && i < 2650 && i % 5 == 0 ? 60 : 0));
    List<Integer> alarms = alarms(scores);
    assertThat(alarms).contains(2500);
    assertThat(alarms).noneMatch(i -> i > 2500 && i <= 2500 + suppression);
    assertThat(scores.subList(2501, 2650)).anyMatch(score -> score.score() >= DetectorParameters.DEFAULTS.threshold());
  }
}
