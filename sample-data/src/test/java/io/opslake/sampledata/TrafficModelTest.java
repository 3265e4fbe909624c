package io.opslake.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TrafficModelTest {
  // 2026-10-01 is a Thursday, so day 2 is Saturday.
  private final TrafficModel traffic = new TrafficModel(10, 120, LocalDate.of(2026, 10, 1));

  @Test
  void peaksMidAfternoonAndBottomsAtNight() {
    assertThat(traffic.load(15)).isCloseTo(1.8 * Math.pow(1.04, 15 / 168.0), within(1e-9));
    assertThat(traffic.load(3)).isCloseTo(0.2 * Math.pow(1.04, 3 / 168.0), within(1e-9));
  }

  @Test
  void weekendsCarrySixtyPercent() {
    assertThat(traffic.load(2 * 24 + 15) / traffic.load(15)).isCloseTo(0.6 * Math.pow(1.04, 48 / 168.0), within(1e-9));
  }

  @Test
  void growsFourPercentPerWeek() {
    assertThat(traffic.load(7 * 24 + 15) / traffic.load(15)).isCloseTo(1.04, within(1e-9));
  }

  @Test
  void fleetScalesBetweenBaseAndTwiceBase() {
    assertThat(traffic.servers(3)).isEqualTo(10);
    // load 1.2083 at 10:00: ceil(10 * 1.2083 / 0.95) = 13.
    assertThat(traffic.servers(10)).isEqualTo(13);
    assertThat(traffic.servers(15)).isEqualTo(20);
    // Past the cap, growth raises the load per server.
    assertThat(traffic.servers(35 * 24 + 15)).isEqualTo(20);
    assertThat(traffic.webPageLoadsPerServer(35 * 24 + 15)).isGreaterThan(traffic.webPageLoadsPerServer(15));
  }

  @Test
  void latencyRisesWithLoadPerServer() {
    LatencyModel latency = LatencyModel.forRate(120);
    assertThat(latency.medianSeconds(120)).isCloseTo(0.25 * (1 + 0.02 * 9 + 0.0015 * 10 * 9), within(1e-12));
    assertThat(latency.medianSeconds(240)).isGreaterThan(latency.medianSeconds(120));
    assertThat(latency.medianSeconds(120)).isGreaterThan(latency.medianSeconds(24));
  }
}
