package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weekly peak-hour demand ahead of an as-of date, from the daily peaks of an hourly throughput.
 *
 * <p>The history is the peak hour of each day (its largest hourly page loads), oldest first, ending
 * on the as-of date D. {@link DemandForecaster} forecasts it 7 × weeks days ahead with a weekly
 * season (period 7: weekends differ from weekdays) and a trend, choosing the ETS model by AICc, so
 * the horizon may be at most half the days of history (12 weeks need 168 days). Week w covers days
 * D + 7(w − 1) + 1 … D + 7w; its peak is the day with the largest median forecast, whose median
 * and 95 % upper bound are the week's.
 *
 * <p>The backtest ({@link ForecastBacktest}) forecasts k = 7 days from up to 14 origins (the last
 * at n − 7, each earlier one a day before), each trained on at least {@value #BACKTEST_TRAINING_DAYS}
 * days. That minimum is what makes the backtest's intervals the ones the forecast would give: the
 * forecaster calibrates its intervals on the second half of its history, and a calibration that
 * can choose a weekly-seasonal model needs two whole weeks in the first half, so four weeks of
 * training. On a shorter history a backtest would score intervals that no forecast of this job uses
 * (uncalibrated, seasonless) and the job says so instead of reporting a coverage.
 *
 * <p>Cost: driver only; one model selection for the forecast, one for its calibration, one per
 * backtest origin.
 */
public final class WeeklyPeakForecast {
  /** Season of the daily peaks. */
  public static final int WEEK_DAYS = 7;
  /** Fewest days of training per backtest origin: two weekly seasons in each half. */
  public static final int BACKTEST_TRAINING_DAYS = 4 * WEEK_DAYS;
  /** Most backtest origins. */
  static final int BACKTEST_ORIGINS = 2 * WEEK_DAYS;

  private WeeklyPeakForecast() {}

  /**
   * The forecast of {@code weeks} weeks after {@code asOf}.
   *
   * @param series what is forecast, for messages
   * @param dailyPeaks one peak per day, the last on {@code asOf}
   */
  public static Outcome forecast(String series, double[] dailyPeaks, LocalDate asOf, int weeks) {
    int days = dailyPeaks.length;
    int horizon = weeks * WEEK_DAYS;
    if (horizon > days / 2) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot forecast demand of %s %d weeks ahead from %d days of history: the horizon may be at most half the"
              + " history, so %d weeks need %d days", series, weeks, days, weeks, 2 * horizon));
    }
    DemandForecast daily = new DemandForecaster(horizon, WEEK_DAYS).forecast(series, dailyPeaks);
    List<FleetPlanner.WeekDemand> weekly = new ArrayList<>();
    for (int week = 0; week < weeks; week++) {
      DemandForecast.Point peak = null;
      for (int day = week * WEEK_DAYS; day < (week + 1) * WEEK_DAYS; day++) {
        DemandForecast.Point point = daily.forecast().get(day);
        if (peak == null || point.mean() > peak.mean()) {
          peak = point;
        }
      }
      weekly.add(new FleetPlanner.WeekDemand(asOf.plusDays(1 + (long) week * WEEK_DAYS), peak.mean(),
          peak.upper95()));
    }
    String tooShort = backtestRefusal(dailyPeaks.length);
    return new Outcome(daily, weekly, tooShort == null ? backtest(series, dailyPeaks) : null, tooShort);
  }

  /** Why {@code days} of daily peaks cannot be backtested honestly; null when they can. */
  static String backtestRefusal(int days) {
    int needed = BACKTEST_TRAINING_DAYS + WEEK_DAYS;
    if (days >= needed) {
      return null;
    }
    return String.format(Locale.ROOT,
        "no backtest: %d days of history; an honest one needs %d (%d days of training, so that the forecast's"
            + " intervals are calibrated on two weekly seasons it was not fitted on, plus %d days to compare)", days,
        needed, BACKTEST_TRAINING_DAYS, WEEK_DAYS);
  }

  /** The backtest of the last week of {@code dailyPeaks}; refuses (data error) a history too short for it. */
  public static BacktestResult backtest(String series, double[] dailyPeaks) {
    String tooShort = backtestRefusal(dailyPeaks.length);
    if (tooShort != null) {
      throw OpslakeException.data("Cannot backtest " + series + ": " + tooShort);
    }
    int origins = Math.min(BACKTEST_ORIGINS, dailyPeaks.length - WEEK_DAYS - BACKTEST_TRAINING_DAYS + 1);
    return new ForecastBacktest(WEEK_DAYS, origins, WEEK_DAYS).run(series, dailyPeaks);
  }

  /**
   * The forecast.
   *
   * @param daily the daily forecast the weeks come from
   * @param weeks demand per week
   * @param backtest the backtest; null when the history is too short for one
   * @param backtestRefusal why there is no backtest; null when there is one
   */
  public record Outcome(DemandForecast daily, List<FleetPlanner.WeekDemand> weeks, BacktestResult backtest,
      String backtestRefusal) {
    public Outcome {
      weeks = List.copyOf(weeks);
    }
  }
}
