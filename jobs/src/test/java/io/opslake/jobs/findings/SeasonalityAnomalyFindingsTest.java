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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seasonality and anomalies steps of the findings job on hand-made hour-grain series, 28 days
 * 2026-10-01..2026-10-28 (D): type {@code page_load} counts 1000 + 500 sin(2πh/24) plus a uniform
 * noise of ±10 (seeded), and on D at 12:00 a spike of +3000. Checked against the planted values.
 */
class SeasonalityAnomalyFindingsTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-10-01");
  private static final LocalDate AS_OF = LocalDate.parse("2026-10-28");
  private static final Instant SPIKE = Instant.parse("2026-10-28T12:00:00Z");

  @TempDir static Path temp;
  private static final SparkSession spark = SharedSpark.session();
  private static FindingsResult result;

  @BeforeAll
  static void writeSeriesAndRun() throws IOException {
    List<Row> series = new ArrayList<>();
    List<Row> days = new ArrayList<>();
    SplittableRandom noise = new SplittableRandom(5);
    for (int day = 0; day < 28; day++) {
      LocalDate date = FIRST.plusDays(day);
      days.add(dayRow(date, "type"));
      days.add(dayRow(date, "type_host"));
      for (int hour = 0; hour < 24; hour++) {
        Instant at = date.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600L * hour);
        long count = Math.round(1000 + 500 * Math.sin(2 * Math.PI * hour / 24) + noise.nextDouble(-10, 10));
        series.add(hourRow(date, at, "page_load", at.equals(SPIKE) ? count + 3000 : count));
      }
    }
    write(Tables.EVENT_SERIES, series);
    write(Tables.SERIES_DAYS, days);
    result = Jobs.findings(spark, FindingsOptions.asOf(temp.resolve("wh").toString(), AS_OF.toString()));
  }

  @Test
  void thePlantedDailyCycleIsAStrongDailySeasonWithItsHourFactors() throws IOException {
    List<Row> rows = rows("seasonality");
    assertThat(rows).extracting(row -> row.getAs("series_key")).containsExactly("page_load");
    assertThat(result.rowsWritten("seasonality")).isEqualTo(1);
    Row row = rows.get(0);
    assertThat(row.<Integer>getAs("hours")).isEqualTo(28 * 24);
    assertThat(row.<String>getAs("dominant_period")).isEqualTo("daily");
    assertThat(row.<Integer>getAs("period_hours")).isEqualTo(24);
    // Seasonal variance 500²/2 = 125,000; remainder: the noise, 20²/12 = 33, and the spike, 3000² / 672
    // × (1 − 1/672) = 13,373. F_S ≈ 1 − 13,406 / 138,406 = 0.903 (STL's trend takes a little of both).
    assertThat(row.<Double>getAs("strength")).isCloseTo(0.903, within(0.02));
    String[] factors = row.<String>getAs("hour_of_day_factors").replaceAll("[\\[\\]]", "").split(",");
    assertThat(factors).hasSize(24);
    // Hour 6: 1000 + 500 = 1500 over a mean of 1000 (the spike adds 3000 / 672 to the mean, 0.4 %).
    assertThat(Double.parseDouble(factors[6])).isCloseTo(1.5, within(0.02));
    assertThat(Double.parseDouble(factors[18])).isCloseTo(0.5, within(0.02));
    assertThat(row.<String>getAs("sentence")).contains("strong daily pattern", "peaking at 06:00 UTC");
  }

  @Test
  void theSpikeOnTheAsOfDayIsOnePointRowWithItsExpectedAndObservedValues() throws IOException {
    List<Row> rows = rows("anomalies");
    assertThat(rows).hasSize(1);
    Row row = rows.get(0);
    assertThat(row.<String>getAs("series_key")).isEqualTo("page_load");
    assertThat(row.<String>getAs("kind")).isEqualTo("point");
    assertThat(row.<String>getAs("direction")).isEqualTo("up");
    assertThat(row.<Timestamp>getAs("bucket_start").toInstant()).isEqualTo(SPIKE);
    assertThat(row.<Timestamp>getAs("bucket_end").toInstant()).isEqualTo(SPIKE.plusSeconds(3600));
    assertThat(row.<Integer>getAs("buckets")).isEqualTo(1);
    // Hour 12: sin(π) = 0, so 1000 ± 10 expected and 4000 ± 10 observed.
    assertThat(row.<Double>getAs("expected")).isCloseTo(1000, within(10.0));
    assertThat(row.<Double>getAs("observed")).isCloseTo(4000, within(10.0));
    assertThat(row.<Double>getAs("score")).isGreaterThanOrEqualTo(0.6).isLessThanOrEqualTo(1.0);
    assertThat(row.<Integer>getAs("history_hours")).isEqualTo(27 * 24);
  }

  private static List<Row> rows(String table) throws IOException {
    Warehouse.open(temp.resolve("wh").toString(), spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    return spark.sql("SELECT * FROM " + table + " WHERE dt = DATE '" + AS_OF + "'").collectAsList();
  }

  private static Row hourRow(LocalDate day, Instant at, String type, long count) {
    Map<String, Object> values = new HashMap<>();
    values.put("grain", "hour");
    values.put("bucket_start", Timestamp.from(at));
    values.put("series_kind", "type");
    values.put("series_key", type);
    values.put("type", type);
    values.put("count", count);
    values.put("minute_grid", false);
    values.put("dt", Date.valueOf(day));
    return row(Tables.EVENT_SERIES, values);
  }

  private static void write(TableDefinition table, List<Row> rows) throws IOException {
    SeriesTableRows.write(spark, temp.resolve("wh").toString(), table, rows);
  }
}
