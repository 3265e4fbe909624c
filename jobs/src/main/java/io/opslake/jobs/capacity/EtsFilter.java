package io.opslake.jobs.capacity;

import java.util.Arrays;
import java.util.Random;

/**
 * The ETS recursions with additive errors (Hyndman, Koehler, Ord and Snyder 2008, table 2.3):
 * one pass over the series giving the one-step errors and the final state, the point forecasts,
 * the class-1 forecast variances (ch. 6.2) and simulated sample paths (ch. 6.1).
 *
 * <p>Hand-written because no library on opslake's classpath has them: Commons Math has no time
 * series models and Spark's MLlib none either. With μ the one-step forecast, e = y − μ and
 * base = l + φb:
 *
 * <pre>
 *   additive season:        μ = base + s;  l = base + αe;    b = φb + βe;    s = s + γe
 *   multiplicative season:  μ = base · s;  l = base + αe/s;  b = φb + βe/s;  s = s + γe/base
 * </pre>
 *
 * <p>Cost: O(n) per pass, O(m) state.
 */
final class EtsFilter {
  private EtsFilter() {}

  /** The state after the last observation and the sum of squared one-step errors. */
  record Run(double level, double trend, double[] seasons, int next, double sse) {}

  /** Filters {@code y}; the SSE is infinite when a multiplicative model meets a non-positive base. */
  static Run run(EtsModel model, EtsParameters p, double[] y) {
    int m = model.period();
    double[] seasons = model.seasonal() ? p.seasons0() : new double[] {0};
    double level = p.level0();
    double trend = model.hasTrend() ? p.trend0() : 0;
    double phi = model.trend() == EtsModel.Trend.DAMPED ? p.phi() : 1;
    boolean multiplicative = model.season() == EtsModel.Season.MULTIPLICATIVE;
    double sse = 0;
    for (int t = 0; t < y.length; t++) {
      int phase = model.seasonal() ? t % m : 0;
      double s = seasons[phase];
      double base = level + phi * trend;
      double error;
      if (multiplicative) {
        if (!(base > 0) || !(s > 0)) {
          return new Run(level, trend, seasons, t, Double.POSITIVE_INFINITY);
        }
        error = y[t] - base * s;
        level = base + p.alpha() * error / s;
        trend = phi * trend + p.beta() * error / s;
        seasons[phase] = s + p.gamma() * error / base;
      } else {
        error = y[t] - base - s;
        level = base + p.alpha() * error;
        trend = phi * trend + p.beta() * error;
        seasons[phase] = s + p.gamma() * error;
      }
      sse += error * error;
    }
    return new Run(level, trend, seasons, y.length, sse);
  }

  /** Point forecasts 1..h steps after the run. */
  static double[] forecast(EtsModel model, EtsParameters p, Run run, int horizon) {
    double phi = model.trend() == EtsModel.Trend.DAMPED ? p.phi() : 1;
    double[] mean = new double[horizon];
    double dampedSum = 0;
    double power = 1;
    for (int h = 1; h <= horizon; h++) {
      power *= phi;
      dampedSum += power;
      double base = run.level() + dampedSum * run.trend();
      double s = model.seasonal() ? run.seasons()[(run.next() + h - 1) % model.period()] : 0;
      mean[h - 1] = model.season() == EtsModel.Season.MULTIPLICATIVE ? base * s : base + s;
    }
    return mean;
  }

  /**
   * Forecast variances of the linear (class 1) models, those without multiplicative seasonality:
   * σ²[1 + Σ_{j=1}^{h−1} c_j²] with c_j = α + βφ_j + γ·[j mod m = 0], φ_j = φ + … + φ^j
   * (Hyndman et al. 2008, eq. 6.2 and table 6.1).
   */
  static double[] linearVariances(EtsModel model, EtsParameters p, double sigma2, int horizon) {
    double phi = model.trend() == EtsModel.Trend.DAMPED ? p.phi() : 1;
    double[] variance = new double[horizon];
    double sum = 1;
    double dampedSum = 0;
    double power = 1;
    variance[0] = sigma2;
    for (int j = 1; j < horizon; j++) {
      power *= phi;
      dampedSum += power;
      double c = p.alpha() + (model.hasTrend() ? p.beta() * dampedSum : 0)
          + (model.seasonal() && j % model.period() == 0 ? p.gamma() : 0);
      sum += c * c;
      variance[j] = sigma2 * sum;
    }
    return variance;
  }

  /** {@code paths} simulated futures of {@code horizon} steps, Gaussian errors of variance σ². */
  static double[][] simulate(EtsModel model, EtsParameters p, Run run, double sigma2, int horizon, int paths,
      long seed) {
    Random random = new Random(seed);
    double sigma = Math.sqrt(sigma2);
    double phi = model.trend() == EtsModel.Trend.DAMPED ? p.phi() : 1;
    boolean multiplicative = model.season() == EtsModel.Season.MULTIPLICATIVE;
    int m = model.period();
    double[][] out = new double[horizon][paths];
    for (int path = 0; path < paths; path++) {
      double level = run.level();
      double trend = run.trend();
      double[] seasons = Arrays.copyOf(run.seasons(), run.seasons().length);
      for (int h = 0; h < horizon; h++) {
        int phase = model.seasonal() ? (run.next() + h) % m : 0;
        double s = seasons[phase];
        double base = level + phi * trend;
        double error = sigma * random.nextGaussian();
        if (multiplicative) {
          out[h][path] = base * s + error;
          level = base + p.alpha() * error / s;
          trend = phi * trend + p.beta() * error / s;
          seasons[phase] = s + p.gamma() * error / base;
        } else {
          out[h][path] = base + s + error;
          level = base + p.alpha() * error;
          trend = phi * trend + p.beta() * error;
          seasons[phase] = s + p.gamma() * error;
        }
      }
    }
    return out;
  }
}
