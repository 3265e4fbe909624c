package io.opslake.jobs.findings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trend findings of one day-grain series up to an as-of date D, before the multiple-testing
 * correction: for each window of {@link #WINDOWS} days ending at D that the input reaches, the
 * {@link Trend} (Theil–Sen and Mann–Kendall) of the daily values, their weekly slope relative to the
 * window's median, and the series' week-over-week change. Plain Java; the findings job runs it once
 * per series inside a Spark task. Cost per series: O(w²) for the longest window w ≤ 365 evaluated
 * (about 66,000 pairwise slopes), O(w) memory.
 *
 * <p>Rules (docs/findings.md#trends):
 *
 * <ul>
 *   <li>A day's value is the series' value that day; a day without one is 0 when the series counts
 *       events and its table and kind had input that day ({@code zeroWhenMissing}), else missing.
 *   <li>A window of w days is evaluated when the first day with input of the series' table and kind
 *       is on or before the window's first day (the data reaches it), at least {@link
 *       #MIN_DAYS_WITH_INPUT} of its days had input, and the trend test runs: Mann–Kendall refuses
 *       fewer than {@link MannKendall#MIN_POINTS} values, so a 7-day window never yields a finding.
 *   <li>On windows of 28 days and more the test and slope are the seasonal ones with a 7-day season
 *       ({@link Trend#of(double[], int)}): weekday against weekday, so that weekends (traffic at 60 %
 *       of a weekday's is common) do not drown a growth of a few percent a week.
 *   <li>Week over week: the mean of the values of D−6..D over the mean of D−13..D−7, minus 1.
 *   <li>Year over year: the mean of the values of D−6..D over the mean of the same seven weekdays 52
 *       weeks earlier, D−370..D−364, minus 1; undefined (NaN) until the history reaches that week.
 * </ul>
 */
public final class SeriesTrends {
  /** Window lengths in days, shortest first. */
  public static final List<Integer> WINDOWS = List.of(7, 28, 90, 365);

  /** Fewer days with input than this in a window and it is not evaluated. */
  public static final int MIN_DAYS_WITH_INPUT = 7;

  /** The season of the trend test on windows of 28 days or more: a weekday is compared with itself. */
  public static final int DAYS_PER_WEEK = 7;

  /** Year over year compares a week with the same weekdays 52 weeks earlier. */
  public static final int YEAR_LAG_DAYS = 364;

  /** Days of history read before the as-of date: the 365-day window and the week a year before. */
  public static final int HISTORY_DAYS = YEAR_LAG_DAYS + 7;

  private SeriesTrends() {}

  /**
   * One evaluated window of one series.
   *
   * @param windowDays the window's length in days
   * @param trend the Theil–Sen slope (per day) and the Mann–Kendall test
   * @param relativeSlopePerWeek slope × 7 / median of the window's values; NaN when that median is 0
   * @param weekOverWeekChange the series' week-over-week change; NaN when undefined
   * @param yearOverYearChange the series' year-over-year change; NaN when undefined
   * @param from the window's first day
   * @param to the window's last day, the as-of date
   * @param sentence one sentence for an operator
   */
  public record Finding(
      int windowDays,
      Trend trend,
      double relativeSlopePerWeek,
      double weekOverWeekChange,
      double yearOverYearChange,
      LocalDate from,
      LocalDate to,
      String sentence) {}

  /**
   * The findings of one series.
   *
   * @param asOf the as-of date D
   * @param values the series' value per epoch day (days without a value left out)
   * @param daysWithInput epoch days on which the series' table and kind had input
   * @param zeroWhenMissing whether a day with input but without a value counts as 0 (event counts)
   * @param what what the series measures, for the sentence, e.g. "page_load events per day"
   */
  public static List<Finding> of(
      LocalDate asOf, Map<Long, Double> values, Set<Long> daysWithInput, boolean zeroWhenMissing, String what) {
    long end = asOf.toEpochDay();
    long longest = WINDOWS.get(WINDOWS.size() - 1);
    Optional<Long> firstInput =
        daysWithInput.stream().filter(day -> day > end - longest && day <= end).min(Long::compare);
    if (firstInput.isEmpty()) {
      return List.of();
    }
    double weekOverWeek = weekOverWeek(end, values, daysWithInput, zeroWhenMissing);
    double yearOverYear = yearOverYear(end, values, daysWithInput, zeroWhenMissing);
    List<Finding> findings = new ArrayList<>();
    for (int window : WINDOWS) {
      long start = end - window + 1;
      long daysWithInputInWindow = daysWithInput.stream().filter(day -> day >= start && day <= end).count();
      if (firstInput.get() > start || daysWithInputInWindow < MIN_DAYS_WITH_INPUT) {
        continue;
      }
      double[] series = daily(start, window, values, daysWithInput, zeroWhenMissing);
      Optional<Trend> trend = Trend.of(series, DAYS_PER_WEEK);
      if (trend.isEmpty()) {
        continue;
      }
      double median = median(series);
      double relative = median == 0 ? Double.NaN : trend.get().theilSen().slope() * 7 / median;
      String sentence = trend.get().sentence(what, 1, "day", window + " days");
      findings.add(new Finding(window, trend.get(), relative, weekOverWeek, yearOverYear, LocalDate.ofEpochDay(start),
          asOf, sentence));
    }
    return List.copyOf(findings);
  }

  /** The values of {@code length} days from {@code start}, NaN where missing. */
  static double[] daily(long start, int length, Map<Long, Double> values, Set<Long> daysWithInput,
      boolean zeroWhenMissing) {
    double[] series = new double[length];
    for (int i = 0; i < length; i++) {
      long day = start + i;
      Double value = values.get(day);
      series[i] = value != null ? value : zeroWhenMissing && daysWithInput.contains(day) ? 0 : Double.NaN;
    }
    return series;
  }

  static double weekOverWeek(long end, Map<Long, Double> values, Set<Long> daysWithInput, boolean zeroWhenMissing) {
    return change(end, 7, values, daysWithInput, zeroWhenMissing);
  }

  /** The last week's mean over that of the same weekdays 52 weeks (364 days) earlier, minus 1. */
  static double yearOverYear(long end, Map<Long, Double> values, Set<Long> daysWithInput, boolean zeroWhenMissing) {
    return change(end, YEAR_LAG_DAYS, values, daysWithInput, zeroWhenMissing);
  }

  /** Whether the series has a value in the longest window ending at {@code end}. */
  public static boolean hasValueInLongestWindow(long end, Map<Long, Double> values) {
    long start = end - WINDOWS.get(WINDOWS.size() - 1) + 1;
    return values.keySet().stream().anyMatch(day -> day >= start && day <= end);
  }

  /** Mean of the 7 days ending at {@code end} over the mean of the 7 days {@code lag} days earlier, minus 1. */
  private static double change(long end, int lag, Map<Long, Double> values, Set<Long> daysWithInput,
      boolean zeroWhenMissing) {
    double before = mean(daily(end - lag - 6, 7, values, daysWithInput, zeroWhenMissing));
    double last = mean(daily(end - 6, 7, values, daysWithInput, zeroWhenMissing));
    return Double.isNaN(before) || Double.isNaN(last) || before == 0 ? Double.NaN : last / before - 1;
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).filter(value -> !Double.isNaN(value)).average().orElse(Double.NaN);
  }

  private static double median(double[] values) {
    double[] present = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
    return present.length == 0 ? Double.NaN : TheilSen.median(present);
  }
}
