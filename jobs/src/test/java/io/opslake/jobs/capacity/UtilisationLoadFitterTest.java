package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.OpslakeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed least squares: the arithmetic is in the comments. */
class UtilisationLoadFitterTest {

  @Test
  void theLineAndTheLoadAtTheTarget() {
    // x = 10, 20, …, 120; u = 10 + 0.5 x + d with d = +1, −1, −1, +1 repeated. Σd = 0 and
    // Σd·x = (10 − 20 − 30 + 40) + (50 − 60 − 70 + 80) + (90 − 100 − 110 + 120) = 0, so least
    // squares gives exactly a = 10, b = 0.5. SSE = Σd² = 12, residual SE = sqrt(12 / 10);
    // Sxx = 100 Σ(k − 6.5)² = 14,300, SST = 0.25 · 14,300 + 12 = 3,587, R² = 1 − 12 / 3,587;
    // SE(b) = sqrt(1.2 / 14,300). At 70 %: x* = (70 − 10) / 0.5 = 120.
    double[] deviation = {1, -1, -1, 1};
    List<LoadPoint> points = new ArrayList<>();
    for (int k = 1; k <= 12; k++) {
      double x = 10 * k;
      points.add(new LoadPoint(x, 10 + 0.5 * x + deviation[(k - 1) % 4]));
    }

    UtilisationLoadFit fit = UtilisationLoadFitter.fit(UtilisationResource.CPU, "web", "host.vmstat.cpu.idle", points, 0.70);

    assertThat(fit.intercept()).isCloseTo(10, within(1e-9));
    assertThat(fit.slope()).isCloseTo(0.5, within(1e-12));
    assertThat(fit.residualStderr()).isCloseTo(Math.sqrt(1.2), within(1e-9));
    assertThat(fit.r2()).isCloseTo(1 - 12.0 / 3587, within(1e-12));
    assertThat(fit.slopeStderr()).isCloseTo(Math.sqrt(1.2 / 14_300), within(1e-12));
    assertThat(fit.targetLoad()).isCloseTo(120, within(1e-9));
    assertThat(fit.utilisation(120)).isCloseTo(70, within(1e-9));
    assertThat(fit.points()).isEqualTo(12);
    assertThat(fit.distinctLoads()).isEqualTo(12);
  }

  @Test
  void tooFewHoursAndFlatUtilisationAreRefused() {
    List<LoadPoint> few = List.of(new LoadPoint(1, 10), new LoadPoint(2, 11), new LoadPoint(3, 12));
    assertThatThrownBy(() -> UtilisationLoadFitter.fit(UtilisationResource.CPU, "web", "cpu.total", few, 0.7))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot fit CPU utilisation against load of web: 3 hours with 3 distinct loads; the fit needs at"
            + " least 10 hours and 3 distinct loads");
    // Utilisation alternating 20/30 over rising load: slope 0 (by symmetry), not significant.
    List<LoadPoint> flat = new ArrayList<>();
    double[] values = {20, 30, 30, 20};
    for (int k = 1; k <= 12; k++) {
      flat.add(new LoadPoint(k, values[(k - 1) % 4]));
    }
    assertThatThrownBy(() -> UtilisationLoadFitter.fit(UtilisationResource.CPU, "web", "cpu.total", flat, 0.7))
        .isInstanceOf(OpslakeException.class)
        .hasMessageStartingWith("Cannot fit CPU utilisation against load of web: utilisation does not grow with load");
  }
}
