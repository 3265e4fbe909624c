package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Backtests {@link DemandForecaster} on a history: fit on all but the last k points, forecast
 * those k, and compare; with several origins, the cut moves back one point at a time (rolling
 * origin, Tashman 2000) and the errors are pooled.
 *
 * <p>Reports the mean absolute percentage error over all forecast points with a non-zero actual
 * and the share of actuals inside the 80 % and 95 % intervals, which should be near 0.80 and 0.95
 * when the intervals are honest.
 *
 * <p>Cost: one model selection (up to nine fits) per origin.
 *
 * <p>Reference: L. J. Tashman, "Out-of-sample tests of forecasting accuracy: an analysis and
 * review", International Journal of Forecasting 16, 2000.
 */
public final class ForecastBacktest {
  private final int holdout;
  private final int origins;
  private final int seasonalPeriod;

  /**
   * @param holdout points forecast at each origin (k)
   * @param origins forecast origins, the last at n − k, each earlier one a point before
   * @param seasonalPeriod passed to the forecaster
   */
  public ForecastBacktest(int holdout, int origins, int seasonalPeriod) {
    if (holdout < 1 || origins < 1) {
      throw OpslakeException.usage(String.format(Locale.ROOT,
          "Cannot backtest: holdout and origins must be at least 1, got %d and %d", holdout, origins));
    }
    this.holdout = holdout;
    this.origins = origins;
    this.seasonalPeriod = seasonalPeriod;
  }

  /** Runs the backtest on {@code history}; refuses (as the forecaster does) a too-short training part. */
  public BacktestResult run(String series, double[] history) {
    DemandForecaster forecaster = new DemandForecaster(holdout, seasonalPeriod);
    double absolutePercent = 0;
    int percentCount = 0;
    int inside80 = 0;
    int inside95 = 0;
    int count = 0;
    List<String> models = new ArrayList<>();
    for (int origin = 0; origin < origins; origin++) {
      int cut = history.length - holdout - (origins - 1 - origin);
      if (cut < 1) {
        throw OpslakeException.data(String.format(Locale.ROOT,
            "Cannot backtest %s: %d points cannot give %d origins of %d", series, history.length, origins, holdout));
      }
      DemandForecast forecast = forecaster.forecast(series, Arrays.copyOf(history, cut));
      models.add(forecast.model());
      for (DemandForecast.Point point : forecast.forecast()) {
        double actual = history[cut + point.step() - 1];
        if (actual != 0) {
          absolutePercent += Math.abs((actual - point.mean()) / actual);
          percentCount++;
        }
        inside80 += actual >= point.lower80() && actual <= point.upper80() ? 1 : 0;
        inside95 += actual >= point.lower95() && actual <= point.upper95() ? 1 : 0;
        count++;
      }
    }
    return new BacktestResult(series, holdout, origins, count,
        percentCount > 0 ? 100 * absolutePercent / percentCount : Double.NaN, (double) inside80 / count,
        (double) inside95 / count, models);
  }
}
