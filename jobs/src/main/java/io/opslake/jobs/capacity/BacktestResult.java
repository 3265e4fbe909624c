package io.opslake.jobs.capacity;

import java.util.List;
import java.util.Locale;

/**
 * What a {@link ForecastBacktest} measured.
 *
 * @param series what was forecast
 * @param holdout points forecast per origin
 * @param origins forecast origins
 * @param forecasts forecast points compared with actuals
 * @param mape mean absolute percentage error, in percent, over actuals ≠ 0
 * @param coverage80 share of actuals inside the 80 % intervals
 * @param coverage95 share of actuals inside the 95 % intervals
 * @param models the model chosen at each origin
 */
public record BacktestResult(
    String series, int holdout, int origins, int forecasts, double mape, double coverage80, double coverage95,
    List<String> models) {
  public BacktestResult {
    models = List.copyOf(models);
  }

  /** One sentence for a planner. */
  public String sentence() {
    return String.format(Locale.ROOT,
        "%s backtest over the last %d weeks (%d origin%s): MAPE %.1f %%, %.0f %% of actuals inside the 80 %% "
            + "intervals and %.0f %% inside the 95 %% intervals", series, holdout, origins, origins == 1 ? "" : "s",
        mape, 100 * coverage80, 100 * coverage95);
  }
}
