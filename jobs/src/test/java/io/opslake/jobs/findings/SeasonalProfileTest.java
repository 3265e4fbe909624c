package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link SeasonalProfile} on constructed hourly series of 28 days from Monday 2026-10-05 00:00 UTC,
 * with factors computed by hand: a series that is exactly periodic leaves STL no remainder, so its
 * seasonal strength is 1.
 */
class SeasonalProfileTest {
  private static final Instant MONDAY = Instant.parse("2026-10-05T00:00:00Z");
  private static final int HOURS = 28 * 24;

  @Test
  void aPureDailyCycleHasStrengthOneDailyDominanceAndItsHourFactors() {
    double[] series = new double[HOURS];
    for (int i = 0; i < HOURS; i++) {
      series[i] = 10 + 5 * Math.sin(2 * Math.PI * (i % 24) / 24);
    }
    SeasonalProfile profile = SeasonalProfile.of(series, MONDAY).orElseThrow();

    assertThat(profile.daily().strength()).isCloseTo(1.0, within(1e-9));
    assertThat(profile.weeklyDominant()).isFalse();
    assertThat(profile.dominant().period()).isEqualTo(24);
    // Mean of the cells 10 (the sine sums to 0 over a day): factor of hour h = 1 + 0.5 sin(2πh/24).
    for (int hour = 0; hour < 24; hour++) {
      assertThat(profile.hourOfDayFactors()[hour]).isCloseTo(1 + 0.5 * Math.sin(2 * Math.PI * hour / 24),
          within(1e-12));
    }
    assertThat(profile.dayOfWeekFactors()).containsOnly(1.0);
  }

  @Test
  void weekendsAtSixtyPercentMakeAWeeklyPatternWithItsDayFactors() {
    double[] series = new double[HOURS];
    for (int i = 0; i < HOURS; i++) {
      int dayOfWeek = (i / 24) % 7;
      series[i] = (dayOfWeek >= 5 ? 0.6 : 1.0) * (10 + 5 * Math.sin(2 * Math.PI * (i % 24) / 24));
    }
    SeasonalProfile profile = SeasonalProfile.of(series, MONDAY).orElseThrow();

    assertThat(profile.weekly().strength()).isCloseTo(1.0, within(1e-9));
    assertThat(profile.weeklyDominant()).isTrue();
    assertThat(profile.dominant().period()).isEqualTo(168);
    // Mean of the cells 10 × (5 + 2 × 0.6) / 7 = 8.857: weekdays 7 / 6.2 = 1.129, weekends 4.2 / 6.2 = 0.677.
    double[] days = profile.dayOfWeekFactors();
    for (int day = 0; day < 7; day++) {
      assertThat(days[day]).isCloseTo(day >= 5 ? 4.2 / 6.2 : 7 / 6.2, within(1e-12));
    }
    // The hour factors are the same as without weekends: the weekend scales every hour alike.
    assertThat(profile.hourOfDayFactors()[6]).isCloseTo(1.5, within(1e-12));
    assertThat(SeasonalProfile.json(days)).isEqualTo("[1.129,1.129,1.129,1.129,1.129,0.677,0.677]");
  }

  @Test
  void aConstantSeriesHasNoSeasonalityAndUnitFactors() {
    double[] series = new double[HOURS];
    java.util.Arrays.fill(series, 7);
    SeasonalProfile profile = SeasonalProfile.of(series, MONDAY).orElseThrow();

    assertThat(profile.daily().strength()).isZero();
    assertThat(profile.weekly().strength()).isZero();
    assertThat(profile.hourOfDayFactors()).containsOnly(1.0);
  }

  @Test
  void lessThanTwoWeeksOrAllZeroIsRefusedOrUndefined() {
    assertThat(SeasonalProfile.of(new double[SeasonalProfile.MIN_HOURS - 1], MONDAY)).isEmpty();
    SeasonalProfile zeros = SeasonalProfile.of(new double[HOURS], MONDAY).orElseThrow();
    assertThat(SeasonalProfile.json(zeros.hourOfDayFactors())).startsWith("[null,null,");
  }
}
