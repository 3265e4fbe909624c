package io.opslake.jobs.findings;

import java.util.Optional;

/**
 * A trend finding on one series and window: the Mann–Kendall test and the Theil–Sen slope with its
 * 95 % interval, and the change over the window relative to the line's level at its start. Cost: that
 * of {@link MannKendall} plus {@link TheilSen}, O(n²) with n capped at 3000.
 *
 * @param window the window's length in steps
 * @param mannKendall the test
 * @param theilSen the slope, per step
 * @param seasonPeriod the season both were computed within (7 on a daily series), 1 for none
 */
public record Trend(int window, MannKendall.Result mannKendall, TheilSen.Result theilSen, int seasonPeriod) {
  /** Both statistics on one series (one value per step, NaN where missing); empty below 8 points. */
  public static Optional<Trend> of(double[] series) {
    return MannKendall.test(series)
        .flatMap(test -> TheilSen.fit(series, 0.95).map(fit -> new Trend(series.length, test, fit, 1)));
  }

  /**
   * The seasonal test and slope ({@link MannKendall#seasonalTest}, {@link TheilSen#seasonalFit})
   * when the series holds at least {@link #MIN_SEASON_CYCLES} whole cycles of {@code period}
   * steps, else the plain ones: a daily series of 28 days or more is judged weekday against
   * weekday, so its weekly cycle does not hide its trend.
   */
  public static Optional<Trend> of(double[] series, int period) {
    if (period < 2 || series.length < MIN_SEASON_CYCLES * period) {
      return of(series);
    }
    Optional<Trend> seasonal = MannKendall.seasonalTest(series, period)
        .flatMap(test -> TheilSen.seasonalFit(series, period, 0.95)
            .map(fit -> new Trend(series.length, test, fit, period)));
    return seasonal.isPresent() ? seasonal : of(series);
  }

  /** Cycles a series must span for the seasonal test: 4, so each season has 4 points (6 pairs). */
  public static final int MIN_SEASON_CYCLES = 4;

  /** The change over the window as a fraction of the line's value at its start; NaN at level 0. */
  public double relativeChange() {
    double start = theilSen.intercept();
    return start == 0 ? Double.NaN : theilSen.slope() * (window - 1) / Math.abs(start);
  }

  /**
   * One sentence for an operator, e.g. "errors per hour rose 12 % over 90 days (Mann–Kendall p <
   * 0.001, Sen slope 3.1/day, 95 % CI 2.4–3.8)".
   *
   * @param what what the series counts, e.g. "errors per hour"
   * @param stepsPerUnit steps in one reporting unit (24 for a day on an hourly series)
   * @param unit the reporting unit, e.g. "day"
   * @param windowText the window in words, e.g. "90 days"
   */
  public String sentence(String what, double stepsPerUnit, String unit, String windowText) {
    boolean significant = mannKendall.pValue() < 0.05;
    String direction =
        !significant ? "showed no significant trend" : theilSen.slope() > 0 ? "rose" : "fell";
    double change = relativeChange();
    String amount =
        significant && !Double.isNaN(change)
            ? " " + FindingText.format("%.0f", Math.abs(change) * 100) + " %"
            : "";
    return what
        + " "
        + direction
        + amount
        + " over "
        + windowText
        + " ("
        + (seasonPeriod > 1 ? "seasonal " : "")
        + mannKendall.pValueText()
        + ", Sen slope "
        + FindingText.number(theilSen.slope() * stepsPerUnit)
        + "/"
        + unit
        + ", "
        + FindingText.format("%.0f", theilSen.confidence() * 100)
        + " % CI "
        + FindingText.number(theilSen.lower() * stepsPerUnit)
        + " to "
        + FindingText.number(theilSen.upper() * stepsPerUnit)
        + ", n = "
        + mannKendall.n()
        + ")";
  }
}
