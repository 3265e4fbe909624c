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

  @Test
  void seasonalKendallOnAHandWorkedSeriesWithATieAndAGap() {
    // Period 2. Season 0 (steps 0, 2, 4, 6; step 8 missing): 1, 2, 3, 4 -> S = 6, Var = 4·3·13/18,
    // D = 6. Season 1 (steps 1, 3, 5, 7, 9): 5, 5, 4, 6, 7 -> S = 5, one tie pair: Var = (5·4·15 −
    // 2·1·9)/18 = 282/18, D = √(9·10). Sums: n = 9, S = 11, Var = 438/18, Z = 10/√(438/18) = 2.02721,
    // p = 0.042641, τ = 11/(6 + √90) = 0.710281.
    double[] series = {1, 5, 2, 5, 3, 4, 4, 6, Double.NaN, 7};

    MannKendall.Result test = MannKendall.seasonalTest(series, 2).orElseThrow();

    assertThat(test.n()).isEqualTo(9);
    assertThat(test.s()).isEqualTo(11);
    assertThat(test.varianceS()).isCloseTo(438.0 / 18, within(1e-12));
    assertThat(test.z()).isCloseTo(2.0272121, within(1e-6));
    assertThat(test.pValue()).isCloseTo(0.0426407, within(1e-6));
    assertThat(test.tau()).isCloseTo(0.7102808, within(1e-6));

    // Within-season slopes: six 0.5 in season 0; in season 1 (per step) 0, −0.25, 1/6, 0.25, −0.5,
    // 0.25, 1/3, 1, 0.75, 0.5. Sorted, the 8th and 9th of 16 are both 0.5. C = 1.959964·√(438/18) =
    // 9.668: ranks rint(3.166) = 3 (0) and rint(13.83) = 14 (0.5). Intercept: median of y_i − 0.5 i
    // over the 9 present points = 1.5.
    TheilSen.Result fit = TheilSen.seasonalFit(series, 2, 0.95).orElseThrow();

    assertThat(fit.slope()).isEqualTo(0.5);
    assertThat(fit.lower()).isEqualTo(0.0);
    assertThat(fit.upper()).isEqualTo(0.5);
    assertThat(fit.intercept()).isEqualTo(1.5);
  }

  @Test
  void aWeeklyCycleDoesNotHideTheTrendOfADailySeries() {
    // 28 days rising by 2 a day with weekends 40 lower (no noise). Within every weekday the series
    // rises strictly: S = 7·6 = 42, Var = 7·(4·3·13/18), Z = 41/√60.667 = 5.2639, p = 1.41e-7, slope 2.
    double[] series = new double[28];
    for (int i = 0; i < series.length; i++) {
      series[i] = 100 + 2 * i - (i % 7 >= 5 ? 40 : 0);
    }

    Trend seasonal = Trend.of(series, 7).orElseThrow();
    Trend plain = Trend.of(series).orElseThrow();

    assertThat(seasonal.seasonPeriod()).isEqualTo(7);
    assertThat(seasonal.mannKendall().s()).isEqualTo(42);
    assertThat(seasonal.mannKendall().z()).isCloseTo(5.2639141, within(1e-6));
    assertThat(seasonal.mannKendall().pValue()).isCloseTo(1.4102e-7, within(1e-10));
    assertThat(seasonal.mannKendall().tau()).isEqualTo(1.0);
    assertThat(seasonal.theilSen().slope()).isEqualTo(2.0);
    assertThat(seasonal.theilSen().lower()).isEqualTo(2.0);
    assertThat(seasonal.theilSen().upper()).isEqualTo(2.0);
    assertThat(plain.mannKendall().tau()).as("the weekends break the plain test's monotonicity").isLessThan(0.8);
    assertThat(seasonal.sentence("page loads per day", 1, "day", "28 days"))
        .contains("rose", "(seasonal Mann–Kendall p < 0.001, Sen slope 2.00/day");
  }

  @Test
  void fewerThanFourCyclesFallBackToThePlainTest() {
    double[] series = new double[27];
    for (int i = 0; i < series.length; i++) {
      series[i] = i;
    }

    assertThat(Trend.of(series, 7).orElseThrow().seasonPeriod()).isEqualTo(1);
    assertThat(Trend.of(series, 7)).isEqualTo(Trend.of(series));
  }
}
