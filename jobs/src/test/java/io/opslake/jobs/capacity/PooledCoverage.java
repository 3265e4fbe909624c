package io.opslake.jobs.capacity;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The coverage of many backtests pooled: the share of all their forecasts inside the 80 % and 95 %
 * intervals, the number of forecasts and the mean MAPE. The backtests run in parallel; each is
 * deterministic, so the figures do not depend on the scheduling.
 */
record PooledCoverage(double coverage80, double coverage95, long forecasts, double meanMape) {
  static PooledCoverage of(List<double[]> series, Function<double[], BacktestResult> backtest) {
    List<BacktestResult> results = series.parallelStream().map(backtest).toList();
    long inside80 = 0;
    long inside95 = 0;
    long count = 0;
    double mape = 0;
    for (BacktestResult result : results) {
      inside80 += Math.round(result.coverage80() * result.forecasts());
      inside95 += Math.round(result.coverage95() * result.forecasts());
      count += result.forecasts();
      mape += result.mape() / results.size();
    }
    return new PooledCoverage((double) inside80 / count, (double) inside95 / count, count, mape);
  }

  /** Prints the figures, so a test's log shows how far from nominal they are. */
  PooledCoverage print(String family, int seriesCount) {
    System.out.printf(Locale.ROOT, "%s: 80 %% -> %.3f, 95 %% -> %.3f over %d forecasts of %d series; mean MAPE %.2f %%%n",
        family, coverage80, coverage95, forecasts, seriesCount, meanMape);
    return this;
  }
}
