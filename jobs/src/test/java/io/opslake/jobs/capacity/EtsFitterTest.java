package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The ETS recursions and the SSE fit against published results. The data sets are from the R
 * package fpp (Hyndman), as copied into statsmodels' tests
 * (statsmodels/tsa/holtwinters/tests/test_holtwinters.py), which also records the R output used
 * below.
 */
class EtsFitterTest {
  // fpp::oil, Saudi Arabian oil production 1996–2007 (millions of tonnes).
  private static final double[] OIL = {446.6565229, 454.4733065, 455.662974, 423.6322388, 456.2713279, 440.5880501,
      425.3325201, 485.1494479, 506.0481621, 526.7919833, 514.268889, 494.2110193};
  // fpp::ausair, air passengers in Australia 1990–2004 (millions).
  private static final double[] AUSAIR = {17.5534, 21.8601, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535,
      30.1857, 31.5797, 32.577569, 33.477398, 39.021581, 41.386432, 41.596552};
  // fpp::livestock, sheep in Asia 1970–2000 (millions).
  private static final double[] LIVESTOCK = {263.917747, 268.307222, 260.662556, 266.639419, 277.515778, 283.834045,
      290.309028, 292.474198, 300.830694, 309.286657, 318.331081, 329.37239, 338.883998, 339.244126, 328.600632,
      314.255385, 314.459695, 321.413779, 329.789292, 346.385165, 352.297882, 348.370515, 417.562922, 417.12357,
      417.749459, 412.233904, 411.946817, 394.697075, 401.49927, 408.270468, 414.2428};

  @Test
  void simpleSmoothingOfOilMatchesTheTextbookOptimum() {
    // Hyndman & Athanasopoulos, Forecasting: Principles and Practice (1st ed., OTexts 2013), §7.1,
    // Table 7.1: the SSE-optimal α = 0.89, ℓ0 = 447.5, forecast for 2008 496.5; statsmodels
    // reproduces α = 0.891998, ℓ0 = 447.478440, forecast 496.493543. Tolerances: α ± 0.005,
    // ℓ0 ± 0.5, forecast ± 0.1 (the published figures are rounded to 2 and 1 decimals; the SSE is
    // flat near its minimum).
    EtsFit fit = EtsFitter.fit(EtsModel.nonSeasonal(EtsModel.Trend.NONE), OIL);

    assertThat(fit.parameters().alpha()).isCloseTo(0.892, within(0.005));
    assertThat(fit.parameters().level0()).isCloseTo(447.48, within(0.5));
    assertThat(fit.forecast(1)[0]).isCloseTo(496.49, within(0.1));
  }

  @Test
  void holtOnAusairWithFixedParametersMatchesTable73() {
    // FPP 1st ed. §7.2, Table 7.3: Holt's linear method with α = 0.8, β* = 0.2, ℓ0 = y1 = 17.55,
    // b0 = y2 − y1 = 4.31; forecasts for 2005–2009: 43.76, 45.59, 47.43, 49.27, 51.10 (2
    // decimals, so tolerance 0.005). In error-correction form β = αβ* = 0.16.
    EtsParameters parameters = new EtsParameters(0.8, 0.16, 0, 1, AUSAIR[0], AUSAIR[1] - AUSAIR[0], new double[0]);
    EtsFit fit = EtsFitter.evaluate(EtsModel.nonSeasonal(EtsModel.Trend.ADDITIVE), parameters, AUSAIR);

    assertThat(fit.forecast(5)).containsExactly(new double[] {43.76, 45.59, 47.43, 49.27, 51.10}, within(0.005));
  }

  @Test
  void dampedTrendOnLivestockMatchesRsEts() {
    // R forecast::ets(livestock, model = "AAN", damped = TRUE, phi = 0.98) as recorded in
    // statsmodels' test_holt_damp_r: α = 0.97402626, β = 0.00010006, φ = 0.98,
    // ℓ0 = 252.59039965, b0 = 6.90265918; res$mse = 195.4397924865488 and forecast(res)$mean
    // below. Tolerance 1e-4 (the parameters are printed to 8 decimals).
    EtsParameters parameters = new EtsParameters(0.97402626, 0.00010006, 0, 0.98, 252.59039965, 6.90265918,
        new double[0]);
    EtsFit fit = EtsFitter.evaluate(EtsModel.nonSeasonal(EtsModel.Trend.DAMPED), parameters, LIVESTOCK);

    assertThat(fit.sse() / LIVESTOCK.length).isCloseTo(195.4397924865488, within(1e-3));
    assertThat(fit.forecast(10)).containsExactly(new double[] {417.7982003051233, 421.3426082635598,
        424.8161280628277, 428.2201774661102, 431.5561458813270, 434.8253949282395, 438.0292589942138,
        441.1690457788685, 444.2460368278302, 447.2614880558126}, within(1e-4));
  }

  @Test
  void holtIntervalVarianceMatchesTheClosedForm() {
    // Hand-computed: for ETS(A,A,N) Hyndman et al. (2008) table 6.1 gives
    // v_h = σ²[1 + (h − 1){α² + αβh + β²h(2h − 1)/6}]; α = 0.5, β = 0.1, σ² = 4:
    // h = 2: 4 × [1 + (0.25 + 0.10 + 0.01)] = 5.44; h = 3: 4 × [1 + 2 × (0.25 + 0.15 + 0.025)] = 7.4.
    EtsParameters parameters = new EtsParameters(0.5, 0.1, 0, 1, 0, 0, new double[0]);
    double[] variance = EtsFilter.linearVariances(EtsModel.nonSeasonal(EtsModel.Trend.ADDITIVE), parameters, 4, 3);

    assertThat(variance).containsExactly(new double[] {4, 5.44, 7.4}, within(1e-12));
  }
}
