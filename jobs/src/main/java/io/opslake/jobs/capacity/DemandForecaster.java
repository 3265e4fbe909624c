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
 * <p>Intervals: split-conformal where the history allows, else model-based. The model-based one
 * is mean ± z·sqrt(v_h) with the class-1 variance of {@link EtsFilter#linearVariances} (or, for
 * multiplicative seasonality, the 10/90 and 2.5/97.5 percentiles of 5,000 simulated sample paths,
 * fixed seed); it assumes the chosen model and its estimated parameters are the truth and so runs
 * narrow (and, when the model misses a trend, far too narrow or far too wide). The split-conformal
 * one ({@link SplitConformal}) repeats the whole procedure, selection included, on the first half
 * of the history (at least 8 points; two seasons when a seasonal model was chosen) and takes the
 * ⌈(N + 1)p⌉-th smallest of its N out-of-sample h-step absolute errors on the second half (or,
 * for a step with too few, the pooled normalised quantile), so it carries parameter, selection
 * and model error as they showed on this series. The model interval is used only at a level where
 * not even the pool has enough errors (4 at 80 %, 19 at 95 %). Lower bounds are clipped at 0
 * (demand is not negative).
 *
 * <p>Refusals (data errors): fewer than 8 points; a horizon longer than half the history (a
 * forecast reaching further ahead than half of what it learnt from is a guess).
 *
 * <p>Cost: up to nine model fits on the history and nine on its first half (a few hundred O(n)
 * passes each, some tens of milliseconds per fit), n/2 filter passes for the calibration errors,
 * plus the simulated paths.
 *
 * <p>References: R. J. Hyndman, A. B. Koehler, J. K. Ord, R. D. Snyder, <i>Forecasting with
 * Exponential Smoothing: The State Space Approach</i>, Springer 2008, ch. 2, 5, 6; R. J. Hyndman,
 * G. Athanasopoulos, <i>Forecasting: Principles and Practice</i>, OTexts, ch. 7 (2nd ed.) and §5.5
 * (3rd ed.); J. Lei, M. G'Sell, A. Rinaldo, R. J. Tibshirani, L. Wasserman, "Distribution-free
 * predictive inference for regression", JASA 113, 2018 (split conformal).
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
    List<String> compared = new ArrayList<>();
    EtsFit best = select(history, compared);
    // Calibrate on the second half: select and fit on the first, then measure out-of-sample errors.
    int from = Math.max((n + 1) / 2, MIN_POINTS);
    if (best.model().seasonal()) {
      from = Math.max(from, 2 * best.model().period());
    }
    double[][] errors = new double[horizon][0];
    if (from < n) {
      EtsFit calibration = select(Arrays.copyOf(history, from), new ArrayList<>());
      if (calibration != null) {
        errors = SplitConformal.absoluteErrors(calibration, history, from, horizon);
      }
    }
    return intervals(series, best, compared, horizon, errors);
  }

  /** The candidate with the smallest AICc, adding the labels of those compared; null if none is. */
  private EtsFit select(double[] history, List<String> compared) {
    EtsFit best = null;
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
    return best;
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

  /**
   * Point forecasts and intervals of a fitted model: per step and level, the split-conformal
   * interval from {@code errors} (absolute out-of-sample errors per step, see {@link
   * SplitConformal}) where there are enough of them, else the model-based one.
   */
  static DemandForecast intervals(String series, EtsFit fit, List<String> compared, int horizon,
      double[][] errors) {
    double[] mean = fit.forecast(horizon);
    double[][] bounds = modelBounds(fit, mean, horizon); // lower80, upper80, lower95, upper95
    double[] conformal80 = SplitConformal.halfWidths(errors, 80, widths(bounds[0], bounds[1]));
    double[] conformal95 = SplitConformal.halfWidths(errors, 95, widths(bounds[2], bounds[3]));
    boolean calibrated = false;
    List<DemandForecast.Point> points = new ArrayList<>();
    for (int h = 0; h < horizon; h++) {
      double lower80 = calibrate(bounds[0][h], mean[h] - conformal80[h]);
      double upper80 = calibrate(bounds[1][h], mean[h] + conformal80[h]);
      // The two levels may be calibrated differently (per step, pooled, model); keep them nested.
      double lower95 = Math.min(lower80, calibrate(bounds[2][h], mean[h] - conformal95[h]));
      double upper95 = Math.max(upper80, calibrate(bounds[3][h], mean[h] + conformal95[h]));
      calibrated |= !Double.isNaN(conformal80[h]) || !Double.isNaN(conformal95[h]);
      points.add(point(h + 1, mean[h], lower80, upper80, lower95, upper95));
    }
    boolean simulated = fit.model().season() == EtsModel.Season.MULTIPLICATIVE;
    String method = (simulated ? "simulated" : "analytic") + (calibrated ? "+conformal" : "");
    return new DemandForecast(series, fit.model().label(), fit.parameters().alpha(), fit.parameters().beta(),
        fit.parameters().gamma(), fit.parameters().phi(), fit.points(), Math.sqrt(fit.sigma2()), fit.aicc(),
        compared, method, errors.length > 0 ? errors[0].length : 0, points);
  }

  /**
   * The model-based bounds {lower80, upper80, lower95, upper95} per step: the class-1 variance for
   * linear models, simulated sample paths for multiplicative seasonality.
   */
  private static double[][] modelBounds(EtsFit fit, double[] mean, int horizon) {
    double[][] bounds = new double[4][horizon];
    if (fit.model().season() == EtsModel.Season.MULTIPLICATIVE) {
      double[][] paths = EtsFilter.simulate(fit.model(), fit.parameters(), fit.state(), fit.sigma2(), horizon, PATHS,
          SEED);
      double[] probabilities = {0.10, 0.90, 0.025, 0.975};
      for (int h = 0; h < horizon; h++) {
        double[] sorted = paths[h].clone();
        Arrays.sort(sorted);
        for (int b = 0; b < 4; b++) {
          bounds[b][h] = quantile(sorted, probabilities[b]);
        }
      }
      return bounds;
    }
    double[] variance = EtsFilter.linearVariances(fit.model(), fit.parameters(), fit.sigma2(), horizon);
    NormalDistribution normal = new NormalDistribution();
    double z80 = normal.inverseCumulativeProbability(0.90);
    double z95 = normal.inverseCumulativeProbability(0.975);
    for (int h = 0; h < horizon; h++) {
      double sd = Math.sqrt(variance[h]);
      bounds[0][h] = mean[h] - z80 * sd;
      bounds[1][h] = mean[h] + z80 * sd;
      bounds[2][h] = mean[h] - z95 * sd;
      bounds[3][h] = mean[h] + z95 * sd;
    }
    return bounds;
  }

  private static double[] widths(double[] lower, double[] upper) {
    double[] widths = new double[lower.length];
    for (int h = 0; h < lower.length; h++) {
      widths[h] = upper[h] - lower[h];
    }
    return widths;
  }

  /** The conformal bound where there is one, else the model's. */
  private static double calibrate(double model, double conformal) {
    return Double.isNaN(conformal) ? model : conformal;
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
