package io.opslake.jobs.repetition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cadence labels and the after-restart measures on small synthetic series. */
class RepetitionTest {
  private static final long SECOND = 1_000_000L;
  private static final long WINDOW = 30 * 60 * SECOND;

  @Test
  void gcEverySevenMinutesWithJitterIsPeriodicPerHost() {
    Random random = new Random(1);
    long[] a = new long[200];
    long[] b = new long[200];
    for (int k = 0; k < 200; k++) {
      a[k] = (k * 420 + random.nextInt(21) - 10) * SECOND;
      b[k] = (97 + k * 420 + random.nextInt(21) - 10) * SECOND;
    }
    Repetition.Stats stats = Repetition.analyze(
        List.of(new Repetition.HostSeries("a", a), new Repetition.HostSeries("b", b)), Map.of(), WINDOW);

    assertThat(stats.pattern()).isEqualTo(Repetition.Pattern.PERIODIC);
    assertThat(stats.periodSeconds()).isCloseTo(420, within(5.0));
    assertThat(stats.count()).isEqualTo(400);
    assertThat(stats.intervals()).isEqualTo(398);
    assertThat(stats.burstiness()).isLessThan(-0.9);
    assertThat(stats.restarts()).isZero();
    assertThat(stats.recursAfterRestart()).isFalse();
  }

  @Test
  void errorsMinutesAfterEveryRestartRecurAfterRestartsAndGcDoesNot() {
    long[] restarts = {3_600 * SECOND, 18_000 * SECOND, 32_400 * SECOND};
    long[] errors = new long[9];
    for (int r = 0; r < 3; r++) {
      for (int i = 0; i < 3; i++) {
        errors[r * 3 + i] = restarts[r] + (300 + 40 * i) * SECOND;
      }
    }
    long[] gc = new long[100];
    for (int k = 0; k < 100; k++) {
      gc[k] = k * 420 * SECOND;
    }
    Map<String, long[]> byHost = Map.of("api", restarts);

    Repetition.Stats leak = Repetition.analyze(List.of(new Repetition.HostSeries("api", errors)), byHost, WINDOW);
    Repetition.Stats collections = Repetition.analyze(List.of(new Repetition.HostSeries("api", gc)), byHost, WINDOW);

    assertThat(leak.recursAfterRestart()).isTrue();
    assertThat(leak.afterRestartMedianSeconds()).isEqualTo(340.0);
    assertThat(leak.afterRestartShare()).isEqualTo(1.0);
    assertThat(leak.restartsFollowedShare()).isEqualTo(1.0);
    assertThat(leak.pattern()).isEqualTo(Repetition.Pattern.BURSTY);
    assertThat(collections.restartsFollowedShare()).isEqualTo(1.0);
    assertThat(collections.afterRestartShare()).isLessThan(0.3);
    assertThat(collections.recursAfterRestart()).isFalse();
  }

  @Test
  void fewEventsAreSporadicAndRestartsLoggedTwiceMerge() {
    Repetition.Stats stats = Repetition.analyze(
        List.of(new Repetition.HostSeries("a", new long[] {0, 100 * SECOND, 7_000 * SECOND})), Map.of(), WINDOW);

    assertThat(stats.pattern()).isEqualTo(Repetition.Pattern.SPORADIC);
    assertThat(stats.periodSeconds()).isNull();
    assertThat(Repetition.mergeRestarts(new long[] {5_000 * SECOND, 0, 20 * SECOND, 5_059 * SECOND}))
        .containsExactly(0, 5_000 * SECOND);
  }

  @Test
  void quantilesAreType7AsRAndNumpyDefaultTo() {
    // R: quantile(1:10) gives 25% 3.25, 50% 5.50, 75% 7.75 (Hyndman and Fan 1996, type 7, R's
    // default); Commons Math's default (LEGACY) would give 2.75 and 8.25 for the quartiles.
    double[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    assertThat(Repetition.quantile(oneToTen, 0.25)).isEqualTo(3.25);
    assertThat(Repetition.quantile(oneToTen, 0.5)).isEqualTo(5.5);
    assertThat(Repetition.quantile(oneToTen, 0.75)).isEqualTo(7.75);
  }

  @Test
  void burstinessUsesThePopulationStandardDeviation() {
    // Goh and Barabási (EPL 81, 48002, 2008): B = (sd - mean) / (sd + mean), -1 for a perfectly
    // regular signal. For {1, 3}: mean 2, population sd 1, so B = -1/3 exactly.
    assertThat(Repetition.burstiness(new double[] {5, 5, 5, 5})).isEqualTo(-1.0);
    assertThat(Repetition.burstiness(new double[] {1, 3})).isCloseTo(-1 / 3.0, within(1e-15));
    assertThat(Repetition.burstiness(new double[] {7})).isNull();
  }
}
