package io.opslake.jobs.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The robust statistics pieces on small inputs, each value computed by hand in the comment. */
class DetectorRobustPiecesTest {
  @Test
  void medianAndMadOfAnOddCountWithAnOutlier() {
    double[] values = {4, 1, 100, 3, 2};
    // Sorted 1 2 3 4 100: median 3; |x - 3| = 1 2 97 0 1, sorted 0 1 1 2 97: MAD 1.
    assertThat(RobustStatistics.median(values, 5)).isEqualTo(3.0);
    assertThat(RobustStatistics.medianAbsoluteDeviation(values, 5, 3)).isEqualTo(1.0);
    assertThat(RobustStatistics.spread(values, 5, 3, 1e-9)).isCloseTo(1.4826, within(1e-12));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    double[] values = {1, 2, 3, 4};
    // Median (2 + 3) / 2 = 2.5; |x - 2.5| = 1.5 0.5 0.5 1.5: MAD 1.0.
    assertThat(RobustStatistics.median(values, 4)).isEqualTo(2.5);
    assertThat(RobustStatistics.medianAbsoluteDeviation(values, 4, 2.5)).isEqualTo(1.0);
  }

  @Test
  void aMostlyFlatWindowFallsBackToTheMeanAbsoluteDeviationThenToTheFloor() {
    double[] values = {5, 5, 5, 5, 6};
    // MAD 0; mean |x - 5| = 1 / 5 = 0.2.
    assertThat(RobustStatistics.spread(values, 5, 5, 1e-9)).isCloseTo(0.2, within(1e-12));
    double[] flat = {7, 7, 7};
    assertThat(RobustStatistics.spread(flat, 3, 7, 1e-6)).isEqualTo(1e-6);
  }

  @Test
  void tailProbabilityIsTheConformalRankInsideAndAnExponentialTailBeyondThe90thPercentile() {
    TailProbability tail = new TailProbability(1000);
    for (int i = 1; i <= 100; i++) {
      tail.pValue(i);
    }
    // Past 1..100, n = 100. 50 lies inside: (1 + #{>= 50} = 51) / 101.
    assertThat(tail.pValue(50)).isCloseTo(52.0 / 101, within(1e-12));
    TailProbability fresh = new TailProbability(1000);
    for (int i = 1; i <= 100; i++) {
      fresh.pValue(i);
    }
    // 90th percentile (Commons Math default, position 0.9 × 101 = 90.9): u = 90.9. Ten values
    // exceed it (91..100), mean excess (955 - 909) / 10 = 4.6. Tail at 95:
    // (1 + 10) / 101 × exp(-(95 - 90.9) / 4.6) = 0.1089109 × 0.4101123 = 0.0446657; the rank
    // (1 + 6) / 101 = 0.0693 is larger, so the tail wins.
    assertThat(fresh.pValue(95)).isCloseTo(0.0446657, within(1e-6));
  }

  @Test
  void aYoungHistoryGivesNoEvidence() {
    TailProbability tail = new TailProbability(100);
    for (int i = 0; i < 20; i++) {
      assertThat(tail.pValue(i == 19 ? 1e9 : 1)).isEqualTo(1.0);
    }
  }

  @Test
  void theScoreIsTheBonferroniCombinedPValueOnALogScale() {
    // min(1, 3p): p = 1/3 → 1 → score 0; p = 1e-3/3 → 1e-3 → 3 decades of 5 → 0.6.
    assertThat(StreamingDetector.surprise(1.0 / 3)).isEqualTo(0.0);
    assertThat(StreamingDetector.surprise(1e-3 / 3)).isCloseTo(0.6, within(1e-12));
    assertThat(StreamingDetector.surprise(1e-12)).isEqualTo(1.0);
    assertThat(StreamingDetector.surprise(0.9)).isEqualTo(0.0);
  }

  @Test
  void periodOfADailySineIsADayAndNoiseHasNone() {
    int n = 700;
    long step = 300_000;
    long[] times = new long[n];
    double[] sine = new double[n];
    double[] noise = new double[n];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < n; i++) {
      times[i] = i * step;
      sine[i] = Math.sin(2 * Math.PI * i / 288) + 0.1 * random.nextGaussian();
      noise[i] = random.nextGaussian();
    }
    assertThat(SeasonalResidual.typicalStep(times, n)).isEqualTo(step);
    assertThat(SeasonalResidual.detectPeriod(times, sine, n, step, 0.3)).isEqualTo(86_400_000L);
    assertThat(SeasonalResidual.detectPeriod(times, noise, n, step, 0.3)).isZero();
    // Fewer than two days of points: no period can be told.
    assertThat(SeasonalResidual.detectPeriod(times, sine, 500, step, 0.3)).isZero();
  }
}
