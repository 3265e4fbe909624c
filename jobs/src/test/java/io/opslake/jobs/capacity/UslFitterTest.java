package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UslFitterTest {
  /**
   * Published coefficients for the Cisco benchmark (test resource cisco.csv): B. Schwartz, "Practical
   * Scalability Analysis with the Universal Scalability Law" (VividCortex, 2015), as checked by
   * codahale/usl4j's ModelTest. Tolerance: 0.1 % of each published value.
   */
  @Test
  void reproducesThePublishedCiscoFit() throws URISyntaxException {
    UslFit fit = UslFitter.fit("cisco.csv", UslCsv.read(cisco()));

    assertThat(fit.sigma()).isCloseTo(0.02671591, withinPercentage(0.1));
    assertThat(fit.kappa()).isCloseTo(7.690945e-4, withinPercentage(0.1));
    assertThat(fit.lambda()).isCloseTo(995.6486, withinPercentage(0.1));
    // The book rounds N at peak down to 35 and quotes X(35) = 12,341.
    assertThat(Math.floor(fit.nPeak())).isEqualTo(35);
    assertThat(fit.model().throughput(35)).isCloseTo(12341, withinPercentage(0.1));
    assertThat(fit.points()).isEqualTo(32);
    assertThat(fit.distinctLoads()).isEqualTo(32);
    assertThat(fit.degreesOfFreedom()).isEqualTo(29);
    assertThat(fit.r2()).isGreaterThan(0.99).isLessThan(1);
    assertThat(fit.curvatureP()).isLessThan(1e-6);
    assertThat(fit.notes()).containsExactly(
        "The peak at N = 35.57 lies beyond the largest measured load 32; it is an extrapolation.");
  }

  @Test
  void ciscoIntervalsSurroundTheEstimatesAndExcludeZero() throws URISyntaxException {
    UslFit fit = UslFitter.fit("cisco.csv", UslCsv.read(cisco()));

    for (double[] estimate : new double[][] {
        {fit.lambda(), fit.lambdaStderr(), fit.lambdaCi95().lower(), fit.lambdaCi95().upper()},
        {fit.sigma(), fit.sigmaStderr(), fit.sigmaCi95().lower(), fit.sigmaCi95().upper()},
        {fit.kappa(), fit.kappaStderr(), fit.kappaCi95().lower(), fit.kappaCi95().upper()}}) {
      assertThat(estimate[1]).isPositive();
      // t(0.975, 29 dof) = 2.045229642
      assertThat(estimate[2]).isPositive().isCloseTo(estimate[0] - 2.045229642 * estimate[1], within(1e-9 * estimate[0]));
      assertThat(estimate[3]).isCloseTo(estimate[0] + 2.045229642 * estimate[1], within(1e-9 * estimate[0]));
    }
  }

  @Test
  void peakLoadByHandFromThePublishedCoefficients() {
    // sqrt((1 − σ) / κ) = sqrt((1 − 0.02671591) / 0.0007690945) = sqrt(0.97328409 / 0.0007690945)
    //                   = sqrt(1265.4934992) = 35.5737754
    UslModel published = new UslModel(995.6486, 0.02671591, 7.690945e-4);

    assertThat(published.peakLoad()).hasValueCloseTo(35.5737754, within(1e-7));
    // X(35) = 995.6486 × 35 / (1 + 0.02671591 × 34 + 0.0007690945 × 35 × 34)
    //       = 34847.701 / (1 + 0.90834094 + 0.91522246) = 34847.701 / 2.8235634 = 12341.7456
    assertThat(published.throughput(35)).isCloseTo(12341.7456, within(1e-4));
  }

  @Test
  void recoversAnExactCurve() {
    UslModel truth = new UslModel(1000, 0.05, 0.001);
    List<LoadPoint> points = new ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      points.add(new LoadPoint(n, truth.throughput(n)));
    }

    UslFit fit = UslFitter.fit("exact", points);

    assertThat(fit.lambda()).isCloseTo(1000, withinPercentage(1e-7));
    assertThat(fit.sigma()).isCloseTo(0.05, withinPercentage(1e-7));
    assertThat(fit.kappa()).isCloseTo(0.001, withinPercentage(1e-7));
    // sqrt(0.95 / 0.001) = 30.8220700
    assertThat(fit.nPeak()).isCloseTo(30.8220700, within(1e-6));
    assertThat(fit.xPeak()).isCloseTo(truth.throughput(Math.sqrt(950)), withinPercentage(1e-7));
    assertThat(fit.r2()).isCloseTo(1, within(1e-12));
    assertThat(fit.curvatureP()).isZero();
    assertThat(fit.notes()).isEmpty();
  }

  @Test
  void startingValuesAreExactOnAnExactCurveThroughALoadOfOne() {
    // λ₀ = X(1)/1 = λ, and λN/X − 1 = σ(N−1) + κN(N−1) is then exactly the quadratic fitted.
    UslModel truth = new UslModel(1000, 0.05, 0.001);
    double[] loads = {1, 2, 4, 8, 16, 32};
    double[] throughputs = Arrays.stream(loads).map(truth::throughput).toArray();

    UslModel start = UslFitter.startingValues(loads, throughputs);

    assertThat(start.lambda()).isEqualTo(1000);
    assertThat(start.sigma()).isCloseTo(0.05, within(1e-12));
    assertThat(start.kappa()).isCloseTo(0.001, within(1e-12));
  }

  @Test
  void keepsKappaOnItsBoundForAmdahlData() {
    UslModel amdahl = new UslModel(200, 0.1, 0);
    List<LoadPoint> points = new ArrayList<>();
    for (int n = 1; n <= 16; n *= 2) {
      points.add(new LoadPoint(n, amdahl.throughput(n)));
    }

    UslFit fit = UslFitter.fit("amdahl", points);

    assertThat(fit.kappa()).isZero();
    assertThat(fit.kappaCi95().lower()).isZero();
    assertThat(fit.sigma()).isCloseTo(0.1, withinPercentage(1e-6));
    assertThat(fit.lambda()).isCloseTo(200, withinPercentage(1e-6));
    assertThat(fit.nPeak()).isNull();
    assertThat(fit.xPeak()).isNull();
    assertThat(fit.notes()).containsExactly(
        "κ is at its bound 0: no coherency delay, so throughput has no peak and levels off towards λ/σ = 2000.00.");
  }

  @Test
  void refusesThroughputProportionalToLoad() {
    List<LoadPoint> points = List.of(new LoadPoint(1, 12.5), new LoadPoint(2, 25), new LoadPoint(4, 50),
        new LoadPoint(8, 100), new LoadPoint(16, 200));

    assertThatThrownBy(() -> UslFitter.fit("linear", points))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.DATA))
        .hasMessage("Cannot fit USL: over loads 1 to 16 throughput is exactly proportional to load (X = 12.5000 × N):"
            + " with no contention or coherency in the data σ and κ cannot be estimated. Measure at higher loads.");
  }

  @Test
  void refusesNoisyLinearThroughput() {
    // X = 100 N ± 1 %, signs alternating: no curvature beyond the noise. The best σ, κ ≥ 0 are 0, so the
    // law fits no better than X = λN and p = 1.
    List<LoadPoint> points = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      points.add(new LoadPoint(n, 100 * n * (n % 2 == 0 ? 1.01 : 0.99)));
    }

    assertThatThrownBy(() -> UslFitter.fit("noisy", points))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.DATA))
        .hasMessage("Cannot fit USL: over loads 1 to 10 throughput is explained as well by plain proportional growth"
            + " (X ≈ 100.143 × N) as by the law: contention and coherency are not distinguishable from noise"
            + " (F test p = %s). Measure over a wider range of loads.", "1.0");
  }

  @Test
  void refusesLoadsTooCloseTogetherToTellSigmaFromKappa() {
    // λ = 1000, σ = 0.05, κ = 0.001 at N = 1000..1003, rounded to 3 decimals: X falls by 0.1 % per step,
    // which a little more contention or a little more coherency explains equally well.
    List<LoadPoint> points = List.of(new LoadPoint(1000, 952.426), new LoadPoint(1001, 951.521),
        new LoadPoint(1002, 950.617), new LoadPoint(1003, 949.715));

    assertThatThrownBy(() -> UslFitter.fit("narrow", points))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.DATA))
        .hasMessage("Cannot fit USL: σ and κ cannot be told apart with loads 1000 to 1003 (condition number 5.2e+07);"
            + " measure over a wider range of loads");
  }

  @Test
  void refusesFewerThanFourDistinctLoads() {
    List<LoadPoint> points = List.of(new LoadPoint(1, 10), new LoadPoint(2, 18), new LoadPoint(4, 30),
        new LoadPoint(4, 31));

    assertThatThrownBy(() -> UslFitter.fit("three", points))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.DATA))
        .hasMessage("Cannot fit USL: 3 distinct loads (1, 2, 4); λ, σ and κ need at least 4 distinct loads");
  }

  @Test
  void refusesThroughputThatIsZeroEverywhere() {
    List<LoadPoint> points = List.of(new LoadPoint(1, 0), new LoadPoint(2, 0), new LoadPoint(3, 0),
        new LoadPoint(4, 0));

    assertThatThrownBy(() -> UslFitter.fit("zero", points))
        .hasMessage("Cannot fit USL: throughput is 0 at every load");
  }

  static Path cisco() throws URISyntaxException {
    return Path.of(UslFitterTest.class.getResource("cisco.csv").toURI());
  }
}
