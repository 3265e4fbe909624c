package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LevelShiftTest {
  /**
   * The Nile's drop after 1898 (Cobb 1978, "The problem of the Nile: conditional solution to a
   * changepoint problem", Biometrika 65; the Aswan dam works): Pettitt's test, as documented for R's
   * trend::pettitt.test(Nile), puts the change after the 28th value (1898). Our index is the first
   * value after, 0-based: 28.
   */
  @Test
  void nileChangesAfter1898() {
    LevelShift.Result result = LevelShift.of(TrendTest.NILE).orElseThrow();

    assertThat(result.index()).isEqualTo(28);
    assertThat(result.pValue()).isLessThan(1e-6);
    assertThat(result.medianBefore()).isGreaterThan(result.medianAfter());
  }

  /**
   * Hand-computed: 0,0,0,0,0,1,1,1,1,1 (n = 10). Midranks 3 (five 0s) and 8; 2r − n − 1 = −5 and +5,
   * so U_5 = −25 = K, p = 2 exp(−6·625 / 1100) = 2 exp(−3.409091) = 2 · 0.0330713 = 0.066143, strength 25/(5·5) = 1.
   */
  @Test
  void stepByHand() {
    LevelShift.Result result = LevelShift.of(new double[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}).orElseThrow();

    assertThat(result.index()).isEqualTo(5);
    assertThat(result.k()).isEqualTo(25);
    assertThat(result.pValue()).isCloseTo(0.066143, within(1e-6));
    assertThat(result.strength()).isEqualTo(1);
  }

  @Test
  void plantedShiftAndASpikeThatIsNone() {
    Random random = new Random(8);
    double[] series = new double[200];
    for (int t = 0; t < series.length; t++) {
      series[t] = (t < 130 ? 120 : 180) + 10 * random.nextGaussian();
    }
    LevelShift.Result shift = LevelShift.of(series).orElseThrow();
    assertThat(shift.index()).isBetween(128, 132);
    assertThat(shift.pValue()).isLessThan(1e-6);
    assertThat(shift.medianAfter() - shift.medianBefore()).isCloseTo(60, within(5.0));
    assertThat(shift.sentence("p95 latency", "on 2026-10-14")).matches("p95 latency shifted from 1\\d\\d to 1\\d\\d on 2026-10-14 \\(Pettitt p < 0\\.001, strength (0\\.9\\d|1\\.00), n = 200\\)");

    double[] spiky = new double[200];
    for (int t = 0; t < spiky.length; t++) {
      spiky[t] = 120 + 10 * random.nextGaussian() + (t == 100 ? 1000 : 0);
    }
    assertThat(LevelShift.of(spiky).orElseThrow().pValue()).isGreaterThan(0.05);
  }
}
