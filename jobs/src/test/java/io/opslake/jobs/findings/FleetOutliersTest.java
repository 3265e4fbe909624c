package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opslake.jobs.findings.FleetOutliers.HostCount;
import io.opslake.jobs.findings.FleetOutliers.Outlier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FleetOutliers} on hand-made fleets, checked against values computed by hand in the comments. */
class FleetOutliersTest {
  @Test
  void oneHostWithTenTimesItsPeersErrorRateIsTheOnlyOutlier() {
    // Six hosts of 1,000 events each; five raise 10-13 exceptions (about 1.2 %), web06 raises 120.
    List<HostCount> fleet = List.of(new HostCount("web01", 12, 1000), new HostCount("web02", 10, 1000),
        new HostCount("web03", 11, 1000), new HostCount("web04", 12, 1000), new HostCount("web05", 13, 1000),
        new HostCount("web06", 120, 1000));

    List<Outlier> outliers = FleetOutliers.of(fleet);

    // Peers of web06: x = ln((c + 0.5) / 1001) for c = 12, 10, 11, 12, 13; median ln(12.5/1001).
    // |deviations| 0, ln(12.5/10.5) = 0.17435, ln(12.5/11.5) = 0.08338, 0, ln(13.5/12.5) = 0.07696:
    // MAD 0.07696, x 1.4826 = 0.11410, below the floor 0.15, so z = ln(120.5/12.5) / 0.15 = 15.106.
    assertThat(outliers).hasSize(1);
    Outlier web06 = outliers.get(0);
    assertThat(web06.host()).isEqualTo("web06");
    assertThat(web06.z()).isCloseTo(Math.log(120.5 / 12.5) / 0.15, within(1e-9));
    assertThat(web06.z()).isCloseTo(15.106, within(1e-3));
    assertThat(web06.rate()).isCloseTo(0.12, within(1e-12));
    assertThat(web06.peerRate()).isCloseTo(12.5 / 1001, within(1e-12));
    assertThat(web06.expected()).isCloseTo(1000 * 12.5 / 1001, within(1e-9));
    assertThat(web06.peers()).isEqualTo(5);
    assertThat(web06.score()).isEqualTo(1.0);
  }

  @Test
  void aRareTypeIsJudgedByThePoissonTailWhenItsPeersAreMostlyZeros() {
    // A rare exception: peers with 3, 1, 0, 0, 0 of it, web02 with 69 of 1,000 events.
    List<HostCount> fleet = List.of(new HostCount("web01", 3, 1000), new HostCount("web02", 69, 1000),
        new HostCount("web03", 1, 600), new HostCount("web04", 0, 100), new HostCount("api01", 0, 480),
        new HostCount("api02", 0, 480));

    List<Outlier> outliers = FleetOutliers.of(fleet);

    // Peers' x: ln(3.5/1001) = -5.656, ln(1.5/601) = -5.993, ln(0.5/101) = -5.308, ln(0.5/481) = -6.869 twice;
    // median -5.993; |deviations| 0.337, 0, 0.685, 0.876, 0.876: MAD 0.685, spread 1.4826 x 0.685 = 1.015;
    // z = (ln(69.5/1001) + 5.993) / 1.015 = 3.275, below 3.5. Expected 1000 x 1.5/601 = 2.496 events:
    // 69 or more is a Poisson tail far below 1e-6, and 27.6x the peers' rate.
    assertThat(outliers).singleElement().satisfies(web02 -> {
      assertThat(web02.host()).isEqualTo("web02");
      assertThat(web02.z()).isCloseTo(3.275, within(0.001)).isLessThan(FleetOutliers.MIN_Z);
      assertThat(web02.expected()).isCloseTo(1000 * 1.5 / 601, within(1e-9));
      assertThat(web02.score()).isEqualTo(1.0);
    });
    assertThat(FleetOutliers.poissonTail(69, 1000 * 1.5 / 601)).isLessThan(1e-6);
  }

  @Test
  void thePoissonTailMatchesAHandComputedValue() {
    // P(X >= 2) for mean 1: 1 - e^-1 (1 + 1) = 0.2642411.
    assertThat(FleetOutliers.poissonTail(2, 1.0)).isCloseTo(1 - 2 * Math.exp(-1), within(1e-9));
    assertThat(FleetOutliers.poissonTail(0, 1.0)).isEqualTo(1.0);
  }

  @Test
  void aSmallFleetOrAFewEventsAreNoOutlier() {
    // Three hosts: two peers only, fewer than the 3 required.
    assertThat(FleetOutliers.of(List.of(new HostCount("a", 1, 100), new HostCount("b", 1, 100),
        new HostCount("c", 90, 100)))).isEmpty();
    // 9 events at 9 % against peers at 0.1 %: far above, but below the 10 events required.
    assertThat(FleetOutliers.of(List.of(new HostCount("a", 1, 1000), new HostCount("b", 1, 1000),
        new HostCount("c", 1, 1000), new HostCount("d", 9, 100)))).isEmpty();
  }

  @Test
  void aHostWithFewerEventsButTheSameShareIsNoOutlier() {
    // web04 served a tenth of the others' traffic: its count is low, its share the same.
    assertThat(FleetOutliers.of(List.of(new HostCount("web01", 120, 10_000), new HostCount("web02", 118, 10_000),
        new HostCount("web03", 125, 10_000), new HostCount("web04", 12, 1_000)))).isEmpty();
  }

  @Test
  void theScoreIsTheNormalTailOnTheDetectorsScale() {
    // 1 - Phi(3.0902) = 1.000e-3: -log10 = 3, / 5 = 0.6.
    assertThat(FleetOutliers.score(3.0902)).isCloseTo(0.6, within(1e-4));
    assertThat(FleetOutliers.score(0)).isCloseTo(Math.log10(2) / 5, within(1e-12));
    assertThat(FleetOutliers.score(40)).isEqualTo(1.0);
  }
}
