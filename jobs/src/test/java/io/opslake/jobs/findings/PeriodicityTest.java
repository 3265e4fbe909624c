package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Synthetic series with planted periods (no published reference exists for these detectors). */
class PeriodicityTest {
  @Test
  void autocorrelationByHand() {
    // x = 1, −1, 1, −1 (mean 0): Σx² = 4; lag 1: 3 products of −1 → −3/4; lag 2: 2 of +1 → 1/2;
    // lag 3: −1/4.
    assertThat(Periodicity.autocorrelation(new double[] {1, -1, 1, -1}))
        .containsExactly(new double[] {1, -0.75, 0.5, -0.25}, within(1e-12));
  }

  @Test
  void gcEverySevenMinutes() {
    // A day of minute counts: a GC event every 7 minutes, Poisson-like background noise.
    Random random = new Random(42);
    double[] series = new double[1440];
    for (int t = 0; t < series.length; t++) {
      series[t] = (t % 7 == 3 ? 1 : 0) + (random.nextDouble() < 0.1 ? 1 : 0);
    }

    List<Periodicity.Period> periods = Periodicity.of(series, 180);

    assertThat(periods).isNotEmpty();
    assertThat(periods.get(0).lag()).isEqualTo(7);
    assertThat(periods.get(0).strength()).isGreaterThan(0.5);
    assertThat(periods.get(0).pValue()).isLessThan(1e-6);
    assertThat(periods).extracting(Periodicity.Period::lag).doesNotContain(14, 21, 28);
    assertThat(periods.get(0).sentence("gc events on dc0-api01", 1, "minutes"))
        .matches("gc events on dc0-api01 recur every 7\\.00 minutes \\(autocorrelation 0\\.\\d\\d, p < 0\\.001, n = 1440\\)");
  }

  @Test
  void nightlyCronInHourlyCounts() {
    // 14 days of hourly error counts: a burst of about 40 at 02:00 each night over a level of 10.
    Random random = new Random(3);
    double[] series = new double[14 * 24];
    for (int t = 0; t < series.length; t++) {
      series[t] = 10 + 3 * random.nextGaussian() + (t % 24 == 2 ? 40 : 0);
    }

    List<Periodicity.Period> periods = Periodicity.of(series, 24 * 7);

    assertThat(periods).extracting(Periodicity.Period::lag).containsExactly(24);
  }

  @Test
  void noiseAndTrendsHaveNoPeriod() {
    Random random = new Random(9);
    double[] noise = new double[2000];
    double[] drifting = new double[2000];
    double walk = 0;
    for (int t = 0; t < noise.length; t++) {
      noise[t] = random.nextGaussian();
      walk += random.nextGaussian();
      drifting[t] = 0.05 * t + walk;
    }

    assertThat(Periodicity.of(noise, 500)).isEmpty();
    assertThat(Periodicity.of(drifting, 500)).isEmpty();
  }
}
