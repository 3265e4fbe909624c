package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.OpslakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Model selection, refusals and interval coverage. Coverage is checked on series simulated from
 * known ETS processes (fixed seeds): no published figure exists for our selection procedure.
 */
class DemandForecasterTest {

  /** An ETS(A,A,N) path (β = 0 gives a local level with drift b0). */
  private static double[] simulate(Random random, int n, double alpha, double beta, double level, double trend,
      double sigma) {
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      double error = sigma * random.nextGaussian();
      y[t] = level + trend + error;
      level = level + trend + alpha * error;
      trend = trend + beta * error;
    }
    return y;
  }

  @Test
  void horizonLongerThanHalfTheHistoryIsRefused() {
    double[] history = new double[20];
    java.util.Arrays.fill(history, 100);
    assertThatThrownBy(() -> new DemandForecaster(12, 0).forecast("web peak req/s", history))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot forecast demand of web peak req/s 12 weeks ahead from 20 weeks of history: the horizon may "
            + "be at most half the history (10 weeks)");
  }

  @Test
  void tooShortHistoryIsRefused() {
    assertThatThrownBy(() -> new DemandForecaster(2, 0).forecast("api", new double[] {1, 2, 3, 4, 5}))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot forecast demand of api: 5 weeks of history; a forecast needs at least 8");
  }

  @Test
  void yearlySeasonWithTooLittleHistoryComparesOnlyNonSeasonalModels() {
    double[] history = simulate(new Random(3), 60, 0.4, 0.05, 1000, 5, 10);
    DemandForecast forecast = new DemandForecaster(12, 52).forecast("web", history);

    assertThat(forecast.compared()).containsExactly("ETS(A,N,N)", "ETS(A,A,N)", "ETS(A,Ad,N)");
    assertThat(forecast.forecast()).hasSize(12);
    assertThat(forecast.sentence()).startsWith("web in 12 weeks: ");
  }

  @Test
  void seasonalSeriesChoosesASeasonalModel() {
    // Quarterly-like period 4 with a strong additive season and trend, 40 points.
    Random random = new Random(5);
    double[] season = {30, -10, -25, 5};
    double[] history = new double[40];
    for (int t = 0; t < history.length; t++) {
      history[t] = 500 + 4 * t + season[t % 4] + 3 * random.nextGaussian();
    }
    DemandForecast forecast = new DemandForecaster(8, 4).forecast("shop", history);

    assertThat(forecast.model()).matches("ETS\\(A,(N|A|Ad),A\\)\\[4\\]");
    // The next point is at t = 40, phase 0: 500 + 160 + 30 = 690.
    assertThat(forecast.forecast().get(0).mean()).isCloseTo(690, within(10.0));
  }

  /** An ETS(A,Ad,N) path: a damped trend that levels off. */
  private static double[] simulateDamped(Random random, int n, double alpha, double beta, double phi, double level,
      double trend, double sigma) {
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      double error = sigma * random.nextGaussian();
      double base = level + phi * trend;
      y[t] = base + error;
      level = base + alpha * error;
      trend = phi * trend + beta * error;
    }
    return y;
  }

  /** Coverage and MAPE of {@link ForecastBacktest} (12 held out, one origin) pooled over series. */
  private static double[] backtestCoverage(String family, List<double[]> series) {
    // Series are drawn sequentially (fixed seed) and backtested in parallel.
    PooledCoverage pooled = PooledCoverage.of(series, y -> new ForecastBacktest(12, 1, 0).run("sim", y))
        .print(family, series.size());
    return new double[] {pooled.coverage80(), pooled.coverage95()};
  }

  @Test
  void intervalCoverageIsWithinTenPointsOfNominalOnSimulatedSeries() {
    // Family 1: 100 series each from ETS(A,A,N) (α = 0.4, β = 0.05) and from a local level with
    // drift (α = 0.3, β = 0); 60 weeks of history, the next 12 held out. Family 2: 100 series from
    // a damped trend ETS(A,Ad,N) (α = 0.5, β = 0.1, φ = 0.9). Coverage is pooled over 2,400 and
    // 1,200 forecasts; the binomial standard error at 0.8 is about 0.8 and 1.2 points, more in
    // truth because the 12 steps of one series are correlated.
    Random random = new Random(20261102);
    List<double[]> holt = new ArrayList<>();
    for (int series = 0; series < 200; series++) {
      holt.add(series % 2 == 0 ? simulate(random, 72, 0.4, 0.05, 1000, 5, 20)
          : simulate(random, 72, 0.3, 0, 1000, 3, 20));
    }
    Random dampedRandom = new Random(20261103);
    List<double[]> damped = new ArrayList<>();
    for (int series = 0; series < 100; series++) {
      damped.add(simulateDamped(dampedRandom, 72, 0.5, 0.1, 0.9, 500, 10, 15));
    }

    double[] holtCoverage = backtestCoverage("Holt and drift", holt);
    double[] dampedCoverage = backtestCoverage("damped trend", damped);

    assertThat(holtCoverage[0]).isCloseTo(0.80, within(0.10));
    assertThat(holtCoverage[1]).isCloseTo(0.95, within(0.10));
    assertThat(dampedCoverage[0]).isCloseTo(0.80, within(0.10));
    assertThat(dampedCoverage[1]).isCloseTo(0.95, within(0.10));
  }

  @Test
  void splitConformalQuantileNeedsEnoughErrors() {
    // ⌈(N + 1)p⌉-th smallest: N = 4 at 80 % is rank 4; N = 3 would need rank 4 > 3, so none.
    assertThat(SplitConformal.conformalQuantile(new double[] {4, 1, 3, 2}, 80)).isEqualTo(4);
    assertThat(SplitConformal.conformalQuantile(new double[] {1, 2, 3}, 80)).isNaN();
    // N = 19 at 95 % is rank 19, the largest.
    double[] nineteen = new double[19];
    for (int i = 0; i < 19; i++) {
      nineteen[i] = i + 1;
    }
    assertThat(SplitConformal.conformalQuantile(nineteen, 95)).isEqualTo(19);
  }

  @Test
  void stepsWithTooFewErrorsFollowTheModelsIntervalGrowth() {
    // Steps 1 and 2 have 4 errors each (enough at 80 %), step 3 only 2: its width is step 2's
    // scaled by the model's width ratio 6 / 4.
    double[][] errors = {{1, 2, 3, 4}, {2, 4, 6, 8}, {1, 1}};
    double[] widths = SplitConformal.halfWidths(errors, 80, new double[] {2, 4, 6});

    assertThat(widths).containsExactly(new double[] {4, 8, 12}, within(1e-12));
  }

  @Test
  void forecastReportsItsCalibration() {
    double[] history = simulate(new Random(11), 60, 0.4, 0.05, 1000, 5, 20);
    DemandForecast forecast = new DemandForecaster(12, 0).forecast("web", history);

    assertThat(forecast.calibrationOrigins()).isEqualTo(30);
    assertThat(forecast.intervalMethod()).isIn("analytic", "analytic+conformal");
    for (DemandForecast.Point point : forecast.forecast()) {
      assertThat(point.lower95()).isLessThanOrEqualTo(point.lower80());
      assertThat(point.upper95()).isGreaterThanOrEqualTo(point.upper80());
    }
  }

  @Test
  void rollingOriginBacktestReportsMapeAndCoverage() {
    double[] y = simulate(new Random(9), 80, 0.4, 0.05, 1000, 5, 20);
    BacktestResult result = new ForecastBacktest(12, 4, 0).run("web", y);

    assertThat(result.forecasts()).isEqualTo(48);
    assertThat(result.models()).hasSize(4);
    assertThat(result.mape()).isBetween(0.0, 20.0);
    assertThat(result.sentence()).startsWith("web backtest over the last 12 weeks (4 origins): MAPE ");
  }
}
