package io.opslake.jobs.capacity;

/**
 * Smoothing parameters and initial states of an {@link EtsModel}, in the error-correction form of
 * Hyndman et al. (2008): β is the trend's weight on the one-step error (Holt's β* times α), γ the
 * season's. Unused components hold β = γ = 0, φ = 1, trend0 = 0 and no seasons.
 *
 * @param alpha level smoothing, 0 &lt; α &lt; 1
 * @param beta trend smoothing, 0 &lt; β &lt; α
 * @param gamma seasonal smoothing, 0 &lt; γ &lt; 1 − α
 * @param phi damping, 1 for an undamped trend
 * @param level0 level before the first observation
 * @param trend0 trend before the first observation
 * @param seasons0 seasonal states before the first observation, oldest first: {@code seasons0[i]}
 *     is the state used for observation i
 */
public record EtsParameters(
    double alpha, double beta, double gamma, double phi, double level0, double trend0, double[] seasons0) {
  public EtsParameters {
    seasons0 = seasons0.clone();
  }

  @Override
  public double[] seasons0() {
    return seasons0.clone();
  }
}
