package io.opslake.jobs.capacity;

/**
 * An {@link EtsModel} fitted to a series ({@link EtsFitter}).
 *
 * @param model the model
 * @param parameters the estimated smoothing parameters and initial states
 * @param points observations fitted
 * @param sse sum of squared one-step errors
 * @param sigma2 innovation variance, SSE / (points − estimated parameters)
 * @param aicc corrected Akaike information criterion, n·ln(SSE/n) + 2K + 2K(K+1)/(n − K − 1) with
 *     K the estimated parameters plus σ; NaN when n − K − 1 ≤ 0
 * @param state the state after the last observation
 */
public record EtsFit(
    EtsModel model, EtsParameters parameters, int points, double sse, double sigma2, double aicc,
    EtsFilter.Run state) {

  /** Point forecasts 1..h steps ahead. */
  public double[] forecast(int horizon) {
    return EtsFilter.forecast(model, parameters, state, horizon);
  }
}
