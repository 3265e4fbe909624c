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
 * and 95 % upper bound are the week's. The backtest ({@link ForecastBacktest}) forecasts the last
 * k = min(7, n/4) days from up to 7 origins, each with at least max(8, 2k) days of training.
 *
 * <p>Cost: driver only; one model selection for the forecast, one for its calibration, one per
 * backtest origin.
 */
public final class WeeklyPeakForecast {
  /** Season of the daily peaks. */
  public static final int WEEK_DAYS = 7;

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
    return new Outcome(daily, weekly, backtest(series, dailyPeaks));
  }

  /** The backtest, or null when the history is too short for one origin. */
  static BacktestResult backtest(String series, double[] dailyPeaks) {
    int days = dailyPeaks.length;
    int holdout = Math.min(WEEK_DAYS, days / 4);
    int training = Math.max(DemandForecaster.MIN_POINTS, 2 * holdout);
    int origins = Math.min(WEEK_DAYS, days - holdout - training + 1);
    if (holdout < 1 || origins < 1) {
      return null;
    }
    return new ForecastBacktest(holdout, origins, WEEK_DAYS).run(series, dailyPeaks);
  }

  /**
   * The forecast.
   *
   * @param daily the daily forecast the weeks come from
   * @param weeks demand per week
   * @param backtest the backtest; null when the history is too short for one
   */
  public record Outcome(DemandForecast daily, List<FleetPlanner.WeekDemand> weeks, BacktestResult backtest) {
    public Outcome {
      weeks = List.copyOf(weeks);
    }
  }
}
