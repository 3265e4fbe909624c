package io.opslake.jobs.findings;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * The weekly profile and seasonal strength of an hourly series. The profile is the mean per UTC
 * day-of-week × hour-of-day cell (7 × 24, NaN where a cell had no value). The strength is Wang, Smith
 * and Hyndman's F_S = max(0, 1 − Var(R) / Var(S + R)) of an STL decomposition ({@link Stl}, periodic
 * seasonal component): 0 when the season explains nothing beyond the noise, near 1 when the remainder
 * is small beside it. The period is a week (168 hours) when the series holds at least two weeks,
 * otherwise a day (24 hours) when it holds at least two days; shorter series are refused (empty).
 * Missing hours (NaN) are filled with their profile cell's mean before STL; more than 20 % missing is
 * refused.
 *
 * <p>Cost per series: O(n · period) time for STL and O(n) memory (a year of hours: 8760 points, a few
 * milliseconds).
 *
 * <p>References: R. B. Cleveland, W. S. Cleveland, J. E. McRae, I. Terpenning, "STL: a seasonal-trend
 * decomposition procedure based on loess", J. Official Statistics 6(1), 1990; X. Wang, K. Smith, R.
 * Hyndman, "Characteristic-based clustering for time series data", Data Mining and Knowledge
 * Discovery 13, 2006; R. J. Hyndman, G. Athanasopoulos, <i>Forecasting: Principles and Practice</i>,
 * 3rd ed., §4.3 (strength of seasonality).
 */
public final class Seasonality {
  /** Hours in a week and a day. */
  public static final int WEEK = 168;

  public static final int DAY = 24;

  /** Above this share of missing hours the series is refused. */
  public static final double MAX_MISSING = 0.2;

  private Seasonality() {}

  /**
   * Profile and strength of an hourly series whose first value is the hour starting at {@code
   * start}.
   */
  public static Optional<Result> of(double[] hourly, Instant start) {
    return of(hourly, start, hourly.length >= 2 * WEEK ? WEEK : DAY);
  }

  /**
   * Profile and strength with the STL period forced to {@code period} hours ({@link #DAY} or {@link
   * #WEEK}); empty below two periods of hours.
   */
  public static Optional<Result> of(double[] hourly, Instant start, int period) {
    int n = hourly.length;
    if (n < 2 * period) {
      return Optional.empty();
    }
    ZonedDateTime first = start.atZone(ZoneOffset.UTC);
    int firstCell = (first.getDayOfWeek().getValue() - 1) * DAY + first.getHour();
    double[] sum = new double[WEEK];
    int[] count = new int[WEEK];
    int missing = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(hourly[i])) {
        missing++;
      } else {
        sum[(firstCell + i) % WEEK] += hourly[i];
        count[(firstCell + i) % WEEK]++;
      }
    }
    if (missing > MAX_MISSING * n) {
      return Optional.empty();
    }
    double[] profile = new double[WEEK];
    for (int cell = 0; cell < WEEK; cell++) {
      profile[cell] = count[cell] == 0 ? Double.NaN : sum[cell] / count[cell];
    }
    double[] filled = new double[n];
    for (int i = 0; i < n; i++) {
      filled[i] = Double.isNaN(hourly[i]) ? fill(profile, (firstCell + i) % WEEK) : hourly[i];
    }
    Stl.Components components = Stl.decompose(filled, period);
    double[] seasonalPlusRemainder = new double[n];
    for (int i = 0; i < n; i++) {
      seasonalPlusRemainder[i] = components.seasonal()[i] + components.remainder()[i];
    }
    Variance variance = new Variance();
    double total = variance.evaluate(seasonalPlusRemainder);
    // A flat series leaves only rounding noise in S + R: no season, not a ratio of two noises.
    double level = new org.apache.commons.math3.stat.descriptive.moment.Mean().evaluate(filled);
    double strength = total <= 1e-18 * (1 + level * level)
        ? 0
        : Math.max(0, 1 - variance.evaluate(components.remainder()) / total);
    return Optional.of(new Result(n, missing, period, strength, profile));
  }

  /** A cell's mean, or the mean of the same hour on the other days when the cell is empty. */
  private static double fill(double[] profile, int cell) {
    double sum = 0;
    int count = 0;
    for (int day = 0; day < 7; day++) {
      double value = profile[day * DAY + cell % DAY];
      if (!Double.isNaN(value)) {
        sum += value;
        count++;
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  /**
   * A seasonality finding.
   *
   * @param n hours in the series
   * @param missing hours filled from the profile
   * @param period STL period in hours, 168 or 24
   * @param strength F_S in [0, 1]
   * @param profile mean per cell, index (day of week − 1) · 24 + hour of day, Monday 00:00 UTC first
   */
  public record Result(int n, int missing, int period, double strength, double[] profile) {
    public Result {
      profile = profile.clone();
    }

    @Override
    public double[] profile() {
      return profile.clone();
    }

    /** The profile's mean at a day of week and hour (UTC). */
    public double profile(DayOfWeek day, int hour) {
      return profile[(day.getValue() - 1) * DAY + hour];
    }

    /** The busiest cell of the profile as (day, hour). */
    public int peakCell() {
      int best = 0;
      for (int cell = 1; cell < WEEK; cell++) {
        if (!(profile[cell] <= profile[best])) {
          best = Double.isNaN(profile[cell]) ? best : cell;
        }
      }
      return best;
    }

    /** The hour of day (UTC) whose mean over the days of the week is highest (a daily pattern's peak). */
    public int peakHour() {
      int best = 0;
      double bestMean = Double.NEGATIVE_INFINITY;
      for (int hour = 0; hour < DAY; hour++) {
        double sum = 0;
        int count = 0;
        for (int day = 0; day < 7; day++) {
          if (!Double.isNaN(profile[day * DAY + hour])) {
            sum += profile[day * DAY + hour];
            count++;
          }
        }
        if (count > 0 && sum / count > bestMean) {
          bestMean = sum / count;
          best = hour;
        }
      }
      return best;
    }

    /** E.g. "page loads have a strong weekly pattern (strength 0.93 over 28 days), peaking Tuesdays 14:00 UTC". */
    public String sentence(String what) {
      String kind = strength >= 0.64 ? "a strong" : strength >= 0.3 ? "a moderate" : "little or no";
      int peak = period == WEEK ? peakCell() : peakHour();
      String day = DayOfWeek.of(peak / DAY + 1).getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ROOT);
      return what
          + " have "
          + kind
          + (period == WEEK ? " weekly" : " daily")
          + " pattern (seasonal strength "
          + FindingText.format("%.2f", strength)
          + " over "
          + FindingText.format("%.1f", n / 24.0).replace(".0", "")
          + " days, STL)"
          + (strength >= 0.3
              ? ", peaking "
                  + (period == WEEK ? day + "s " : "at ")
                  + FindingText.format("%02d:00 UTC", peak % DAY)
              : "");
    }
  }
}
