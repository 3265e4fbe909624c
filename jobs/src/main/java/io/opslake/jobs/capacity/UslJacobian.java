package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The Jacobian of X(N) with respect to (λ, σ, κ) at one point of the parameter space, over the
 * measured loads, with its columns scaled to unit length (λ, σ and κ differ by orders of magnitude)
 * and decomposed by SVD: its condition number says whether σ and κ can be told apart, and it gives
 * the linearised covariance s²(JᵀJ)⁻¹ (Bates and Watts, <i>Nonlinear Regression Analysis and Its
 * Applications</i>, chapter 2).
 */
final class UslJacobian {
  private final double[] norms;
  private final SingularValueDecomposition svd;

  private UslJacobian(double[] norms, SingularValueDecomposition svd) {
    this.norms = norms;
    this.svd = svd;
  }

  /**
   * The scaled Jacobian of {@code model} at {@code loads}; refuses with {@link OpslakeException#data}
   * when its condition number exceeds {@link UslFitter#MAX_CONDITION} (or a column is 0).
   */
  static UslJacobian identifiable(UslModel model, double[] loads) {
    double[][] jacobian = new double[loads.length][];
    double[] norms = new double[3];
    for (int i = 0; i < loads.length; i++) {
      jacobian[i] = model.gradient(loads[i]);
      for (int j = 0; j < 3; j++) {
        norms[j] += jacobian[i][j] * jacobian[i][j];
      }
    }
    double condition = Double.POSITIVE_INFINITY;
    SingularValueDecomposition svd = null;
    if (Arrays.stream(norms).allMatch(norm -> norm > 0 && Double.isFinite(norm))) {
      for (int j = 0; j < 3; j++) {
        norms[j] = Math.sqrt(norms[j]);
      }
      for (double[] row : jacobian) {
        for (int j = 0; j < 3; j++) {
          row[j] /= norms[j];
        }
      }
      svd = new SingularValueDecomposition(new Array2DRowRealMatrix(jacobian, false));
      condition = svd.getConditionNumber();
    }
    if (!(condition <= UslFitter.MAX_CONDITION)) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot fit USL: σ and κ cannot be told apart with loads %s to %s (condition number %.2g);"
              + " measure over a wider range of loads",
          UslFitter.plain(Arrays.stream(loads).min().orElseThrow()),
          UslFitter.plain(Arrays.stream(loads).max().orElseThrow()), condition));
    }
    return new UslJacobian(norms, svd);
  }

  /** Standard errors of λ, σ and κ: the square roots of the diagonal of s²(JᵀJ)⁻¹. */
  double[] standardErrors(double residualVariance) {
    RealMatrix scaledCovariance = svd.getCovariance(0);
    double[] stderr = new double[3];
    for (int j = 0; j < 3; j++) {
      stderr[j] = Math.sqrt(residualVariance * scaledCovariance.getEntry(j, j)) / norms[j];
    }
    return stderr;
  }
}
