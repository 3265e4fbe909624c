package io.opslake.jobs.findings;

import com.github.servicenow.ds.stats.stl.SeasonalTrendLoess;

/**
 * STL with a periodic seasonal component and R's {@code stl(x, s.window = "periodic")} defaults,
 * through {@code stl-decomp-4j} (ServiceNow's port of the Fortran STL, Apache-2.0): seasonal window
 * 10n + 1 of degree 0, trend window nextodd(⌈1.5·period / (1 − 1.5/s.window)⌉) of degree 1, low-pass
 * window nextodd(period), jumps of a tenth of each window, 2 inner and no robustness iterations; then,
 * as R does for a periodic fit, the seasonal component is replaced by its mean per position in the
 * cycle and the remainder is what is left. Cost: O(n · period) time, a few arrays of n doubles.
 */
final class Stl {
  private Stl() {}

  /** The components of {@code values} (no NaN) with the given period in steps. */
  static Components decompose(double[] values, int period) {
    int n = values.length;
    int seasonalWidth = 10 * n + 1;
    int trendWidth = nextOdd((int) Math.ceil(1.5 * period / (1 - 1.5 / seasonalWidth)));
    int lowpassWidth = nextOdd(period);
    SeasonalTrendLoess.Decomposition stl =
        new SeasonalTrendLoess.Builder()
            .setPeriodLength(period)
            .setSeasonalWidth(seasonalWidth)
            .setSeasonalDegree(0)
            .setSeasonalJump(ceilTenth(seasonalWidth))
            .setTrendWidth(trendWidth)
            .setTrendDegree(1)
            .setTrendJump(ceilTenth(trendWidth))
            .setLowpassWidth(lowpassWidth)
            .setLowpassDegree(1)
            .setLowpassJump(ceilTenth(lowpassWidth))
            .setInnerIterations(2)
            .setRobustnessIterations(0)
            .buildSmoother(values)
            .decompose();
    double[] trend = stl.getTrend();
    double[] rawSeasonal = stl.getSeasonal();
    double[] cycleSum = new double[period];
    int[] cycleCount = new int[period];
    for (int i = 0; i < n; i++) {
      cycleSum[i % period] += rawSeasonal[i];
      cycleCount[i % period]++;
    }
    double[] seasonal = new double[n];
    double[] remainder = new double[n];
    for (int i = 0; i < n; i++) {
      seasonal[i] = cycleSum[i % period] / cycleCount[i % period];
      remainder[i] = values[i] - seasonal[i] - trend[i];
    }
    return new Components(trend.clone(), seasonal, remainder);
  }

  private static int nextOdd(int value) {
    return value % 2 == 0 ? value + 1 : value;
  }

  private static int ceilTenth(int width) {
    return (width + 9) / 10;
  }

  /** Trend, seasonal and remainder, each as long as the input. */
  record Components(double[] trend, double[] seasonal, double[] remainder) {}
}
