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
 * p/(1 − p) errors (4 for 80 %, 19 for 95 %). A step with fewer errors takes the pooled normalised
 * quantile of all steps' errors scaled by the model's own interval growth (see {@link
 * #halfWidths}). The errors of one series overlap across origins, so the
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
   * Half-widths per step at {@code percent} % (80 or 95); NaN for every step when neither the step
   * nor the pool has enough errors.
   *
   * <p>A step with enough errors of its own takes their conformal quantile. Every other step takes
   * the pooled normalised one: each error of every step divided by the model's width at its step
   * (a score that is comparable across steps, Lei et al. 2018 §5.2), the conformal quantile q of
   * all those scores, and half-width q · modelWidth_h. Pooling lets a short history, whose
   * calibration part gives a few errors per step but many in all, still be calibrated; the model
   * contributes only the shape of the growth with h, the level comes from the errors.
   *
   * @param errors absolute errors per step, as from {@link #absoluteErrors}
   * @param modelWidths the model-based interval's width per step at the same level (its shape)
   */
  static double[] halfWidths(double[][] errors, int percent, double[] modelWidths) {
    double pooled = pooledNormalisedQuantile(errors, percent, modelWidths);
    double[] widths = new double[errors.length];
    for (int h = 0; h < errors.length; h++) {
      double quantile = conformalQuantile(errors[h], percent);
      widths[h] = !Double.isNaN(quantile) ? quantile : pooled * modelWidths[h];
    }
    return widths;
  }

  /** The conformal quantile of |error| / modelWidth over all steps with a positive width; NaN if too few. */
  static double pooledNormalisedQuantile(double[][] errors, int percent, double[] modelWidths) {
    int count = 0;
    for (int h = 0; h < errors.length; h++) {
      count += modelWidths[h] > 0 ? errors[h].length : 0;
    }
    double[] scores = new double[count];
    int next = 0;
    for (int h = 0; h < errors.length; h++) {
      if (modelWidths[h] > 0) {
        for (double error : errors[h]) {
          scores[next++] = error / modelWidths[h];
        }
      }
    }
    return conformalQuantile(scores, percent);
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
