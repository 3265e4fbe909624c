package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import io.opslake.jobs.anomaly.RobustStatistics;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Fits latency against load per server: the Universal Scalability Law's response time,
 * R(x) = R₁ (1 + σ(x − 1) + κx(x − 1)), which is the quadratic a + b x + c x² with
 * a = R₁(1 − σ), b = R₁(σ − κ), c = R₁κ. The quadratic is fitted by ordinary least squares
 * (Commons Math {@code OLSMultipleLinearRegression}); then R₁ = a + b + c, σ = (b + c)/R₁,
 * κ = c/R₁, with standard errors from the coefficients' covariance by the delta method. The load at
 * which the modelled latency first reaches the objective is found by bisection between 0 and
 * {@value #EXTRAPOLATION} times the largest measured load.
 *
 * <p>Refuses (data errors) with no points ("no latency data"), fewer than {@value #MIN_POINTS}
 * points or fewer than {@value #MIN_DISTINCT_LOADS} distinct loads.
 *
 * <p>Cost: O(points) on the driver. References: N. J. Gunther, <i>Guerrilla Capacity Planning</i>,
 * Springer 2007, ch. 5 (response time under the USL); N. R. Draper, H. Smith, <i>Applied
 * Regression Analysis</i>, 3rd ed., Wiley 1998 (least squares, delta method).
 */
public final class LatencyLoadFitter {
  /** The fewest points fitted. */
  public static final int MIN_POINTS = 10;
  /** The fewest distinct loads fitted (a quadratic and one load to check it against). */
  public static final int MIN_DISTINCT_LOADS = 4;
  /** How far beyond the largest measured load a breach is looked for. */
  public static final double EXTRAPOLATION = 10;

  private LatencyLoadFitter() {}

  /** Residuals beyond this many robust standard deviations are incident hours, left out of the refit. */
  public static final double OUTLIER_SIGMAS = 5;

  /**
   * Fits latency (e.g. p95 in ms) against load per server; {@code what} names the series in
   * messages. The law describes the service in its steady state, so hours an incident made slow
   * (an outage, a stuck dependency: latency many times what the load explains) are left out: after
   * a first least-squares fit, points whose residual is more than {@value #OUTLIER_SIGMAS} robust
   * standard deviations (1.4826 × the residuals' median absolute deviation) from the median
   * residual are dropped and the quadratic is fitted again, once, when enough points remain.
   */
  public static LatencyLoadFit fit(String what, List<LoadPoint> points, double objective) {
    LatencyLoadFit first = fitOnce(what, points, objective);
    double[] residuals = points.stream()
        .mapToDouble(point -> point.throughput() - first.latency(point.load()))
        .toArray();
    double center = RobustStatistics.median(residuals.clone(), residuals.length);
    double scale = RobustStatistics.MAD_TO_SIGMA
        * RobustStatistics.medianAbsoluteDeviation(residuals.clone(), residuals.length, center);
    double typical = points.stream().mapToDouble(point -> Math.abs(point.throughput())).average().orElse(0);
    if (!(scale > 1e-9 * Math.max(1, typical))) {
      return first; // an exact fit: nothing stands out
    }
    List<LoadPoint> kept = new java.util.ArrayList<>();
    for (int i = 0; i < residuals.length; i++) {
      if (Math.abs(residuals[i] - center) <= OUTLIER_SIGMAS * scale) {
        kept.add(points.get(i));
      }
    }
    if (kept.size() == points.size() || kept.size() < MIN_POINTS
        || kept.stream().mapToDouble(LoadPoint::load).distinct().count() < MIN_DISTINCT_LOADS) {
      return first;
    }
    return fitOnce(what, kept, objective);
  }

  private static LatencyLoadFit fitOnce(String what, List<LoadPoint> points, double objective) {
    if (points.isEmpty()) {
      throw OpslakeException.data("Cannot fit latency against load of " + what + ": no latency data");
    }
    double[] loads = points.stream().mapToDouble(LoadPoint::load).toArray();
    double[] latencies = points.stream().mapToDouble(LoadPoint::throughput).toArray();
    int distinct = (int) Arrays.stream(loads).distinct().count();
    if (points.size() < MIN_POINTS || distinct < MIN_DISTINCT_LOADS) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot fit latency against load of %s: %d points at %d distinct loads; the fit needs at least %d"
              + " points at %d distinct loads", what, points.size(), distinct, MIN_POINTS, MIN_DISTINCT_LOADS));
    }
    double[][] design = new double[loads.length][];
    for (int i = 0; i < loads.length; i++) {
      design[i] = new double[] {loads[i], loads[i] * loads[i]};
    }
    OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
    regression.newSampleData(latencies, design);
    double[] beta;
    double[][] covariance;
    try {
      beta = regression.estimateRegressionParameters();
      covariance = regression.estimateRegressionParametersVariance();
    } catch (SingularMatrixException e) {
      throw OpslakeException.data("Cannot fit latency against load of " + what + ": the loads do not determine"
          + " a quadratic");
    }
    double s2 = regression.estimateErrorVariance();
    double a = beta[0];
    double b = beta[1];
    double c = beta[2];
    double base = a + b + c;
    double sigma = (b + c) / base;
    double kappa = c / base;
    double baseSquared = base * base;
    double[] sigmaGradient = {-(b + c) / baseSquared, a / baseSquared, a / baseSquared};
    double[] kappaGradient = {-c / baseSquared, -c / baseSquared, (a + b) / baseSquared};
    double sigmaStderr = Math.sqrt(s2 * quadraticForm(covariance, sigmaGradient));
    double kappaStderr = Math.sqrt(s2 * quadraticForm(covariance, kappaGradient));
    double t = new TDistribution(loads.length - 3).inverseCumulativeProbability(0.975);
    double maxLoad = Arrays.stream(loads).max().orElseThrow();
    double minLoad = Arrays.stream(loads).min().orElseThrow();
    LatencyLoadFit shape = new LatencyLoadFit(loads.length, distinct, minLoad, maxLoad, base, sigma, sigmaStderr,
        kappa, kappaStderr, t, a, b, c, regression.calculateRSquared(), Math.sqrt(s2), objective, null);
    return new LatencyLoadFit(loads.length, distinct, minLoad, maxLoad, base, sigma, sigmaStderr, kappa,
        kappaStderr, t, a, b, c, shape.r2(), shape.residualStderr(), objective, breach(shape, maxLoad, objective));
  }

  /**
   * The smallest x ≥ 0 with latency(x) ≥ objective, by a scan in 1,000 steps and bisection in the
   * first step that crosses; null when there is none up to EXTRAPOLATION × maxLoad.
   */
  static Double breach(LatencyLoadFit fit, double maxLoad, double objective) {
    if (fit.latency(0) >= objective) {
      return 0.0;
    }
    double limit = EXTRAPOLATION * maxLoad;
    int steps = 1000;
    double previous = 0;
    for (int i = 1; i <= steps; i++) {
      double x = limit * i / steps;
      if (fit.latency(x) >= objective) {
        double low = previous;
        double high = x;
        for (int k = 0; k < 60; k++) {
          double middle = (low + high) / 2;
          if (fit.latency(middle) >= objective) {
            high = middle;
          } else {
            low = middle;
          }
        }
        return high;
      }
      previous = x;
    }
    return null;
  }

  private static double quadraticForm(double[][] matrix, double[] vector) {
    double sum = 0;
    for (int i = 0; i < vector.length; i++) {
      for (int j = 0; j < vector.length; j++) {
        sum += vector[i] * matrix[i][j] * vector[j];
      }
    }
    return sum;
  }
}
