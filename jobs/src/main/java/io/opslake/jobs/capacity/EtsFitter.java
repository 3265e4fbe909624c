package io.opslake.jobs.capacity;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits an {@link EtsModel} with additive errors by minimising the sum of squared one-step errors,
 * which for additive errors is maximum likelihood (Hyndman et al. 2008, eq. 5.3: −2 log L = n
 * ln(SSE) + const).
 *
 * <p>Estimated: α, β, γ, φ and the initial level and trend, by Powell's BOBYQA (Commons Math)
 * within α ∈ [1e-4, 0.9999], β = β*α with β* ∈ [1e-4, 0.9999], γ = γ*(1 − α) with the same range
 * for γ*, φ ∈ [0.8, 0.98] (Hyndman and Athanasopoulos's range for damping), on the series divided
 * by its mean absolute value so every coordinate is of order 1. The initial seasonal states are
 * not optimised but set from the first two seasons (a classical decomposition: detrended values
 * per phase averaged over two seasons, normalised to sum 0 or average 1); they still count as
 * parameters in the AICc. Starting values: α = 0.3, β* = γ* = 0.1, φ = 0.95, the initial level
 * and trend from the first two observations (or the first two seasons). Should BOBYQA stall
 * (Commons Math reports "trust region step has failed to reduce Q" on ragged surfaces), Nelder–Mead
 * restarts from the same point with the box as an infinite penalty.
 *
 * <p>Cost: a few hundred to a few thousand O(n) filter passes per model.
 */
public final class EtsFitter {
  private static final double LOW = 1e-4;
  private static final double HIGH = 0.9999;
  private static final double PHI_LOW = 0.8;
  private static final double PHI_HIGH = 0.98;
  private static final int MAX_EVALUATIONS = 20_000;

  private EtsFitter() {}

  /** Fits {@code model} to {@code y}; {@code y} must hold at least two seasons for a seasonal model. */
  public static EtsFit fit(EtsModel model, double[] y) {
    double scale = 0;
    for (double v : y) {
      scale += Math.abs(v) / y.length;
    }
    if (scale == 0) {
      scale = 1;
    }
    double[] scaled = new double[y.length];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < y.length; i++) {
      scaled[i] = y[i] / scale;
      min = Math.min(min, scaled[i]);
      max = Math.max(max, scaled[i]);
    }
    double range = Math.max(max - min, 0.5);
    Start start = start(model, scaled);
    List<double[]> box = new ArrayList<>(); // {low, high, start} per free coordinate
    box.add(new double[] {LOW, HIGH, 0.3});
    if (model.hasTrend()) {
      box.add(new double[] {LOW, HIGH, 0.1});
    }
    if (model.seasonal()) {
      box.add(new double[] {LOW, HIGH, 0.1});
    }
    if (model.trend() == EtsModel.Trend.DAMPED) {
      box.add(new double[] {PHI_LOW, PHI_HIGH, 0.95});
    }
    box.add(new double[] {min - range, max + range, start.level});
    if (model.hasTrend()) {
      box.add(new double[] {-range, range, start.trend});
    }
    int dimension = box.size();
    double[] lower = new double[dimension];
    double[] upper = new double[dimension];
    double[] guess = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      lower[i] = box.get(i)[0];
      upper[i] = box.get(i)[1];
      guess[i] = Math.min(Math.max(box.get(i)[2], lower[i]), upper[i]);
    }
    double[] seasons = start.seasons;
    double[] point;
    try {
      point = new BOBYQAOptimizer(2 * dimension + 1, 0.04, 1e-9).optimize(
          new MaxEval(MAX_EVALUATIONS),
          new ObjectiveFunction(x -> sse(model, x, seasons, scaled)),
          GoalType.MINIMIZE,
          new InitialGuess(guess),
          new SimpleBounds(lower, upper)).getPoint();
    } catch (MathIllegalStateException e) {
      // BOBYQA's quadratic model can stall on a flat or ragged SSE surface; Nelder–Mead, with
      // points outside the box scoring as infinitely bad, needs no model of the surface.
      point = nelderMead(model, seasons, scaled, lower, upper, guess);
    }
    EtsParameters inScale = decode(model, point, seasons);
    return evaluate(model, unscale(model, inScale, scale), y);
  }

  /** The fit of {@code model} with the given parameters, nothing estimated (for published examples). */
  public static EtsFit evaluate(EtsModel model, EtsParameters parameters, double[] y) {
    EtsFilter.Run run = EtsFilter.run(model, parameters, y);
    int n = y.length;
    int k = model.estimatedParameters();
    double sigma2 = run.sse() / Math.max(n - k, 1);
    int withSigma = k + 1;
    double aicc = n - withSigma - 1 > 0
        ? n * Math.log(run.sse() / n) + 2 * withSigma + 2.0 * withSigma * (withSigma + 1) / (n - withSigma - 1)
        : Double.NaN;
    return new EtsFit(model, parameters, n, run.sse(), sigma2, aicc, run);
  }

  private static double sse(EtsModel model, double[] x, double[] seasons, double[] y) {
    double sse = EtsFilter.run(model, decode(model, x, seasons), y).sse();
    return Double.isFinite(sse) ? sse : 1e300;
  }

  private static double[] nelderMead(EtsModel model, double[] seasons, double[] y, double[] lower, double[] upper,
      double[] guess) {
    double[] steps = new double[guess.length];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = 0.1 * (upper[i] - lower[i]);
    }
    PointValuePair best = new SimplexOptimizer(1e-10, 1e-12).optimize(
        new MaxEval(MAX_EVALUATIONS),
        new ObjectiveFunction(x -> {
          for (int i = 0; i < x.length; i++) {
            if (x[i] < lower[i] || x[i] > upper[i]) {
              return 1e300;
            }
          }
          return sse(model, x, seasons, y);
        }),
        GoalType.MINIMIZE,
        new InitialGuess(guess),
        new NelderMeadSimplex(steps));
    return best.getPoint();
  }

  private static EtsParameters decode(EtsModel model, double[] x, double[] seasons) {
    int i = 0;
    double alpha = x[i++];
    double beta = model.hasTrend() ? x[i++] * alpha : 0;
    double gamma = model.seasonal() ? x[i++] * (1 - alpha) : 0;
    double phi = model.trend() == EtsModel.Trend.DAMPED ? x[i++] : 1;
    double level = x[i++];
    double trend = model.hasTrend() ? x[i] : 0;
    return new EtsParameters(alpha, beta, gamma, phi, level, trend, seasons);
  }

  private static EtsParameters unscale(EtsModel model, EtsParameters p, double scale) {
    double[] seasons = p.seasons0();
    if (model.season() == EtsModel.Season.ADDITIVE) {
      for (int i = 0; i < seasons.length; i++) {
        seasons[i] *= scale;
      }
    }
    return new EtsParameters(p.alpha(), p.beta(), p.gamma(), p.phi(), p.level0() * scale, p.trend0() * scale,
        seasons);
  }

  private record Start(double level, double trend, double[] seasons) {}

  private static Start start(EtsModel model, double[] y) {
    if (!model.seasonal()) {
      double trend = y.length > 1 ? y[1] - y[0] : 0;
      return new Start(model.hasTrend() ? y[0] - trend : y[0], trend, new double[0]);
    }
    int m = model.period();
    double first = 0;
    double second = 0;
    for (int i = 0; i < m; i++) {
      first += y[i] / m;
      second += y[m + i] / m;
    }
    double slope = (second - first) / m;
    boolean multiplicative = model.season() == EtsModel.Season.MULTIPLICATIVE;
    double[] seasons = new double[m];
    double total = 0;
    for (int i = 0; i < m; i++) {
      double sum = 0;
      for (int cycle = 0; cycle < 2; cycle++) {
        int t = cycle * m + i;
        double trendValue = first + slope * (t - (m - 1) / 2.0);
        sum += multiplicative ? y[t] / trendValue : y[t] - trendValue;
      }
      seasons[i] = sum / 2;
      total += seasons[i];
    }
    for (int i = 0; i < m; i++) {
      seasons[i] = multiplicative ? seasons[i] * m / total : seasons[i] - total / m;
    }
    double level = first + slope * (-1 - (m - 1) / 2.0);
    return new Start(model.hasTrend() ? level : first, slope, seasons);
  }
}
