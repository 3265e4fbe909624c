package io.opslake.jobs.capacity;

import java.util.List;

/**
 * A Universal Scalability Law fit ({@link UslFitter}): the coefficients with their standard errors
 * and 95 % confidence intervals, the peak they imply, and how well they fit. Field names become the
 * snake_case keys of {@code opslake usl --json} ({@code lambda_stderr}, {@code n_peak}, ...).
 *
 * @param source where the points came from (the input file)
 * @param points measurements fitted
 * @param distinctLoads distinct loads among them
 * @param minLoad the smallest measured load
 * @param maxLoad the largest measured load
 * @param lambda λ, throughput at a load of one
 * @param lambdaStderr standard error of λ
 * @param lambdaCi95 95 % confidence interval of λ
 * @param sigma σ, contention
 * @param sigmaStderr standard error of σ
 * @param sigmaCi95 95 % confidence interval of σ, its lower end clipped at the bound 0
 * @param kappa κ, coherency delay
 * @param kappaStderr standard error of κ
 * @param kappaCi95 95 % confidence interval of κ, its lower end clipped at the bound 0
 * @param nPeak the load at peak throughput, sqrt((1−σ)/κ) (not rounded); null when there is no peak
 *     (κ = 0 or σ ≥ 1)
 * @param xPeak the modelled throughput at {@code nPeak}; null when there is no peak
 * @param r2 coefficient of determination, 1 − RSS/TSS; null when every throughput is the same
 * @param residualStderr residual standard error, sqrt(RSS / (points − 3))
 * @param degreesOfFreedom points − 3, the degrees of freedom of the t intervals
 * @param curvatureP p-value of the F test of this fit against plain proportional growth X = λN; the
 *     fit is refused above 0.05
 * @param notes sentences for an operator: a coefficient on its bound, a peak beyond the measured loads
 */
public record UslFit(
    String source,
    int points,
    int distinctLoads,
    double minLoad,
    double maxLoad,
    double lambda,
    double lambdaStderr,
    Interval lambdaCi95,
    double sigma,
    double sigmaStderr,
    Interval sigmaCi95,
    double kappa,
    double kappaStderr,
    Interval kappaCi95,
    Double nPeak,
    Double xPeak,
    Double r2,
    double residualStderr,
    int degreesOfFreedom,
    double curvatureP,
    List<String> notes) {
  public UslFit {
    notes = List.copyOf(notes);
  }

  /** The fitted law. */
  public UslModel model() {
    return new UslModel(lambda, sigma, kappa);
  }

  /** A confidence interval. */
  public record Interval(double lower, double upper) {}
}
