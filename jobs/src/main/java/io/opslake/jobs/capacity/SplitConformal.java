package io.opslake.jobs.capacity;

import java.util.Arrays;

/**
 * Split-conformal widths for multi-step forecasts: the out-of-sample h-step errors of a model
 * fitted on the first part of a history and run, with its parameters fixed, over the rest.
 *
 * <p>The calibration model (chosen and fitted by the caller on {@code history[0, from)}) forecasts
 * 1..H steps ahead from every origin t = from … n − 1, its state updated by the observations up to
 * t but its parameters never re-estimated, so no error it makes has been seen by the estimation
 * (Tashman 2000's rolling origin without recalibration). For step h this gives N_h = n − from − h
 * + 1 absolute errors; the half-width at level p is the ⌈(N_h + 1)p⌉-th smallest of them, the
 * split-conformal quantile (Vovk, Gammerman and Shafer 2005; Lei et al. 2018), which needs N_h ≥
 * p/(1 − p) errors (4 for 80 %, 19 for 95 %). For a step with fewer errors the furthest step h* that
 * has enough is carried forward along the model's own interval growth: width_h = width_{h*} ·
 * modelWidth_h / modelWidth_{h*}. The errors of one series overlap across origins, so the
 * exchangeability that conformal coverage rests on holds only approximately (Stankeviciute, Alaa
 * and van der Schaar 2021 use the same per-horizon construction for time series).
 *
 * <p>Cost: one filter pass per origin, O(n²) steps for n points; under a millisecond for a few
 * years of weekly points.
 */
final class SplitConformal {
  private SplitConformal() {}

  /**
   * Absolute errors per step: {@code result[h - 1]} holds |y[t + h − 1] − forecast_t(h)| for every
   * origin t in [from, n − h].
   */
  static double[][] absoluteErrors(EtsFit calibration, double[] history, int from, int horizon) {
    int n = history.length;
    double[][] errors = new double[horizon][];
    for (int h = 1; h <= horizon; h++) {
      errors[h - 1] = new double[Math.max(n - from - h + 1, 0)];
    }
    for (int origin = from; origin < n; origin++) {
      EtsFilter.Run run = EtsFilter.run(calibration.model(), calibration.parameters(), Arrays.copyOf(history, origin));
      double[] mean = EtsFilter.forecast(calibration.model(), calibration.parameters(), run, horizon);
      for (int h = 1; h <= horizon && origin + h <= n; h++) {
        errors[h - 1][origin - from] = Math.abs(history[origin + h - 1] - mean[h - 1]);
      }
    }
    return errors;
  }

  /**
   * Half-widths per step at {@code percent} % (80 or 95); NaN for every step when no step has
   * enough errors.
   *
   * @param errors absolute errors per step, as from {@link #absoluteErrors}
   * @param modelWidths the model-based interval's width per step at the same level (its shape)
   */
  static double[] halfWidths(double[][] errors, int percent, double[] modelWidths) {
    double[] widths = new double[errors.length];
    int furthest = -1;
    for (int h = 0; h < errors.length; h++) {
      double quantile = conformalQuantile(errors[h], percent);
      if (!Double.isNaN(quantile)) {
        widths[h] = quantile;
        furthest = h;
      } else if (furthest >= 0 && modelWidths[furthest] > 0) {
        widths[h] = widths[furthest] * modelWidths[h] / modelWidths[furthest];
      } else {
        widths[h] = Double.NaN;
      }
    }
    return widths;
  }

  /** The ⌈(N + 1)p⌉-th smallest of N values, or NaN when that rank exceeds N. */
  static double conformalQuantile(double[] values, int percent) {
    int rank = ((values.length + 1) * percent + 99) / 100;
    if (rank < 1 || rank > values.length) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[rank - 1];
  }
}
