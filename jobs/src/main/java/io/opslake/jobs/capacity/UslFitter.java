package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits the Universal Scalability Law ({@link UslModel}) to measured (load, throughput) points by
 * nonlinear least squares on the raw throughput, the fit of Schwartz's e-book and of
 * {@code codahale/usl4j}. Pure Java on the driver: O(points) memory, a few hundred model evaluations.
 *
 * <ol>
 *   <li>Starting values as in the e-book: λ₀ = X/N at the smallest load; since λN/X − 1 =
 *       (σ+κ)(N−1) + κ(N−1)², a least-squares quadratic through the origin in N−1 gives κ₀ and σ₀
 *       (clamped at 0).
 *   <li>Levenberg–Marquardt (Apache Commons Math) from there, with σ and κ projected onto their bound
 *       σ, κ ≥ 0 at every step.
 *   <li>Standard errors from the Jacobian J at the solution ({@link UslJacobian}): cov = s²(JᵀJ)⁻¹
 *       with s² = RSS/(n−3), inverted through an SVD of the column-scaled J; 95 % intervals from the t distribution with
 *       n−3 degrees of freedom (for σ and κ clipped below at 0).
 * </ol>
 *
 * <p>It refuses, with {@link OpslakeException#data} and a sentence saying why, when there are fewer
 * than {@value #MIN_DISTINCT_LOADS} distinct loads, when the throughput carries no curvature (an F
 * test of the fit against X = λN gives p above {@value #CURVATURE_SIGNIFICANCE}, or throughput is
 * exactly proportional to load), when σ and κ cannot be told apart (the scaled Jacobian's condition
 * number exceeds {@value #MAX_CONDITION}), or when the optimizer does not converge.
 *
 * <p>References: N. J. Gunther, <i>Guerrilla Capacity Planning</i> (Springer, 2007), chapter 5;
 * B. Schwartz, <i>Practical Scalability Analysis with the Universal Scalability Law</i> (VividCortex,
 * 2015); D. M. Bates and D. G. Watts, <i>Nonlinear Regression Analysis and Its Applications</i>
 * (Wiley, 1988), chapter 2, for the standard errors. docs/algorithms.md has the details.
 */
public final class UslFitter {
  /** The fewest distinct loads fitted: three coefficients plus one load to check them against. */
  public static final int MIN_DISTINCT_LOADS = 4;
  /** The F test's p-value above which the data is taken to carry no contention or coherency. */
  public static final double CURVATURE_SIGNIFICANCE = 0.05;
  /** The condition number of the column-scaled Jacobian above which σ and κ cannot be told apart. */
  public static final double MAX_CONDITION = 1e7;

  // A residual sum of squares this small relative to ΣX² is an exact fit (rounding only).
  private static final double EXACT = 1e-18;
  // A relative change of the modelled throughput this small is rounding, not an effect.
  private static final double ROUNDING = 1e-12;
  private static final int MAX_EVALUATIONS = 10_000;

  private UslFitter() {}

  /** Fits the law to {@code points}; {@code source} names them in the result. */
  public static UslFit fit(String source, List<LoadPoint> points) {
    double[] loads = points.stream().mapToDouble(LoadPoint::load).toArray();
    double[] throughputs = points.stream().mapToDouble(LoadPoint::throughput).toArray();
    requireFittable(loads, throughputs);
    UslModel model = leastSquares(loads, throughputs, startingValues(loads, throughputs));

    int degreesOfFreedom = loads.length - 3;
    double rss = residualSumOfSquares(model, loads, throughputs);
    double curvatureP = curvatureP(loads, throughputs, rss, degreesOfFreedom);
    double[] stderr = UslJacobian.identifiable(model, loads).standardErrors(rss / degreesOfFreedom);
    double t = new TDistribution(degreesOfFreedom).inverseCumulativeProbability(0.975);
    double mean = Arrays.stream(throughputs).average().orElseThrow();
    double tss = Arrays.stream(throughputs).map(x -> (x - mean) * (x - mean)).sum();
    OptionalDouble peak = model.peakLoad();
    Double peakLoad = peak.isPresent() ? peak.getAsDouble() : null;
    double minLoad = Arrays.stream(loads).min().orElseThrow();
    double maxLoad = Arrays.stream(loads).max().orElseThrow();
    return new UslFit(source, loads.length, distinct(loads).length, minLoad, maxLoad,
        model.lambda(), stderr[0], interval(model.lambda(), t * stderr[0], Double.NEGATIVE_INFINITY),
        model.sigma(), stderr[1], interval(model.sigma(), t * stderr[1], 0),
        model.kappa(), stderr[2], interval(model.kappa(), t * stderr[2], 0),
        peakLoad, peakLoad == null ? null : model.throughput(peakLoad),
        tss > 0 ? 1 - rss / tss : null, Math.sqrt(rss / degreesOfFreedom), degreesOfFreedom, curvatureP,
        notes(model, minLoad, maxLoad));
  }

  private static void requireFittable(double[] loads, double[] throughputs) {
    double[] distinct = distinct(loads);
    if (distinct.length < MIN_DISTINCT_LOADS) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot fit USL: %d distinct load%s (%s); λ, σ and κ need at least %d distinct loads",
          distinct.length, distinct.length == 1 ? "" : "s",
          Arrays.stream(distinct).mapToObj(UslFitter::plain).collect(Collectors.joining(", ")), MIN_DISTINCT_LOADS));
    }
    if (Arrays.stream(throughputs).allMatch(x -> x == 0)) {
      throw OpslakeException.data("Cannot fit USL: throughput is 0 at every load");
    }
  }

  /** λ₀ from the smallest load, σ₀ and κ₀ from the quadratic λ₀N/X − 1 = (σ+κ)(N−1) + κ(N−1)². */
  static UslModel startingValues(double[] loads, double[] throughputs) {
    double smallest = Arrays.stream(loads).min().orElseThrow();
    double lambda = 0;
    int atSmallest = 0;
    for (int i = 0; i < loads.length; i++) {
      if (loads[i] == smallest) {
        lambda += throughputs[i] / loads[i];
        atSmallest++;
      }
    }
    lambda /= atSmallest;
    if (lambda <= 0) {
      double best = 0;
      for (int i = 0; i < loads.length; i++) {
        best = Math.max(best, throughputs[i] / loads[i]);
      }
      lambda = best;
    }
    // Normal equations of y = a·x + b·x² (no intercept), x = N − 1, y = λ₀N/X − 1.
    double sx2 = 0, sx3 = 0, sx4 = 0, sxy = 0, sx2y = 0;
    for (int i = 0; i < loads.length; i++) {
      if (throughputs[i] <= 0) {
        continue;
      }
      double x = loads[i] - 1;
      double y = lambda * loads[i] / throughputs[i] - 1;
      sx2 += x * x;
      sx3 += x * x * x;
      sx4 += x * x * x * x;
      sxy += x * y;
      sx2y += x * x * y;
    }
    double determinant = sx2 * sx4 - sx3 * sx3;
    if (!(determinant > 0)) {
      return new UslModel(lambda, 0, 0);
    }
    double linear = (sxy * sx4 - sx2y * sx3) / determinant;
    double quadratic = (sx2 * sx2y - sx3 * sxy) / determinant;
    return new UslModel(lambda, Math.max(linear - quadratic, 0), Math.max(quadratic, 0));
  }

  private static UslModel leastSquares(double[] loads, double[] throughputs, UslModel start) {
    LeastSquaresBuilder problem = new LeastSquaresBuilder()
        .model(point -> valueAndJacobian(point, loads))
        .target(throughputs)
        .start(new double[] {start.lambda(), start.sigma(), start.kappa()})
        .parameterValidator(UslFitter::projectOntoBounds)
        .lazyEvaluation(false)
        .maxEvaluations(MAX_EVALUATIONS)
        .maxIterations(MAX_EVALUATIONS);
    LeastSquaresOptimizer.Optimum optimum;
    try {
      optimum = new LevenbergMarquardtOptimizer()
          .withCostRelativeTolerance(1e-12)
          .withParameterRelativeTolerance(1e-12)
          .optimize(problem.build());
    } catch (MathIllegalStateException e) {
      // Loads too close together for σ and κ to differ is the likelier cause; say so if it is.
      UslJacobian.identifiable(start, loads);
      throw OpslakeException.data(String.format(Locale.ROOT, "Cannot fit USL: the least-squares fit did not converge"
          + " (%s) from λ = %.6g, σ = %.6g, κ = %.6g", e instanceof MaxCountExceededException
              ? "no solution within " + MAX_EVALUATIONS + " evaluations" : e.getMessage(),
          start.lambda(), start.sigma(), start.kappa()));
    }
    RealVector point = optimum.getPoint();
    return snapToBounds(new UslModel(point.getEntry(0), point.getEntry(1), point.getEntry(2)), loads);
  }

  /**
   * σ or κ whose term changes the modelled throughput at every measured load by less than {@link
   * #ROUNDING} is set to its bound 0: on data without that effect the optimizer approaches 0 from
   * above (κ = 5e-19, say), which would put the peak at a billion.
   */
  private static UslModel snapToBounds(UslModel model, double[] loads) {
    double sigmaEffect = 0;
    double kappaEffect = 0;
    for (double n : loads) {
      double denominator = 1 + model.sigma() * (n - 1) + model.kappa() * n * (n - 1);
      sigmaEffect = Math.max(sigmaEffect, Math.abs(model.sigma() * (n - 1) / denominator));
      kappaEffect = Math.max(kappaEffect, Math.abs(model.kappa() * n * (n - 1) / denominator));
    }
    return new UslModel(model.lambda(), sigmaEffect < ROUNDING ? 0 : model.sigma(),
        kappaEffect < ROUNDING ? 0 : model.kappa());
  }

  private static Pair<RealVector, RealMatrix> valueAndJacobian(RealVector point, double[] loads) {
    UslModel model = new UslModel(point.getEntry(0), point.getEntry(1), point.getEntry(2));
    double[] values = new double[loads.length];
    double[][] jacobian = new double[loads.length][];
    for (int i = 0; i < loads.length; i++) {
      values[i] = model.throughput(loads[i]);
      jacobian[i] = model.gradient(loads[i]);
    }
    return new Pair<>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
  }

  private static RealVector projectOntoBounds(RealVector point) {
    point.setEntry(1, Math.max(point.getEntry(1), 0));
    point.setEntry(2, Math.max(point.getEntry(2), 0));
    return point;
  }

  private static double residualSumOfSquares(UslModel model, double[] loads, double[] throughputs) {
    double sum = 0;
    for (int i = 0; i < loads.length; i++) {
      double residual = throughputs[i] - model.throughput(loads[i]);
      sum += residual * residual;
    }
    return sum;
  }

  /**
   * p-value of the F test of the fit (3 coefficients) against X = λN (σ = κ = 0, 1 coefficient),
   * refusing the fit when it is above {@link #CURVATURE_SIGNIFICANCE}. With σ and κ on a bound under
   * the null hypothesis the plain F distribution overstates p, so the test errs towards refusing.
   */
  private static double curvatureP(double[] loads, double[] throughputs, double rss, int degreesOfFreedom) {
    double loadThroughput = 0, loadSquares = 0, throughputSquares = 0;
    for (int i = 0; i < loads.length; i++) {
      loadThroughput += loads[i] * throughputs[i];
      loadSquares += loads[i] * loads[i];
      throughputSquares += throughputs[i] * throughputs[i];
    }
    double slope = loadThroughput / loadSquares;
    double proportionalRss = residualSumOfSquares(new UslModel(slope, 0, 0), loads, throughputs);
    String range = plain(Arrays.stream(loads).min().orElseThrow()) + " to " + plain(Arrays.stream(loads).max().orElseThrow());
    if (proportionalRss <= EXACT * throughputSquares) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot fit USL: over loads %s throughput is exactly proportional to load (X = %.6g × N): with no"
              + " contention or coherency in the data σ and κ cannot be estimated. Measure at higher loads.",
          range, slope));
    }
    double p = 0;
    if (rss > EXACT * throughputSquares) {
      double f = Math.max(proportionalRss - rss, 0) / 2 / (rss / degreesOfFreedom);
      p = 1 - new FDistribution(2, degreesOfFreedom).cumulativeProbability(f);
    }
    if (p > CURVATURE_SIGNIFICANCE) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot fit USL: over loads %s throughput is explained as well by plain proportional growth"
              + " (X ≈ %.6g × N) as by the law: contention and coherency are not distinguishable from noise"
              + " (F test p = %.2g). Measure over a wider range of loads.",
          range, slope, p));
    }
    return p;
  }

  private static UslFit.Interval interval(double estimate, double halfWidth, double bound) {
    return new UslFit.Interval(Math.max(estimate - halfWidth, bound), estimate + halfWidth);
  }

  private static List<String> notes(UslModel model, double minLoad, double maxLoad) {
    List<String> notes = new ArrayList<>();
    if (model.sigma() == 0) {
      notes.add("σ is at its bound 0: the data shows no contention.");
    }
    if (model.kappa() == 0) {
      notes.add(model.sigma() > 0
          ? String.format(Locale.ROOT, "κ is at its bound 0: no coherency delay, so throughput has no peak and"
              + " levels off towards λ/σ = %.6g.", model.lambda() / model.sigma())
          : "κ is at its bound 0: no coherency delay, so throughput has no peak.");
    } else if (model.sigma() >= 1) {
      notes.add("σ ≥ 1: throughput is highest at the smallest load and falls as load grows.");
    }
    OptionalDouble peak = model.peakLoad();
    if (peak.isPresent() && (peak.getAsDouble() > maxLoad || peak.getAsDouble() < minLoad)) {
      boolean beyond = peak.getAsDouble() > maxLoad;
      notes.add(String.format(Locale.ROOT, "The peak at N = %.4g lies %s measured load %s; it is an extrapolation.",
          peak.getAsDouble(), beyond ? "beyond the largest" : "below the smallest", plain(beyond ? maxLoad : minLoad)));
    }
    return notes;
  }

  private static double[] distinct(double[] loads) {
    return Arrays.stream(loads).distinct().sorted().toArray();
  }

  /** A number as written, without a trailing {@code .0}: 4, 2.5, 1e-7 as 0.0000001. */
  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
