package io.opslake.jobs.findings;

import java.time.Instant;
import java.util.Optional;

/**
 * The seasonality finding of one hourly series: {@link Seasonality} run twice, with a daily (24 h)
 * and a weekly (168 h) STL period, the dominant period, and the weekly profile folded into 24
 * hour-of-day and 7 day-of-week factors.
 *
 * <ul>
 *   <li>Dominant period: weekly when the weekly strength exceeds the daily one by at least {@link
 *       #WEEKLY_MARGIN} (a weekly component also holds the daily one, and fits 168 means instead of
 *       24, so it needs a margin to be worth it), or when the day-of-week factors span at least
 *       {@link #WEEKDAY_SPAN} (days differ by a quarter of the mean: the daily fit's trend absorbs a
 *       weekend step, so the strengths alone miss it); otherwise daily; {@code strength} is the
 *       dominant period's.
 *   <li>Factors: with M the mean of the 168 cells of the profile, the factor of hour h is the mean of
 *       the cells of hour h (over the days of the week) divided by M, the factor of a weekday the mean
 *       of its 24 cells divided by M: 1.0 is an average hour (day), 1.8 is 80 % busier. Empty cells
 *       are left out; the factors are undefined (NaN) when M ≤ 0.
 * </ul>
 *
 * <p>Cost per series: two STL fits, O(n · 168), a few arrays of n doubles.
 */
public record SeasonalProfile(
    Seasonality.Result daily, Seasonality.Result weekly, double[] hourOfDayFactors, double[] dayOfWeekFactors) {
  /** Hours of history a series needs: two weeks. */
  public static final int MIN_HOURS = 2 * Seasonality.WEEK;

  /** Weekly strength over daily strength needed to call the weekly period dominant. */
  public static final double WEEKLY_MARGIN = 0.1;

  /** Span of the day-of-week factors (largest minus smallest) that makes the weekly period dominant. */
  public static final double WEEKDAY_SPAN = 0.25;

  public SeasonalProfile {
    hourOfDayFactors = hourOfDayFactors.clone();
    dayOfWeekFactors = dayOfWeekFactors.clone();
  }

  /** The profile of an hourly series starting at {@code start}; empty below {@link #MIN_HOURS} or too sparse. */
  public static Optional<SeasonalProfile> of(double[] hourly, Instant start) {
    if (hourly.length < MIN_HOURS) {
      return Optional.empty();
    }
    Optional<Seasonality.Result> daily = Seasonality.of(hourly, start, Seasonality.DAY);
    Optional<Seasonality.Result> weekly = Seasonality.of(hourly, start, Seasonality.WEEK);
    if (daily.isEmpty() || weekly.isEmpty()) {
      return Optional.empty();
    }
    double[] cells = weekly.get().profile();
    double[] hours = new double[Seasonality.DAY];
    double[] days = new double[7];
    double mean = meanOf(cells, 0, Seasonality.WEEK, 1);
    for (int hour = 0; hour < Seasonality.DAY; hour++) {
      hours[hour] = meanOf(cells, hour, Seasonality.WEEK, Seasonality.DAY) / mean;
    }
    for (int day = 0; day < 7; day++) {
      days[day] = meanOf(cells, day * Seasonality.DAY, (day + 1) * Seasonality.DAY, 1) / mean;
    }
    if (!(mean > 0)) {
      java.util.Arrays.fill(hours, Double.NaN);
      java.util.Arrays.fill(days, Double.NaN);
    }
    return Optional.of(new SeasonalProfile(daily.get(), weekly.get(), hours, days));
  }

  private static double meanOf(double[] cells, int from, int to, int step) {
    double sum = 0;
    int count = 0;
    for (int i = from; i < to; i += step) {
      if (!Double.isNaN(cells[i])) {
        sum += cells[i];
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  public boolean weeklyDominant() {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double factor : dayOfWeekFactors) {
      low = Math.min(low, factor);
      high = Math.max(high, factor);
    }
    return weekly.strength() >= daily.strength() + WEEKLY_MARGIN || high - low >= WEEKDAY_SPAN;
  }

  /** The dominant period's result. */
  public Seasonality.Result dominant() {
    return weeklyDominant() ? weekly : daily;
  }

  @Override
  public double[] hourOfDayFactors() {
    return hourOfDayFactors.clone();
  }

  @Override
  public double[] dayOfWeekFactors() {
    return dayOfWeekFactors.clone();
  }

  /** Factors as a JSON array with three decimals, null for an undefined factor: {@code [0.412,1.8,...]}. */
  static String json(double[] factors) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < factors.length; i++) {
      json.append(i == 0 ? "" : ",");
      json.append(Double.isFinite(factors[i]) ? FindingText.format("%.3f", factors[i]) : "null");
    }
    return json.append(']').toString();
  }
}
