package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.OpslakeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Latency against load per server on hand-computed curves. */
class LatencyLoadFitterTest {
  @Test
  void anExactUslResponseTimeGivesBackItsCoefficientsAndTheBreachLoad() {
    // R(x) = 100 (1 + 0.05 (x − 1) + 0.002 x (x − 1)) at x = 1..20; R(x) = 300 at
    // 0.002 x² + 0.048 x − 2.05 = 0, x = (−0.048 + sqrt(0.048² + 4 · 0.002 · 2.05)) / 0.004 = 22.0597...
    List<LoadPoint> points = new ArrayList<>();
    for (int x = 1; x <= 20; x++) {
      points.add(new LoadPoint(x, 100 * (1 + 0.05 * (x - 1) + 0.002 * x * (x - 1))));
    }
    LatencyLoadFit fit = LatencyLoadFitter.fit("test", points, 300);

    assertThat(fit.baseLatency()).isCloseTo(100, within(1e-9));
    assertThat(fit.sigma()).isCloseTo(0.05, within(1e-12));
    assertThat(fit.kappa()).isCloseTo(0.002, within(1e-12));
    assertThat(fit.r2()).isCloseTo(1, within(1e-12));
    double expected = (-0.048 + Math.sqrt(0.048 * 0.048 + 4 * 0.002 * 2.05)) / 0.004;
    assertThat(fit.breachLoad()).isCloseTo(expected, within(1e-9));
  }

  @Test
  void noiseGivesStandardErrorsThatCoverTheTruth() {
    // Alternating ±2 ms around R(x) = 50 (1 + 0.1 (x − 1) + 0.01 x (x − 1)).
    List<LoadPoint> points = new ArrayList<>();
    for (int x = 1; x <= 30; x++) {
      points.add(new LoadPoint(x, 50 * (1 + 0.1 * (x - 1) + 0.01 * x * (x - 1)) + (x % 2 == 0 ? 2 : -2)));
    }
    LatencyLoadFit fit = LatencyLoadFitter.fit("test", points, 1000);

    assertThat(fit.sigmaStderr()).isPositive();
    assertThat(Math.abs(fit.sigma() - 0.1)).isLessThan(fit.tQuantile() * fit.sigmaStderr());
    assertThat(Math.abs(fit.kappa() - 0.01)).isLessThan(fit.tQuantile() * fit.kappaStderr());
  }

  @Test
  void noPointsOrTooFewLoadsAreRefusedWithAReason() {
    assertThatThrownBy(() -> LatencyLoadFitter.fit("web", List.of(), 500))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot fit latency against load of web: no latency data");
    List<LoadPoint> three = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      three.add(new LoadPoint(1 + i % 3, 100 + i));
    }
    assertThatThrownBy(() -> LatencyLoadFitter.fit("web", three, 500))
        .hasMessage("Cannot fit latency against load of web: 12 points at 3 distinct loads; the fit needs at least 10"
            + " points at 4 distinct loads");
  }

  @Test
  void anObjectiveNeverReachedGivesNoBreachAndOneAlreadyBrokenGivesZero() {
    List<LoadPoint> flat = new ArrayList<>();
    for (int x = 1; x <= 12; x++) {
      flat.add(new LoadPoint(x, 100 + x));
    }
    assertThat(LatencyLoadFitter.fit("web", flat, 1000).breachLoad()).isNull();
    assertThat(LatencyLoadFitter.fit("web", flat, 50).breachLoad()).isZero();
  }

  @Test
  void anIncidentHourFiveTimesSlowerIsLeftOutOfTheLaw() {
    // Alternating ±2 ms around R(x) = 50 (1 + 0.1 (x − 1) + 0.01 x (x − 1)) at x = 1..20, and the
    // hour at x = 10 five times slower (an outage): its residual is about 800 ms against a robust
    // spread of about 3 ms, so the law is fitted on the other 19 points.
    List<LoadPoint> points = new ArrayList<>();
    for (int x = 1; x <= 20; x++) {
      double law = 50 * (1 + 0.1 * (x - 1) + 0.01 * x * (x - 1));
      points.add(new LoadPoint(x, x == 10 ? 5 * law : law + (x % 2 == 0 ? 2 : -2)));
    }

    LatencyLoadFit fit = LatencyLoadFitter.fit("web", points, 1000);

    assertThat(fit.points()).isEqualTo(19);
    assertThat(fit.sigma()).isCloseTo(0.1, within(0.01));
    assertThat(fit.kappa()).isCloseTo(0.01, within(0.001));
    assertThat(fit.r2()).isGreaterThan(0.99);
  }
}
