package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Fits the utilisation of a host resource ({@link UtilisationResource}: CPU, memory, descriptors)
 * against load per server by ordinary least squares (Commons Math {@code SimpleRegression}): u(x) =
 * a + b x, u the hour's mean utilisation of the service's hosts in percent, x its page loads per
 * server-hour. The load per server at which the line reaches the utilisation target (default 70 %)
 * is x* = (100 · target − a) / b: what one server may carry before the resource passes the target,
 * the utilisation side of the capacity plan. Utilisation is
 * linear in load while a server is below saturation (the utilisation law U = X · S of operational
 * analysis: throughput times service demand per request), which is the regime a plan keeps it in.
 *
 * <p>Refuses (data errors): fewer than {@value #MIN_POINTS} hours or {@value #MIN_DISTINCT_LOADS}
 * distinct loads; a slope that is not positive at the 5 % level (utilisation that does not grow
 * with load gives no capacity).
 *
 * <p>Cost: O(points) on the driver. References: P. J. Denning, J. P. Buzen, "The operational
 * analysis of queueing network models", ACM Computing Surveys 10(3), 1978 (the utilisation law);
 * N. R. Draper, H. Smith, <i>Applied Regression Analysis</i>, 3rd ed., Wiley 1998.
 */
public final class UtilisationLoadFitter {
  /** The fewest hours fitted. */
  public static final int MIN_POINTS = 10;
  /** The fewest distinct loads fitted. */
  public static final int MIN_DISTINCT_LOADS = 3;
  private static final double SIGNIFICANCE = 0.05;

  private UtilisationLoadFitter() {}

  /**
   * Fits {@code points} (load per server, utilisation %) of {@code resource} of {@code what} from
   * metric {@code source}.
   *
   * @param target utilisation target, a share in (0, 1]
   */
  public static UtilisationLoadFit fit(UtilisationResource resource, String what, String source,
      List<LoadPoint> points, double target) {
    long distinct = points.stream().mapToDouble(LoadPoint::load).distinct().count();
    if (points.size() < MIN_POINTS || distinct < MIN_DISTINCT_LOADS) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot fit %s utilisation against load of %s: %d hours with %d distinct loads; the fit needs at"
              + " least %d hours and %d distinct loads", resource.noun(), what, points.size(), distinct, MIN_POINTS, MIN_DISTINCT_LOADS));
    }
    SimpleRegression regression = new SimpleRegression(true);
    double minLoad = Double.POSITIVE_INFINITY;
    double maxLoad = Double.NEGATIVE_INFINITY;
    for (LoadPoint point : points) {
      regression.addData(point.load(), point.throughput());
      minLoad = Math.min(minLoad, point.load());
      maxLoad = Math.max(maxLoad, point.load());
    }
    double slope = regression.getSlope();
    double p = regression.getSignificance();
    if (!(slope > 0) || !(p < SIGNIFICANCE)) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot fit %s utilisation against load of %s: utilisation does not grow with load (slope %.3g %%"
              + " per page load per server-hour, p = %.2g over %d hours)", resource.noun(), what, slope, p, points.size()));
    }
    double intercept = regression.getIntercept();
    double targetLoad = Math.max(0, (100 * target - intercept) / slope);
    return new UtilisationLoadFit(resource, source, points.size(), (int) distinct, minLoad, maxLoad, intercept,
        regression.getInterceptStdErr(), slope, regression.getSlopeStdErr(), p, regression.getRSquare(),
        Math.sqrt(regression.getMeanSquareError()), target, targetLoad);
  }
}
