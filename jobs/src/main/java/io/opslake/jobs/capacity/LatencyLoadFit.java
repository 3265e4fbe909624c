package io.opslake.jobs.capacity;

/**
 * Latency against load per server ({@link LatencyLoadFitter}): the response-time form of the
 * Universal Scalability Law, R(x) = R₁ (1 + σ(x − 1) + κx(x − 1)), x the load per server.
 *
 * @param points hours fitted
 * @param distinctLoads distinct loads among them
 * @param minLoad smallest load
 * @param maxLoad largest load
 * @param baseLatency R₁, the modelled latency at a load of one
 * @param sigma contention σ
 * @param sigmaStderr its standard error (delta method)
 * @param kappa coherency κ
 * @param kappaStderr its standard error (delta method)
 * @param tQuantile the t quantile (0.975, n − 3 degrees of freedom) for 95 % intervals
 * @param intercept a of the fitted quadratic a + b x + c x²
 * @param linear b
 * @param quadratic c
 * @param r2 coefficient of determination
 * @param residualStderr residual standard error, in the latency's unit
 * @param objective the latency objective
 * @param breachLoad the smallest load at which the modelled latency reaches the objective; null
 *     when it does not within {@link LatencyLoadFitter#EXTRAPOLATION} times the largest load; 0 when
 *     the objective is breached at any load
 */
public record LatencyLoadFit(
    int points, int distinctLoads, double minLoad, double maxLoad, double baseLatency, double sigma,
    double sigmaStderr, double kappa, double kappaStderr, double tQuantile, double intercept, double linear,
    double quadratic, double r2, double residualStderr, double objective, Double breachLoad) {

  /** The modelled latency at load {@code x}. */
  public double latency(double x) {
    return intercept + linear * x + quadratic * x * x;
  }
}
