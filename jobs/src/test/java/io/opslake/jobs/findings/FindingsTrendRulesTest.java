package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The findings job's rules that need no Spark: windows, zero filling, slow drift, options. */
class FindingsTrendRulesTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-10-28");
  private static final long END = AS_OF.toEpochDay();

  @Test
  void aDayWithInputButNoRowIsZeroForCountsAndMissingForMetrics() {
    Set<Long> input = days(END - 27, END);
    Map<Long, Double> values = new HashMap<>();
    for (long day = END - 27; day <= END; day++) {
      if (day != END - 3) {
        values.put(day, 5.0);
      }
    }
    double[] counts = SeriesTrends.daily(END - 27, 28, values, input, true);
    double[] metrics = SeriesTrends.daily(END - 27, 28, values, input, false);
    assertThat(counts[24]).isEqualTo(0.0);
    assertThat(metrics[24]).isNaN();
    // A day without input is missing either way.
    assertThat(SeriesTrends.daily(END - 40, 1, values, input, true)[0]).isNaN();
    assertThat(SeriesTrends.of(AS_OF, values, input, false, "x").get(0).trend().mannKendall().n()).isEqualTo(27);
  }

  @Test
  void windowsNeedTheInputToReachTheirFirstDay() {
    Set<Long> input = days(END - 99, END);
    Map<Long, Double> values = new HashMap<>();
    input.forEach(day -> values.put(day, (double) (day - END)));
    List<Integer> windows = SeriesTrends.of(AS_OF, values, input, true, "x").stream()
        .map(SeriesTrends.Finding::windowDays).toList();
    assertThat(windows).containsExactly(28, 90);
    assertThat(SeriesTrends.of(AS_OF, values, Set.of(), true, "x")).isEmpty();
  }

  @Test
  void weekOverWeekIsTheRatioOfTheWeeklyMeansMinusOne() {
    Set<Long> input = days(END - 13, END);
    Map<Long, Double> values = new HashMap<>();
    input.forEach(day -> values.put(day, day > END - 7 ? 15.0 : 10.0));
    assertThat(SeriesTrends.weekOverWeek(END, values, input, true)).isCloseTo(0.5, within(1e-12));
    assertThat(SeriesTrends.weekOverWeek(END, Map.of(), input, true)).isNaN();
  }

  @Test
  void yearOverYearComparesTheLastWeekWithTheSameWeekdaysFiftyTwoWeeksEarlier() {
    // 2026-10-28 is a Wednesday; 364 days earlier, 2025-10-29, is a Wednesday too.
    assertThat(LocalDate.ofEpochDay(END - 364).getDayOfWeek()).isEqualTo(AS_OF.getDayOfWeek());
    Set<Long> input = days(END - 370, END);
    Map<Long, Double> values = new HashMap<>();
    input.forEach(day -> values.put(day, day > END - 7 ? 12.0 : day > END - 364 ? 100.0 : 8.0));
    // Last week's mean 12 over the mean 8 of D-370..D-364: 12 / 8 - 1 = 0.5; the 356 days between do not count.
    assertThat(SeriesTrends.yearOverYear(END, values, input, true)).isCloseTo(0.5, within(1e-12));
    // A day with input but without a count in that week is 0 for counts: 12 / (6 x 8 / 7) - 1 = 0.75;
    // a metric leaves it out: 12 / 8 - 1 = 0.5.
    values.remove(END - 364);
    assertThat(SeriesTrends.yearOverYear(END, values, input, true)).isCloseTo(0.75, within(1e-12));
    assertThat(SeriesTrends.yearOverYear(END, values, input, false)).isCloseTo(0.5, within(1e-12));
    // Every row of the series carries it.
    assertThat(SeriesTrends.of(AS_OF, values, input, true, "x")).extracting(SeriesTrends.Finding::yearOverYearChange)
        .hasSize(3).allSatisfy(change -> assertThat(change).isCloseTo(0.75, within(1e-12)));
  }

  @Test
  void yearOverYearIsUndefinedUntilTheHistoryReachesTheWeekAYearBack() {
    Set<Long> input = days(END - 363, END);
    Map<Long, Double> values = new HashMap<>();
    input.forEach(day -> values.put(day, 10.0));
    assertThat(SeriesTrends.yearOverYear(END, values, input, true)).isNaN();
    assertThat(SeriesTrends.of(AS_OF, values, input, true, "x")).extracting(SeriesTrends.Finding::yearOverYearChange)
        .allMatch(change -> Double.isNaN(change));
    // A zero mean a year back leaves it undefined too.
    Set<Long> longer = days(END - 370, END);
    Map<Long, Double> fromZero = new HashMap<>(values);
    assertThat(SeriesTrends.yearOverYear(END, fromZero, longer, true)).isNaN();
    // The week a year back alone does not make a series a trend candidate.
    assertThat(SeriesTrends.hasValueInLongestWindow(END, Map.of(END - 366, 1.0))).isFalse();
    assertThat(SeriesTrends.hasValueInLongestWindow(END, Map.of(END - 364, 1.0))).isTrue();
  }

  @Test
  void slowDriftWhenOnlyTheLongestOfSeveralWindowsIsSignificant() {
    List<Row> adjusted = TrendFindings.adjust(List.of(
        RowFactory.create("event_series\ttype\tdrift\t28", 0.5),
        RowFactory.create("event_series\ttype\tdrift\t90", 0.001),
        RowFactory.create("event_series\ttype\tsteep\t28", 0.001),
        RowFactory.create("event_series\ttype\tsteep\t90", 0.001),
        RowFactory.create("event_series\ttype\talone\t28", 0.001)));
    assertThat(adjusted.stream().map(row -> row.getString(0) + "=" + row.getBoolean(2)).toList()).containsExactly(
        "event_series\ttype\tdrift\t28=true", "event_series\ttype\tdrift\t90=true",
        "event_series\ttype\tsteep\t28=false", "event_series\ttype\tsteep\t90=false",
        "event_series\ttype\talone\t28=false");
    // R: p.adjust(c(0.5, 0.001, 0.001, 0.001, 0.001), "BH") = 0.5, 0.00125 x 4
    assertThat(adjusted.get(0).getDouble(1)).isCloseTo(0.5, within(1e-12));
    assertThat(adjusted.get(1).getDouble(1)).isCloseTo(0.00125, within(1e-12));
  }

  @Test
  void anAsOfThatIsNotADateIsAUsageError() {
    assertThatThrownBy(() -> FindingsOptions.asOf("wh", "2026-02-30"))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot compute findings: --as-of 2026-02-30 is not a date")
        .satisfies(e -> assertThat(((OpslakeException) e).category()).isEqualTo(ErrorCategory.USAGE));
  }

  private static Set<Long> days(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
  }
}
