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

  @Test
  void autocorrelationOfAPeriodThreeSeriesByHand() {
    // x = 2, −1, −1, 2, −1, −1 (mean 0): Σx² = 12; lag 1: −2 + 1 − 2 − 2 + 1 = −4 → −1/3;
    // lag 2: −2 − 2 + 1 − 2 = −5 → −5/12; lag 3: 4 + 1 + 1 = 6 → 1/2 (the period shows as the peak).
    assertThat(Periodicity.autocorrelation(new double[] {2, -1, -1, 2, -1, -1}))
        .startsWith(new double[] {1, -1.0 / 3, -5.0 / 12, 0.5}, within(1e-12));
  }

  @Test
  void periodogramAndFishersGByHand() {
    // x_t = cos(2π·2t/8) + 0.5 cos(2π·t/8), n = 8: a cosine of amplitude A at Fourier frequency j has
    // |X_j| = A·n/2, so I(j) = A²·n/4: I(1) = 0.5, I(2) = 2, I(3) = 0 (m = 3).
    double[] x = new double[8];
    for (int t = 0; t < 8; t++) {
      x[t] = Math.cos(2 * Math.PI * 2 * t / 8) + 0.5 * Math.cos(2 * Math.PI * t / 8);
    }
    assertThat(Periodicity.periodogram(x)).containsExactly(new double[] {0, 0.5, 2, 0}, within(1e-12));
    // g = 2 / 2.5 = 0.8 > 1/2, where the first term is exact: P = 3 · 0.2² = 0.12.
    assertThat(Periodicity.fisherPValue(0.8, 3)).isCloseTo(0.12, within(1e-12));
    assertThat(Periodicity.fisherPValue(0.01, 3)).isEqualTo(1.0);
  }

  @Test
  void aDailyCycleInFourDaysOfHourlyCountsIsTheSpectralPeak() {
    // Four days of hourly page loads: 1000 (1 + 0.8 cos(2π(h − 15)/24)), 2 % growth a day, noise.
    Random random = new Random(11);
    double[] hourly = new double[96];
    for (int t = 0; t < hourly.length; t++) {
      hourly[t] = 1000 * (1 + 0.02 * t / 24.0) * (1 + 0.8 * Math.cos(2 * Math.PI * (t % 24 - 15) / 24))
          + 30 * random.nextGaussian();
    }

    Periodicity.Period daily = Periodicity.spectralPeak(hourly).orElseThrow();

    assertThat(daily.lag()).isEqualTo(24);
    assertThat(daily.strength()).isGreaterThan(0.9);
    assertThat(daily.pValue()).isLessThan(1e-20);
    assertThat(daily.sentence("page loads", 1, "hours", "Fisher's g"))
        .startsWith("page loads recur every 24.0 hours (Fisher's g 0.9");
    // The ACF's Bartlett bound on 96 points is too wide for this smooth cycle (see the class doc).
    assertThat(Periodicity.of(hourly, 168)).isEmpty();
  }

  @Test
  void noiseHasNoSpectralPeak() {
    Random random = new Random(9);
    double[] noise = new double[500];
    for (int t = 0; t < noise.length; t++) {
      noise[t] = random.nextGaussian();
    }
    assertThat(Periodicity.spectralPeak(noise)).isEmpty();
  }
}
