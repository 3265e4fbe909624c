package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Forecasts weekly peak-hour demand h weeks ahead (default 12) with 80 % and 95 % prediction
 * intervals, choosing an exponential smoothing model by AICc.
 *
 * <p>Candidates (all with additive errors, fitted by {@link EtsFitter}): ETS(A,N,N) simple
 * smoothing, ETS(A,A,N) Holt's linear trend, ETS(A,Ad,N) damped trend; and, when a seasonal
 * period m is given (52 for yearly seasonality of weekly peaks) and the history holds at least two
 * whole seasons plus enough points for the AICc, the same three trends with additive seasonality
 * and, for a positive series, with multiplicative seasonality (Holt–Winters). Weekly peaks carry
 * no weekly cycle, so at weekly grain the only seasonality is yearly and usually too short to
 * estimate: the non-seasonal set is then what is compared. The model with the smallest AICc wins.
 *
 * <p>Intervals: for models without multiplicative seasonality, mean ± z·sqrt(v_h) with the
 * class-1 variance of {@link EtsFilter#linearVariances}; for multiplicative seasonality the 10/90
 * and 2.5/97.5 percentiles of 5,000 simulated sample paths (fixed seed). Lower bounds are clipped
 * at 0 (demand is not negative). Parameter uncertainty is not included, as in R's forecast package.
 *
 * <p>Refusals (data errors): fewer than 8 points; a horizon longer than half the history (a
 * forecast reaching further ahead than half of what it learnt from is a guess).
 *
 * <p>Cost: up to nine model fits of O(n) passes each, plus the simulated paths; milliseconds for
 * a few years of weekly points.
 *
 * <p>References: R. J. Hyndman, A. B. Koehler, J. K. Ord, R. D. Snyder, <i>Forecasting with
 * Exponential Smoothing: The State Space Approach</i>, Springer 2008, ch. 2, 5, 6; R. J. Hyndman,
 * G. Athanasopoulos, <i>Forecasting: Principles and Practice</i>, OTexts, ch. 7 (2nd ed.).
 */
public final class DemandForecaster {
  /** Default horizon in weeks. */
  public static final int DEFAULT_HORIZON = 12;
  /** Fewest points forecast from. */
  public static final int MIN_POINTS = 8;
  static final int PATHS = 5000;
  static final long SEED = 20_261_102L;

  private final int horizon;
  private final int seasonalPeriod;

  /**
   * @param horizon weeks ahead
   * @param seasonalPeriod observations per season to try (52 for yearly at weekly grain), or 0
   */
  public DemandForecaster(int horizon, int seasonalPeriod) {
    if (horizon < 1) {
      throw OpslakeException.usage("Cannot forecast demand: horizon must be at least 1 week, got " + horizon);
    }
    if (seasonalPeriod == 1 || seasonalPeriod < 0) {
      throw OpslakeException.usage("Cannot forecast demand: seasonal period must be 0 (none) or at least 2, got "
          + seasonalPeriod);
    }
    this.horizon = horizon;
    this.seasonalPeriod = seasonalPeriod;
  }

  /** Forecasts the weeks after {@code history} (weekly peaks, oldest first). */
  public DemandForecast forecast(String series, double[] history) {
    int n = history.length;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(history[i]) || history[i] < 0) {
        throw OpslakeException.data(String.format(Locale.ROOT,
            "Cannot forecast demand of %s: week %d holds %s, not a non-negative number", series, i + 1, history[i]));
      }
    }
    if (n < MIN_POINTS) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot forecast demand of %s: %d weeks of history; a forecast needs at least %d", series, n, MIN_POINTS));
    }
    if (horizon > n / 2) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot forecast demand of %s %d weeks ahead from %d weeks of history: the horizon may be at most half "
              + "the history (%d weeks)", series, horizon, n, n / 2));
    }
    EtsFit best = null;
    List<String> compared = new ArrayList<>();
    for (EtsModel model : candidates(history)) {
      EtsFit fit = EtsFitter.fit(model, history);
      if (Double.isNaN(fit.aicc()) || !Double.isFinite(fit.sse())) {
        continue;
      }
      compared.add(model.label());
      if (best == null || fit.aicc() < best.aicc()) {
        best = fit;
      }
    }
    return intervals(series, best, compared, horizon);
  }

  private List<EtsModel> candidates(double[] history) {
    List<EtsModel> models = new ArrayList<>();
    EtsModel.Trend[] trends = EtsModel.Trend.values();
    for (EtsModel.Trend trend : trends) {
      models.add(EtsModel.nonSeasonal(trend));
    }
    boolean positive = Arrays.stream(history).allMatch(v -> v > 0);
    if (seasonalPeriod >= 2 && history.length >= 2 * seasonalPeriod) {
      for (EtsModel.Trend trend : trends) {
        models.add(new EtsModel(trend, EtsModel.Season.ADDITIVE, seasonalPeriod));
        if (positive) {
          models.add(new EtsModel(trend, EtsModel.Season.MULTIPLICATIVE, seasonalPeriod));
        }
      }
    }
    return models;
  }

  /** Point forecasts and intervals of a fitted model. */
  static DemandForecast intervals(String series, EtsFit fit, List<String> compared, int horizon) {
    double[] mean = fit.forecast(horizon);
    List<DemandForecast.Point> points = new ArrayList<>();
    boolean simulated = fit.model().season() == EtsModel.Season.MULTIPLICATIVE;
    if (simulated) {
      double[][] paths = EtsFilter.simulate(fit.model(), fit.parameters(), fit.state(), fit.sigma2(), horizon, PATHS,
          SEED);
      for (int h = 0; h < horizon; h++) {
        double[] sorted = paths[h].clone();
        Arrays.sort(sorted);
        points.add(point(h + 1, mean[h], quantile(sorted, 0.10), quantile(sorted, 0.90), quantile(sorted, 0.025),
            quantile(sorted, 0.975)));
      }
    } else {
      double[] variance = EtsFilter.linearVariances(fit.model(), fit.parameters(), fit.sigma2(), horizon);
      NormalDistribution normal = new NormalDistribution();
      double z80 = normal.inverseCumulativeProbability(0.90);
      double z95 = normal.inverseCumulativeProbability(0.975);
      for (int h = 0; h < horizon; h++) {
        double sd = Math.sqrt(variance[h]);
        points.add(point(h + 1, mean[h], mean[h] - z80 * sd, mean[h] + z80 * sd, mean[h] - z95 * sd,
            mean[h] + z95 * sd));
      }
    }
    return new DemandForecast(series, fit.model().label(), fit.parameters().alpha(), fit.parameters().beta(),
        fit.parameters().gamma(), fit.parameters().phi(), fit.points(), Math.sqrt(fit.sigma2()), fit.aicc(),
        compared, simulated ? "simulated" : "analytic", points);
  }

  private static DemandForecast.Point point(int step, double mean, double lo80, double hi80, double lo95,
      double hi95) {
    return new DemandForecast.Point(step, Math.max(mean, 0), Math.max(lo80, 0), hi80, Math.max(lo95, 0), hi95);
  }

  private static double quantile(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
