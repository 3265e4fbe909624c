package io.opslake.jobs.capacity;

/**
 * The utilisation of a host resource against load per server ({@link UtilisationLoadFitter}): the
 * straight line u(x) = intercept + slope · x, u in percent, x in page loads per server-hour.
 *
 * @param resource the resource: CPU, memory or descriptors
 * @param source the metric the utilisation came from, e.g. {@code host.vmstat.cpu.idle}
 * @param points hours fitted
 * @param distinctLoads distinct loads among them
 * @param minLoad smallest load
 * @param maxLoad largest load
 * @param intercept utilisation at no load, %
 * @param interceptStderr its standard error
 * @param slope utilisation per unit of load, % per page load per server-hour
 * @param slopeStderr its standard error
 * @param slopeP two-sided p-value of slope = 0
 * @param r2 coefficient of determination
 * @param residualStderr residual standard error, %
 * @param target the utilisation target, a share in (0, 1]
 * @param targetLoad the load per server at which the modelled utilisation reaches the target
 *     ((100 · target − intercept) / slope); 0 when the target is already exceeded at no load
 */
public record UtilisationLoadFit(
    UtilisationResource resource, String source, int points, int distinctLoads, double minLoad, double maxLoad, double intercept,
    double interceptStderr, double slope, double slopeStderr, double slopeP, double r2, double residualStderr,
    double target, double targetLoad) {

  /** The modelled utilisation (%) at load {@code x}. */
  public double utilisation(double x) {
    return intercept + slope * x;
  }
}
