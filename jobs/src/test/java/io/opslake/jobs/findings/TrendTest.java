package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrendTest {
  /**
   * Annual flow of the Nile at Aswan, 1871–1970 (R's datasets::Nile; Durbin and Koopman 2001). It has
   * tied values (845, 1020, 1100, 1160 three times; 744, 874, 1040, 1050, 1120, 1140, 1210 twice),
   * so it exercises the tie correction: Σ t(t−1)(2t+5) = 4·66 + 7·18 = 390.
   */
  static final double[] NILE = {
    1120, 1160, 963, 1210, 1160, 1160, 813, 1230, 1370, 1140, 995, 935, 1110, 994, 1020, 960, 1180,
    799, 958, 1140, 1100, 1210, 1150, 1250, 1260, 1220, 1030, 1100, 774, 840, 874, 694, 940, 833, 701,
    916, 692, 1020, 1050, 969, 831, 726, 456, 824, 702, 1120, 1100, 832, 764, 821, 768, 845, 864, 862,
    698, 845, 744, 796, 1040, 759, 781, 865, 845, 944, 984, 897, 822, 1010, 771, 676, 649, 846, 812,
    742, 801, 1040, 860, 874, 848, 890, 744, 749, 838, 1050, 918, 986, 797, 923, 975, 815, 1020, 906,
    901, 1170, 912, 746, 919, 718, 714, 740
  };

  /**
   * Reference: R 4.2.2, {@code cor.test(1:100, Nile, method = "kendall", exact = FALSE, continuity =
   * TRUE)} (the same Z, p and τ as the documented {@code trend::mk.test(Nile)}, since time has no
   * ties): z = −4.1280665228441, p = 3.65826292166434e-05, τ = −0.280741334724613; S = −1387 and
   * Var(S) = (100·99·205 − 390)/18 = 112728.3333 from mk.test's documented formulas.
   * Tolerances: 1e-9 on z, 1e-13 on p, 1e-12 on τ.
   */
  @Test
  void mannKendallOnTheNileMatchesR() {
    MannKendall.Result result = MannKendall.test(NILE).orElseThrow();

    assertThat(result.n()).isEqualTo(100);
    assertThat(result.s()).isEqualTo(-1387);
    assertThat(result.varianceS()).isCloseTo(112728.333333333, within(1e-6));
    assertThat(result.z()).isCloseTo(-4.1280665228441, within(1e-9));
    assertThat(result.pValue()).isCloseTo(3.65826292166434e-05, within(1e-13));
    assertThat(result.tau()).isCloseTo(-0.280741334724613, within(1e-12));
    assertThat(result.thinned()).isFalse();
  }

  /**
   * Reference: R 4.2.2 running trend::sens.slope's documented rule on Nile (median of the 4950
   * pairwise slopes; bounds at ranks round((N ∓ C)/2) and +1 with C = qnorm(0.975)·√Var(S)): slope
   * −2.6, 95 % CI −3.62790697674419 to −1.42857142857143. Tolerance 1e-12.
   */
  @Test
  void theilSenOnTheNileMatchesR() {
    TheilSen.Result result = TheilSen.fit(NILE, 0.95).orElseThrow();

    assertThat(result.slope()).isCloseTo(-2.6, within(1e-12));
    assertThat(result.lower()).isCloseTo(-3.62790697674419, within(1e-12));
    assertThat(result.upper()).isCloseTo(-1.42857142857143, within(1e-12));
    assertThat(result.n()).isEqualTo(100);
  }

  /**
   * Hand-computed. y = 1, 2, 3, 4, 5, 6, 8, 7 at steps 0..7: of the 28 pairs only (8, 7) is
   * discordant, S = 27 − 1 = 26; no ties, Var(S) = 8·7·21/18 = 65.333; Z = (26 − 1)/√65.333 = 25 /
   * 8.082904 = 3.092948; p = 2(1 − Φ(3.092948)) = 0.0019818; τ = 26/28 = 0.928571.
   *
   * <p>Slopes: the 15 pairs among steps 0..5 are 1; to step 6 (value 8) from steps 0..5: 7/6, 6/5,
   * 5/4, 4/3, 3/2, 2; to step 7 (value 7) from steps 0..5: 6/7, 5/6, 4/5, 3/4, 2/3, 1/2; (6, 7): −1.
   * Sorted: −1, 1/2, 2/3, 3/4, 4/5, 5/6, 6/7, fifteen 1s (ranks 8–22), 7/6, 6/5, 5/4, 4/3, 3/2, 2.
   * Median (ranks 14, 15) = 1. C = 1.959964·8.082904 = 15.842; lower rank round(12.158/2) = 6 → 5/6;
   * upper rank round(43.842/2 + 1) = 23 → 7/6. Intercept: median of y − i = 1,1,1,1,1,1,2,0 → 1.
   */
  @Test
  void smallSeriesByHand() {
    double[] series = {1, 2, 3, 4, 5, 6, 8, 7};

    MannKendall.Result test = MannKendall.test(series).orElseThrow();
    assertThat(test.s()).isEqualTo(26);
    assertThat(test.varianceS()).isCloseTo(65.3333333, within(1e-6));
    assertThat(test.z()).isCloseTo(3.092948, within(1e-6));
    assertThat(test.pValue()).isCloseTo(0.0019818, within(1e-7));
    assertThat(test.tau()).isCloseTo(26.0 / 28, within(1e-12));

    TheilSen.Result fit = TheilSen.fit(series, 0.95).orElseThrow();
    assertThat(fit.slope()).isEqualTo(1);
    assertThat(fit.lower()).isCloseTo(5.0 / 6, within(1e-12));
    assertThat(fit.upper()).isCloseTo(7.0 / 6, within(1e-12));
    assertThat(fit.intercept()).isEqualTo(1);
  }

  @Test
  void missingValuesAreLeftOutAndPositionsKept() {
    double[] series = {1, Double.NaN, 3, 4, Double.NaN, 6, 7, 8, 9, 10};

    TheilSen.Result fit = TheilSen.fit(series, 0.95).orElseThrow();
    assertThat(fit.n()).isEqualTo(8);
    assertThat(fit.slope()).isEqualTo(1);
    assertThat(fit.intercept()).isEqualTo(1);
    assertThat(MannKendall.test(new double[] {1, 2, 3, Double.NaN})).isEmpty();
  }

  @Test
  void aConstantSeriesHasNoTrend() {
    double[] series = new double[20];
    Arrays.fill(series, 5);

    MannKendall.Result test = MannKendall.test(series).orElseThrow();
    assertThat(test.s()).isZero();
    assertThat(test.z()).isZero();
    assertThat(test.pValue()).isEqualTo(1);
    assertThat(TheilSen.fit(series, 0.95).orElseThrow().slope()).isZero();
  }

  @Test
  void longSeriesAreThinnedDeterministically() {
    Random random = new Random(7);
    double[] series = new double[10_000];
    for (int i = 0; i < series.length; i++) {
      series[i] = 100 + 0.01 * i + random.nextGaussian();
    }

    Trend trend = Trend.of(series).orElseThrow();
    assertThat(trend.mannKendall().thinned()).isTrue();
    assertThat(trend.mannKendall().n()).isEqualTo(2500); // every 4th of 10 000
    assertThat(trend.theilSen().slope()).isCloseTo(0.01, within(0.0005));
    assertThat(trend.theilSen().lower()).isLessThan(0.01);
    assertThat(trend.theilSen().upper()).isGreaterThan(0.01);
    assertThat(Trend.of(series).orElseThrow()).isEqualTo(trend);
  }

  @Test
  void sentence() {
    // 90 days of hourly error counts rising from 100 by 0.05 an hour (1.2/day, +108 % over the window).
    Random random = new Random(1);
    double[] series = new double[90 * 24];
    for (int i = 0; i < series.length; i++) {
      series[i] = 100 + 0.05 * i + 5 * random.nextGaussian();
    }

    String sentence = Trend.of(series).orElseThrow().sentence("errors per hour", 24, "day", "90 days");

    assertThat(sentence)
        .matches(
            "errors per hour rose 10\\d % over 90 days \\(Mann–Kendall p < 0\\.001, Sen slope 1\\.\\d\\d/day,"
                + " 95 % CI 1\\.\\d\\d to 1\\.\\d\\d, n = 2160\\)");
  }
}
