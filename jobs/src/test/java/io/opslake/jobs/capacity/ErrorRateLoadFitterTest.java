package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.OpslakeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed weighted least squares: the arithmetic is in the comments. */
class ErrorRateLoadFitterTest {

  @Test
  void aRisingRateIsFittedWithRequestsAsWeights() {
    // x = 10, 20, …, 120 in three blocks of four hours with 1,000, 2,000 and 4,000 requests;
    // r = 1 + 0.05 x + d %, d = +0.1, −0.1, −0.1, +0.1 in each block, so errors = r · w / 100 are
    // whole. Within a block Σw·d = 0 and Σw·d·x = w·0.1·(x1 − x2 − x3 + x4) = 0, so weighted least
    // squares gives exactly a = 1, b = 0.05.
    //   W = 4 · 7,000 = 28,000; Σwx = 1,000·100 + 2,000·260 + 4,000·420 = 2,300,000, x̄ = 82.142857;
    //   r̄ = 1 + 0.05 x̄ = 5.107143 % (= 100 Σerrors / Σrequests);
    //   Σwx² = 1,000·3,000 + 2,000·17,400 + 4,000·44,600 = 216,200,000, Sxx = Σwx² − W x̄²;
    //   SSE = Σw·d² = 28,000 · 0.01 = 280, s² = 280 / 10 = 28, SE(b) = sqrt(28 / Sxx) = 0.0010133;
    //   SE(a) = sqrt(28 (1/W + x̄² / Sxx)); Syy = b² Sxx + SSE, R² = 1 − 280 / Syy;
    //   dispersion = 28 / (100² · 0.05107143 · 0.94892857) = 0.057776.
    double[] deviation = {0.1, -0.1, -0.1, 0.1};
    long[] requests = {1_000, 2_000, 4_000};
    List<ErrorRateLoadFitter.Hour> hours = new ArrayList<>();
    for (int k = 1; k <= 12; k++) {
      double x = 10 * k;
      long w = requests[(k - 1) / 4];
      double rate = 1 + 0.05 * x + deviation[(k - 1) % 4];
      hours.add(new ErrorRateLoadFitter.Hour(x, w, Math.round(rate * w / 100)));
    }

    ErrorRateLoadFit fit = ErrorRateLoadFitter.fit("web", hours);

    double weights = 28_000;
    double meanX = 2_300_000 / weights;
    double sxx = 216_200_000 - weights * meanX * meanX;
    assertThat(fit.intercept()).isCloseTo(1, within(1e-9));
    assertThat(fit.slope()).isCloseTo(0.05, within(1e-12));
    assertThat(fit.meanRate()).isCloseTo(1 + 0.05 * meanX, within(1e-12));
    assertThat(fit.slopeStderr()).isCloseTo(Math.sqrt(28 / sxx), within(1e-12));
    assertThat(fit.interceptStderr()).isCloseTo(Math.sqrt(28 * (1 / weights + meanX * meanX / sxx)), within(1e-9));
    assertThat(fit.r2()).isCloseTo(1 - 280 / (0.0025 * sxx + 280), within(1e-12));
    assertThat(fit.dispersion()).isCloseTo(0.057775871, within(1e-8));
    assertThat(fit.slopeP()).isLessThan(1e-10);
    assertThat(fit.trend()).isEqualTo(ErrorRateLoadFitter.Trend.RISES);
    assertThat(fit.requests()).isEqualTo(28_000);
    assertThat(fit.rate(100)).isCloseTo(6, within(1e-9));
  }

  @Test
  void aRateThatDoesNotMoveWithLoadIsFlat() {
    // x = 1, …, 12, 1,000 requests each; r = 2, 1, 1, 2 % repeated: d = ±0.5 around 1.5 with
    // Σd·x = 0 in every block, so b = 0 exactly, t = 0 and the two-sided p-value is 1.
    int[] errors = {20, 10, 10, 20};
    List<ErrorRateLoadFitter.Hour> hours = new ArrayList<>();
    for (int k = 1; k <= 12; k++) {
      hours.add(new ErrorRateLoadFitter.Hour(k, 1_000, errors[(k - 1) % 4]));
    }
    hours.add(new ErrorRateLoadFitter.Hour(13, 0, 0));

    ErrorRateLoadFit fit = ErrorRateLoadFitter.fit("web", hours);

    assertThat(fit.slope()).isCloseTo(0, within(1e-12));
    assertThat(fit.slopeP()).isCloseTo(1, within(1e-9));
    assertThat(fit.trend()).isEqualTo(ErrorRateLoadFitter.Trend.FLAT);
    assertThat(fit.meanRate()).isCloseTo(1.5, within(1e-12));
    // The hour without requests is left out.
    assertThat(fit.points()).isEqualTo(12);
    assertThat(fit.maxLoad()).isEqualTo(12);
  }

  @Test
  void tooFewHoursAreRefused() {
    List<ErrorRateLoadFitter.Hour> few = List.of(new ErrorRateLoadFitter.Hour(1, 100, 1),
        new ErrorRateLoadFitter.Hour(2, 100, 2), new ErrorRateLoadFitter.Hour(3, 0, 0));
    assertThatThrownBy(() -> ErrorRateLoadFitter.fit("web", few))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot fit the error rate against load of web: 2 hours with requests and 2 distinct loads; the fit"
            + " needs at least 10 hours and 3 distinct loads");
  }
}
