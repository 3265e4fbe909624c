package io.opslake.jobs.findings;

import static io.opslake.jobs.findings.SeriesTableRows.dayRow;
import static io.opslake.jobs.findings.SeriesTableRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opslake.jobs.Jobs;
import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import io.opslake.storage.Warehouse;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings job on hand-made series: 28 days 2026-10-01..2026-10-28 (D), every one with event
 * input. Type {@code rising} counts 10 + 2i on day i (noiseless, so every pairwise slope is 2), type
 * {@code flat} 50 + (i mod 3); fingerprint {@code fp-new} only on D, {@code fp-stopped} on each of
 * the 7 days before D and not on D, {@code fp-old} on D−20 and D; template {@code t-new} only on D,
 * {@code t-sporadic} on D−5 and D−3. Two runs for D: the second must replace the first's partition.
 */
class FindingsJobTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-10-01");
  private static final LocalDate AS_OF = LocalDate.parse("2026-10-28");

  @TempDir static Path temp;
  private static final SparkSession spark = SharedSpark.session();
  private static FindingsResult first;
  private static FindingsResult second;

  private static String warehouse() {
    return temp.resolve("wh").toString();
  }

  @BeforeAll
  static void writeSeriesAndRunTwice() throws IOException {
    List<Row> series = new ArrayList<>();
    List<Row> days = new ArrayList<>();
    for (int i = 0; i < 28; i++) {
      LocalDate day = FIRST.plusDays(i);
      series.add(eventRow(day, "type", "rising", 10 + 2L * i));
      series.add(eventRow(day, "type", "flat", 50 + i % 3));
      for (String kind : List.of("type", "type_host", "fingerprint", "template")) {
        days.add(dayRow(day, kind));
      }
    }
    series.add(eventRow(AS_OF, "fingerprint", "fp-new", 5));
    for (int back = 1; back <= 7; back++) {
      series.add(eventRow(AS_OF.minusDays(back), "fingerprint", "fp-stopped", 3));
    }
    series.add(eventRow(AS_OF.minusDays(20), "fingerprint", "fp-old", 2));
    series.add(eventRow(AS_OF, "fingerprint", "fp-old", 2));
    series.add(eventRow(AS_OF, "template", "t-new", 1));
    series.add(eventRow(AS_OF.minusDays(5), "template", "t-sporadic", 4));
    series.add(eventRow(AS_OF.minusDays(3), "template", "t-sporadic", 4));
    write(Tables.EVENT_SERIES, series);
    write(Tables.SERIES_DAYS, days);

    first = Jobs.findings(spark, FindingsOptions.asOf(warehouse(), AS_OF.toString()));
    second = Jobs.findings(spark, FindingsOptions.asOf(warehouse(), AS_OF.toString()));
  }

  @Test
  void theRisingTypeHasItsPlantedSlopeAndIsSignificant() throws IOException {
    Row rising = trend("rising");
    assertThat(rising.<Integer>getAs("window_days")).isEqualTo(28);
    assertThat(rising.<Integer>getAs("n")).isEqualTo(28);
    assertThat(rising.<Double>getAs("slope_per_day")).isCloseTo(2.0, within(1e-12));
    assertThat(rising.<Double>getAs("slope_ci_low")).isLessThanOrEqualTo(2.0);
    assertThat(rising.<Double>getAs("slope_ci_high")).isGreaterThanOrEqualTo(2.0);
    assertThat(rising.<Double>getAs("mann_kendall_tau")).isCloseTo(1.0, within(1e-12));
    // Median of 10, 12, ..., 64 is 37; weeks: mean of days 21..27 is 58, of days 14..20 is 44.
    assertThat(rising.<Double>getAs("relative_slope_per_week")).isCloseTo(14.0 / 37, within(1e-12));
    assertThat(rising.<Double>getAs("week_over_week_change")).isCloseTo(58.0 / 44 - 1, within(1e-12));
    // 28 days of history do not reach the week a year back.
    assertThat(rising.<Double>getAs("year_over_year_change")).isNull();
    assertThat(rising.<Double>getAs("p_value")).isLessThan(1e-6);
    assertThat(rising.<Double>getAs("p_adjusted")).isGreaterThanOrEqualTo(rising.<Double>getAs("p_value"));
    assertThat(rising.<Boolean>getAs("significant")).isTrue();
    assertThat(rising.<Boolean>getAs("slow_drift")).isFalse();
    assertThat(rising.<String>getAs("inputs_from")).isEqualTo("2026-10-01");
    assertThat(rising.<String>getAs("inputs_to")).isEqualTo("2026-10-28");
    assertThat(rising.<String>getAs("sentence")).startsWith("rising events per day rose ").contains("over 28 days",
        "Sen slope 2.00/day", "n = 28");
  }

  @Test
  void theFlatTypeIsNotSignificantAndAdjustedPIsNeverBelowRawP() throws IOException {
    Row flat = trend("flat");
    assertThat(flat.<Double>getAs("slope_per_day")).isCloseTo(0.0, within(0.1));
    assertThat(flat.<Boolean>getAs("significant")).isFalse();
    assertThat(flat.<Double>getAs("p_adjusted")).isGreaterThan(0.05)
        .isGreaterThanOrEqualTo(flat.<Double>getAs("p_value"));
    assertThat(flat.<String>getAs("sentence")).contains("showed no significant trend over 28 days");
  }

  @Test
  void onlyTheWindowsTheDataReachesAreWritten() throws IOException {
    // 7 days: fewer than Mann–Kendall's 8 points; 90 and 365: the input starts 27 days before D.
    assertThat(rows("SELECT series_key, window_days FROM trends ORDER BY 1"))
        .containsExactly("[flat,28]", "[rising,28]");
    assertThat(second.rowsWritten("trends")).isEqualTo(2);
    assertThat(second.significantTrends()).isEqualTo(1);
    assertThat(second.seriesExamined()).isEqualTo(2);
  }

  @Test
  void noveltyHoldsExactlyThePlantedNewAndStoppedSeries() throws IOException {
    assertThat(rows("SELECT series_kind, series_key, status, first_seen, last_seen, count_on_day, dt FROM novelty"
        + " ORDER BY series_kind, series_key")).containsExactly(
        "[fingerprint,fp-new,new,2026-10-28,2026-10-28,5,2026-10-28]",
        "[fingerprint,fp-stopped,stopped,2026-10-21,2026-10-27,0,2026-10-28]",
        "[template,t-new,new,2026-10-28,2026-10-28,1,2026-10-28]");
    assertThat(rows("SELECT sentence FROM novelty WHERE series_key = 'fp-stopped'")).containsExactly(
        "[fingerprint fp-stopped stopped on 2026-10-28: seen every day of the 7 before (first on 2026-10-21),"
            + " none that day]");
    assertThat(second.newSeries()).isEqualTo(2);
    assertThat(second.stoppedSeries()).isEqualTo(1);
  }

  @Test
  void aRerunReplacesThePartition() throws IOException {
    assertThat(rows("SELECT DISTINCT run_id FROM trends")).containsExactly("[" + second.runIds().get(0) + "]");
    assertThat(rows("SELECT DISTINCT run_id FROM novelty")).containsExactly("[" + second.runIds().get(1) + "]");
    assertThat(first.runIds()).doesNotContainAnyElementsOf(second.runIds());
    assertThat(first.rowsWritten()).isEqualTo(second.rowsWritten());
    assertThat(rows("SELECT count(*) FROM novelty")).containsExactly("[3]");
  }

  private static Row trend(String key) throws IOException {
    Warehouse.open(warehouse(), spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    List<Row> rows = spark.sql("SELECT * FROM trends WHERE series_key = '" + key + "'").collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static List<String> rows(String sql) throws IOException {
    Warehouse.open(warehouse(), spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    return spark.sql(sql).collectAsList().stream().map(Row::toString).toList();
  }

  private static Row eventRow(LocalDate day, String kind, String key, long count) {
    Map<String, Object> values = new HashMap<>();
    values.put("grain", "day");
    values.put("bucket_start", Timestamp.from(day.atStartOfDay().toInstant(ZoneOffset.UTC)));
    values.put("series_kind", kind);
    values.put("series_key", key);
    values.put("type", kind.startsWith("type") ? key : null);
    values.put("hostname", null);
    values.put("count", count);
    values.put("minute_grid", false);
    values.put("dt", Date.valueOf(day));
    return row(Tables.EVENT_SERIES, values);
  }

  private static void write(TableDefinition table, List<Row> rows) throws IOException {
    SeriesTableRows.write(spark, warehouse(), table, rows);
  }
}
