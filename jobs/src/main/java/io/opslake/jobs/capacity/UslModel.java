package io.opslake.jobs.capacity;

import java.util.OptionalDouble;

/**
 * Gunther's Universal Scalability Law with its three coefficients: the throughput at load N is
 *
 * <pre>X(N) = λN / (1 + σ(N−1) + κN(N−1))</pre>
 *
 * <p>λ is the throughput at a load of one, σ the contention (the share of work that is serialised,
 * as in Amdahl's law) and κ the coherency delay (the cost of each pair of workers keeping each other
 * up to date, which makes throughput fall past a peak). With σ = κ = 0 throughput grows in proportion
 * to load.
 *
 * <p>References: N. J. Gunther, "A Simple Capacity Model of Massively Parallel Transaction Systems",
 * CMG 1993, and <i>Guerrilla Capacity Planning</i> (Springer, 2007), chapters 4–6; B. Schwartz,
 * <i>Practical Scalability Analysis with the Universal Scalability Law</i> (VividCortex, 2015),
 * equations 3 and 4.
 *
 * @param lambda λ, throughput at a load of one
 * @param sigma σ, contention; not negative
 * @param kappa κ, coherency delay; not negative
 */
public record UslModel(double lambda, double sigma, double kappa) {
  /** X(N), the modelled throughput at load {@code n}. */
  public double throughput(double n) {
    return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  /**
   * The load at which throughput peaks, sqrt((1−σ)/κ), where dX/dN = 0; empty when κ = 0 (throughput
   * then rises towards λ/σ without a peak) or σ ≥ 1 (throughput is highest at the smallest load).
   */
  public OptionalDouble peakLoad() {
    if (kappa <= 0 || sigma >= 1) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.sqrt((1 - sigma) / kappa));
  }

  /**
   * The partial derivatives of X(N) with respect to λ, σ and κ, in that order: N/D, −λN(N−1)/D² and
   * −λN²(N−1)/D², with D = 1 + σ(N−1) + κN(N−1).
   */
  double[] gradient(double n) {
    double denominator = 1 + sigma * (n - 1) + kappa * n * (n - 1);
    double slope = lambda * n * (n - 1) / (denominator * denominator);
    return new double[] {n / denominator, -slope, -slope * n};
  }
}
