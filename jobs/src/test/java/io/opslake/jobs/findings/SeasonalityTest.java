package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalityTest {
  private static final Instant MONDAY = Instant.parse("2026-10-05T00:00:00Z");

  /** Trend 100 + 0.02·t, daily sine of amplitude 20 peaking at 14:00, weekend −30 %, noise σ = 2. */
  private static double[] trafficLike(int hours, long seed, double noise) {
    Random random = new Random(seed);
    double[] series = new double[hours];
    for (int t = 0; t < hours; t++) {
      int hour = t % 24;
      boolean weekend = (t / 24) % 7 >= 5;
      double season = 20 * Math.cos(2 * Math.PI * (hour - 14) / 24.0) * (weekend ? 0.7 : 1);
      series[t] = 100 + 0.02 * t + season + noise * random.nextGaussian();
    }
    return series;
  }

  /**
   * Synthetic trend + season + noise (no published decomposition of such a series): STL must recover
   * the planted seasonal component within 1.5 (7.5 % of its amplitude 20) at every hour away from the
   * first and last week, and the trend within 1.5 there. The noise has σ = 0.5 (a periodic seasonal
   * value is the mean of 4 weeks, its own noise σ = 0.25); the largest deviation seen, about 1.0, is
   * at the daily troughs: loess smoothing flattens the extremes a little.
   */
  @Test
  void stlRecoversPlantedComponents() {
    int hours = 28 * 24;
    double[] series = trafficLike(hours, 3, 0.5);

    Stl.Components components = Stl.decompose(series, Seasonality.WEEK);

    double[] clean = trafficLike(hours, 3, 0);
    double seasonMean = 0;
    for (int t = 0; t < hours; t++) {
      seasonMean += (clean[t] - 100 - 0.02 * t) / hours;
    }
    for (int t = 168; t < hours - 168; t++) {
      double season = clean[t] - 100 - 0.02 * t - seasonMean;
      assertThat(components.seasonal()[t]).as("seasonal at %d", t).isCloseTo(season, within(1.5));
      assertThat(components.trend()[t]).as("trend at %d", t).isCloseTo(100 + 0.02 * t + seasonMean, within(1.5));
    }
  }

  @Test
  void strongWeeklyPatternAndItsProfile() {
    Seasonality.Result result = Seasonality.of(trafficLike(28 * 24, 5, 2), MONDAY).orElseThrow();

    assertThat(result.period()).isEqualTo(168);
    // Var(season) ≈ 20²/2 · 0.85 ≈ 170, Var(noise) = 4: F_S ≈ 1 − 4/174 ≈ 0.98.
    assertThat(result.strength()).isBetween(0.95, 1.0);
    assertThat(result.profile(DayOfWeek.TUESDAY, 14)).isCloseTo(100 + 20 + 0.02 * (24 + 14 + 168 * 1.5), within(3.0));
    assertThat(result.peakCell() % 24).isEqualTo(14);
    assertThat(result.sentence("page loads"))
        .startsWith("page loads have a strong weekly pattern (seasonal strength 0.9")
        .contains("over 28 days, STL), peaking ")
        .endsWith("14:00 UTC");
  }

  @Test
  void noiseHasNoSeasonality() {
    Random random = new Random(11);
    double[] series = new double[28 * 24];
    for (int t = 0; t < series.length; t++) {
      series[t] = 50 + 5 * random.nextGaussian();
    }

    Seasonality.Result result = Seasonality.of(series, MONDAY).orElseThrow();

    // Pure noise: the periodic seasonal part is the mean of 4 noise values per cell, Var ≈ 25/4,
    // so F_S ≈ 1 − 25/(25 + 6.25) ≈ 0.2 at most; a planted season scores above 0.95.
    assertThat(result.strength()).isLessThan(0.3);
    assertThat(result.sentence("retries")).startsWith("retries have little or no weekly pattern");
  }

  @Test
  void shortOrGappySeriesAreRefused() {
    assertThat(Seasonality.of(new double[47], MONDAY)).isEmpty();
    double[] gappy = trafficLike(72, 1, 1);
    for (int t = 0; t < 20; t++) {
      gappy[t] = Double.NaN;
    }
    assertThat(Seasonality.of(gappy, MONDAY)).isEmpty();
    assertThat(Seasonality.of(trafficLike(72, 1, 1), MONDAY).orElseThrow().period()).isEqualTo(24);
  }
}
