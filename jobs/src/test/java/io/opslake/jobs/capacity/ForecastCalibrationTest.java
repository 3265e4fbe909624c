package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.OpslakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Honesty of the demand forecast's 80 % and 95 % intervals as the capacity job uses them: daily
 * peaks of an hourly demand with trend, daily and weekly season and noise, forecast a week ahead
 * by {@link WeeklyPeakForecast#backtest}. The truth is known because the series are simulated
 * (fixed seeds); the requirement (issue 11) is coverage within 10 points of nominal.
 */
class ForecastCalibrationTest {

  /**
   * Daily peaks of a simulated hourly demand: level × growth^(hours/168) × (1 + amplitude ·
   * cos(2π(hour − peakHour)/24)) × (weekendFactor on days 5 and 6 of each week), times a day-level
   * lognormal shock (σ = dayNoise), plus Poisson-like hourly noise (Gaussian, variance = mean).
   */
  private static double[] dailyPeaks(Random random, int days, double level, double weeklyGrowth, double amplitude,
      int peakHour, double weekendFactor, double dayNoise) {
    double[] peaks = new double[days];
    for (int day = 0; day < days; day++) {
      double shock = Math.exp(dayNoise * random.nextGaussian());
      double weekend = day % 7 >= 5 ? weekendFactor : 1;
      double peak = 0;
      for (int hour = 0; hour < 24; hour++) {
        int t = day * 24 + hour;
        double mean = level * Math.pow(1 + weeklyGrowth, t / 168.0)
            * (1 + amplitude * Math.cos(2 * Math.PI * (hour - peakHour) / 24)) * weekend * shock;
        peak = Math.max(peak, Math.max(0, mean + Math.sqrt(mean) * random.nextGaussian()));
      }
      peaks[day] = Math.round(peak);
    }
    return peaks;
  }

  /** Pooled {coverage80, coverage95, forecasts, mean MAPE} of the backtests of {@code series}. */
  private static double[] pooled(String family, List<double[]> series,
      java.util.function.Function<double[], BacktestResult> backtest) {
    PooledCoverage pooled = PooledCoverage.of(series, backtest).print("forecast calibration, " + family, series.size());
    return new double[] {pooled.coverage80(), pooled.coverage95(), pooled.forecasts(), pooled.meanMape()};
  }

  @Test
  void intervalsCoverWithinTenPointsOfNominalOnSimulatedSeasonalTrendingDemand() {
    // 48 series with parameters drawn at random over a wide range, none tuned to the scenario:
    // 35 to 91 days, growth −2 % to +6 %/week, daily amplitude 0.2–0.9, weekend factor 0.5–1,
    // day-level noise 2–10 %. Each forecasts its last 7 days from one origin (336 forecasts of
    // independent series; binomial standard error about 2 points at 80 %, more as the 7 days of a
    // series are correlated).
    Random random = new Random(20_261_129L);
    List<double[]> series = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      int days = 35 + 7 * random.nextInt(9);
      series.add(dailyPeaks(random, days, 50 + 950 * random.nextDouble(), -0.02 + 0.08 * random.nextDouble(),
          0.2 + 0.7 * random.nextDouble(), random.nextInt(24), 0.5 + 0.5 * random.nextDouble(),
          0.02 + 0.08 * random.nextDouble()));
    }

    double[] coverage = pooled("simulated", series,
        y -> new ForecastBacktest(WeeklyPeakForecast.WEEK_DAYS, 1, WeeklyPeakForecast.WEEK_DAYS).run("sim", y));

    assertThat(coverage[0]).isCloseTo(0.80, within(0.10));
    assertThat(coverage[1]).isCloseTo(0.95, within(0.10));
  }

  @Test
  void intervalsCoverWithinTenPointsOfNominalOnTheScenariosTrafficOverNineWeeks() {
    // The traffic planted by the scenario generator (sample-data/SCENARIO.md): 120 page loads per
    // host-hour × 2 hosts × 1.04^(t/168) × (1 + 0.8 cos(2π(hour − 15)/24)) × (0.6 on weekends),
    // Poisson counts; no day-level shock. The generated scenario holds 14 days, too few for an
    // honest backtest, so its traffic is drawn here for 63 days (9 weeks), 4 realisations, each
    // backtested as the capacity job does (7 days ahead from 14 origins).
    List<double[]> series = IntStream.range(0, 4)
        .mapToObj(seed -> dailyPeaks(new Random(5 + seed), 63, 240, 0.04, 0.8, 15, 0.6, 0))
        .toList();

    double[] coverage = pooled("scenario traffic, 63 days", series, y -> WeeklyPeakForecast.backtest("web", y));

    assertThat(coverage[0]).isCloseTo(0.80, within(0.10));
    assertThat(coverage[1]).isCloseTo(0.95, within(0.10));
    assertThat(coverage[3]).isLessThan(10.0);
  }

  @Test
  void aHistoryTooShortForAnHonestBacktestIsRefusedWithTheReason() {
    assertThat(WeeklyPeakForecast.backtestRefusal(14)).isEqualTo("no backtest: 14 days of history; an honest one"
        + " needs 35 (28 days of training, so that the forecast's intervals are calibrated on two weekly seasons it"
        + " was not fitted on, plus 7 days to compare)");
    assertThat(WeeklyPeakForecast.backtestRefusal(35)).isNull();
    assertThatThrownBy(() -> WeeklyPeakForecast.backtest("web", new double[20]))
        .isInstanceOf(OpslakeException.class)
        .hasMessageStartingWith("Cannot backtest web: no backtest: 20 days of history");
  }

  @Test
  void pooledNormalisedQuantileScalesTheModelsShape() {
    // Scores |e| / width: step 1 {1, 2} / 2 = {0.5, 1}, step 2 {3, 6, 9} / 6 = {0.5, 1, 1.5}; five
    // scores, 80 % rank ⌈6 × 0.8⌉ = 5: the largest, 1.5. Neither step has 4 errors of its own.
    double[][] errors = {{1, 2}, {3, 6, 9}};
    double[] widths = SplitConformal.halfWidths(errors, 80, new double[] {2, 6});

    assertThat(widths).containsExactly(new double[] {3, 9}, within(1e-12));
  }
}
