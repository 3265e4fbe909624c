package io.opslake.jobs.capacity;

/**
 * The error rate against load per server ({@link ErrorRateLoadFitter}): the weighted least-squares
 * line r(x) = intercept + slope · x, r in % of requests, x in page loads per server-hour.
 *
 * @param points hours fitted (hours with requests)
 * @param distinctLoads distinct loads among them
 * @param minLoad smallest load
 * @param maxLoad largest load
 * @param requests requests over the fitted hours
 * @param errors errors over the fitted hours
 * @param meanRate the overall error rate, 100 · errors / requests, %
 * @param intercept modelled rate at no load, %
 * @param interceptStderr its standard error
 * @param slope change of the rate per unit of load, percentage points per page load per server-hour
 * @param slopeStderr its standard error
 * @param slopeP two-sided p-value of slope = 0
 * @param r2 weighted coefficient of determination; null when every hour has the same rate
 * @param dispersion the residual variance over the binomial variance at the overall rate (1 for
 *     pure binomial noise); null when the rate is 0 or 100 %
 * @param trend rises, flat or falls at the 5 % level
 */
public record ErrorRateLoadFit(
    int points, int distinctLoads, double minLoad, double maxLoad, long requests, long errors, double meanRate,
    double intercept, double interceptStderr, double slope, double slopeStderr, double slopeP, Double r2,
    Double dispersion, ErrorRateLoadFitter.Trend trend) {

  /** The modelled error rate (%) at load {@code x}. */
  public double rate(double x) {
    return intercept + slope * x;
  }
}
