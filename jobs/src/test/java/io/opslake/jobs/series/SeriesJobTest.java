package io.opslake.jobs.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.jobs.Jobs;
import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import io.opslake.jobs.metrics.RawMetricRows;
import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.Warehouse;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The series job on a hand-made warehouse: 2026-10-01 has events, metrics and rates; 2026-10-02
 * one gc event and one metric datapoint (a quiet day for page loads); 2026-10-03 nothing at all.
 * Expected values are computed by hand in the comments. Minute floor 3.
 */
class SeriesJobTest {
  private static final Instant STARTED = Instant.parse("2026-11-21T00:00:00Z");
  private static final Map<String, String> HEAP_LABELS = Map.of("pool", "old", "area", "jvm");

  @TempDir static Path temp;
  private static final SparkSession spark = SharedSpark.session();
  /** The first run over the three days; tests only read what it wrote (a rerun writes the same). */
  private static SeriesResult result;

  private static String warehouse() {
    return temp.resolve("wh").toString();
  }

  @BeforeAll
  static void writeInputsAndRun() throws IOException {
    writeInputs();
    result = run("2026-10-01", "2026-10-03");
  }

  private static void writeInputs() throws IOException {
    List<Row> events = new ArrayList<>();
    events.add(event("e1", "2026-10-01T00:00:10Z", "page_load", "web1", 100.0, "http://shop/users/42?x=1", null, null));
    events.add(event("e2", "2026-10-01T00:00:50Z", "page_load", "web1", 300.0, "/users/7", null, null));
    events.add(event("e3", "2026-10-01T00:01:30Z", "page_load", "web2", 200.0, "/users/9/", null, null));
    events.add(event("e4", "2026-10-01T01:30:00Z", "page_load", "web1", 400.0, null, null, null));
    events.add(event("e5", "2026-10-01T00:00:20Z", "error", "web2", null, null, "fp1", "t1"));
    events.add(event("e6", "2026-10-01T02:00:00Z", null, null, null, null, "fp1", null));
    events.add(event("e7", "2026-10-02T12:00:00Z", "gc", "web1", null, null, null, null));
    write(Tables.EVENTS, events);

    new RawMetricRows()
        .add("2026-10-01T00:00:10Z", "heap", 10, "bytes", "gauge", "web1", HEAP_LABELS, "statsd")
        .add("2026-10-01T00:00:40Z", "heap", 25, "bytes", "gauge", "web1", HEAP_LABELS, "statsd")
        .add("2026-10-01T00:00:40Z", "heap", 30, "bytes", "gauge", "web1", HEAP_LABELS, "statsd")
        .add("2026-10-01T00:05:00Z", "heap", 20, "bytes", "gauge", "web1", HEAP_LABELS, "statsd")
        .add("2026-10-02T08:00:00Z", "heap", 50, "bytes", "gauge", "web1", HEAP_LABELS, "statsd")
        .writeTo(warehouse(), "a");

    write(Tables.METRIC_RATES, List.of(
        rate("2026-10-01T00:10:00Z", 2.0), rate("2026-10-01T00:20:00Z", 4.0)));
  }

  private static Row event(String id, String ts, String type, String host, Double durationMs, String url,
      String fingerprint, String templateId) {
    Map<String, Object> values = new HashMap<>();
    values.put("event_id", id);
    values.put("ts", Timestamp.from(Instant.parse(ts)));
    values.put("source", "app_events");
    values.put("hostname", host);
    values.put("type", type);
    values.put("tags", List.of());
    values.put("labels", Map.of());
    values.put("attributes", Map.of());
    values.put("duration_ms", durationMs);
    values.put("url", url);
    values.put("source_file", "file:/test");
    values.put("source_line", 1L);
    values.put("ingest_run_id", "test");
    values.put("rules_version", "v");
    values.put("fingerprint", fingerprint);
    values.put("template_id", templateId);
    values.put("dt", java.sql.Date.valueOf(ts.substring(0, 10)));
    return row(Tables.EVENTS, values);
  }

  private static Row rate(String ts, double rate) {
    Map<String, Object> values = new HashMap<>();
    values.put("ts", Timestamp.from(Instant.parse(ts)));
    values.put("name", "requests");
    values.put("rate", rate);
    values.put("interval_seconds", 600.0);
    values.put("unit", "1/s");
    values.put("kind_source", "derived");
    values.put("hostname", "web1");
    values.put("labels", Map.of());
    values.put("source", "expvar");
    values.put("dt", java.sql.Date.valueOf(ts.substring(0, 10)));
    return row(Tables.METRIC_RATES, values);
  }

  private static Row row(TableDefinition table, Map<String, Object> values) {
    return RowFactory.create(table.allColumns().stream().map(column -> values.get(column.name())).toArray());
  }

  /** Writes input rows the way the jobs do, through a PartitionRebuild of the whole table. */
  private static void write(TableDefinition table, List<Row> rows) throws IOException {
    Warehouse warehouse = Warehouse.open(warehouse(), spark.sparkContext().hadoopConfiguration());
    try (PartitionRebuild rebuild = warehouse.rebuild(spark, table, "test")) {
      rebuild.stage(spark.createDataFrame(rows, table.tableSchema()));
      rebuild.commit(RebuildScope.wholeTable());
    }
  }

  private static SeriesResult run(String from, String to) throws IOException {
    return Jobs.series(spark, SeriesOptions.range(warehouse(), from, to).withMinuteFloor(3).withStartedAt(STARTED));
  }

  private static List<String> rows(String sql) throws IOException {
    Warehouse.open(warehouse(), spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    return spark.sql(sql).collectAsList().stream().map(Row::toString).toList();
  }

  @Test
  void countsEventsPerKindWithExplicitZeros() throws IOException {

    // Non-zero buckets of page_load: minute 00:00 holds e1 and e2, 00:01 e3, 01:30 e4.
    assertThat(rows("SELECT grain, cast(bucket_start AS string), count FROM event_series"
        + " WHERE series_kind = 'type' AND series_key = 'page_load' AND count > 0 ORDER BY grain, bucket_start"))
        .containsExactly("[day,2026-10-01 00:00:00,4]", "[hour,2026-10-01 00:00:00,3]",
            "[hour,2026-10-01 01:00:00,1]", "[minute,2026-10-01 00:00:00,2]", "[minute,2026-10-01 00:01:00,1]",
            "[minute,2026-10-01 01:30:00,1]");
    // Every bucket of the day is there: 1,440 minutes, 24 hours, 1 day; the empty ones hold 0.
    assertThat(rows("SELECT grain, count(*), sum(count), min(count), bool_and(minute_grid) FROM event_series"
        + " WHERE dt = DATE '2026-10-01' AND series_kind = 'type' AND series_key = 'page_load' GROUP BY grain"
        + " ORDER BY grain"))
        .containsExactly("[day,1,4,4,true]", "[hour,24,4,0,true]", "[minute,1440,4,0,true]");
    assertThat(rows("SELECT count FROM event_series WHERE series_key = 'page_load' AND grain = 'hour'"
        + " AND bucket_start = TIMESTAMP '2026-10-01 02:00:00'")).containsExactly("[0]");
    // Per type and host, and events without a type or host under (none).
    assertThat(rows("SELECT series_key, type, hostname, count FROM event_series WHERE dt = DATE '2026-10-01'"
        + " AND series_kind = 'type_host' AND grain = 'day' ORDER BY series_key"))
        .containsExactly("[(none)|(none),(none),(none),1]", "[error|web2,error,web2,1]",
            "[page_load|web1,page_load,web1,3]", "[page_load|web2,page_load,web2,1]");
    // fp1 has 2 events (< floor 3): hour and day grids only, no minute rows.
    assertThat(rows("SELECT grain, count(*), sum(count), bool_or(minute_grid), first(type) FROM event_series"
        + " WHERE series_kind = 'fingerprint' AND series_key = 'fp1' GROUP BY grain ORDER BY grain"))
        .containsExactly("[day,1,2,false,null]", "[hour,24,2,false,null]");
    assertThat(rows("SELECT series_kind, grain, count(*) FROM event_series WHERE dt = DATE '2026-10-01'"
        + " GROUP BY 1, 2 ORDER BY 1, 2")).containsExactly(
            "[fingerprint,day,1]", "[fingerprint,hour,24]", "[template,day,1]", "[template,hour,24]",
            "[type,day,3]", "[type,hour,72]", "[type,minute,4320]",
            "[type_host,day,4]", "[type_host,hour,96]", "[type_host,minute,5760]");
    assertThat(result.rowsWritten("event_series")).isEqualTo(7 * 1465 + 2 * 25 + 2 * 1465);
    assertThat(result.eventsRead()).isEqualTo(7);
  }

  @Test
  void latencyPercentilesPerTypeAndUrlGroupWithNullsForEmptyBuckets() throws IOException {

    // page_load durations 100, 300, 200, 400 (sorted 100 200 300 400): nearest rank p50 = 2nd = 200,
    // p95 = p99 = 4th = 400. Minute 00:00 holds 100 and 300: p50 = 1st = 100, p95 = 2nd = 300.
    assertThat(rows("SELECT grain, cast(bucket_start AS string), count, p50_ms, p95_ms, p99_ms, max_ms"
        + " FROM latency_series WHERE series_kind = 'type' AND type = 'page_load' AND count > 0"
        + " AND grain IN ('day', 'hour', 'minute') ORDER BY grain, bucket_start")).containsExactly(
            "[day,2026-10-01 00:00:00,4,200.0,400.0,400.0,400.0]",
            "[hour,2026-10-01 00:00:00,3,200.0,300.0,300.0,300.0]",
            "[hour,2026-10-01 01:00:00,1,400.0,400.0,400.0,400.0]",
            "[minute,2026-10-01 00:00:00,2,100.0,300.0,300.0,300.0]",
            "[minute,2026-10-01 00:01:00,1,200.0,200.0,200.0,200.0]",
            "[minute,2026-10-01 01:30:00,1,400.0,400.0,400.0,400.0]");
    assertThat(rows("SELECT count, p50_ms, p95_ms, p99_ms, max_ms FROM latency_series WHERE type = 'page_load'"
        + " AND grain = 'minute' AND bucket_start = TIMESTAMP '2026-10-01 00:02:00'"))
        .containsExactly("[0,null,null,null,null]");
    // The URL group: e1, e2, e3 (e4 has no URL); 3 points reach the floor, so it has minutes.
    assertThat(rows("SELECT series_key, url_group, type, count, p50_ms, p95_ms, max_ms, minute_grid"
        + " FROM latency_series WHERE series_kind = 'url_group' AND grain = 'day'"))
        .containsExactly("[/users/{num},/users/{num},null,3,200.0,300.0,300.0,true]");
    // Events without a duration make no latency series: only page_load and its URL group exist.
    assertThat(rows("SELECT DISTINCT series_kind, series_key FROM latency_series ORDER BY 1"))
        .containsExactly("[type,page_load]", "[url_group,/users/{num}]");
  }

  @Test
  void metricsPerSeriesWithLastAndNullMeasuresForEmptyBuckets() throws IOException {

    String key = "heap{hostname=web1,area=jvm,pool=old}";
    // Minute 00:00: 10, 25, 30 (25 and 30 both at 00:00:40: last is the larger, 30). Hour 00: plus 20 at 00:05.
    assertThat(rows("SELECT grain, cast(bucket_start AS string), count, round(avg, 6), min, max, p95, last,"
        + " metric_kind, unit, minute_grid FROM metric_series WHERE series_kind = 'raw_metrics'"
        + " AND series_key = '" + key + "' AND count > 0 ORDER BY dt, grain, bucket_start")).containsExactly(
            "[day,2026-10-01 00:00:00,4,21.25,10.0,30.0,30.0,20.0,gauge,bytes,true]",
            "[hour,2026-10-01 00:00:00,4,21.25,10.0,30.0,30.0,20.0,gauge,bytes,true]",
            "[minute,2026-10-01 00:00:00,3,21.666667,10.0,30.0,30.0,30.0,gauge,bytes,true]",
            "[minute,2026-10-01 00:05:00,1,20.0,20.0,20.0,20.0,20.0,gauge,bytes,true]",
            "[day,2026-10-02 00:00:00,1,50.0,50.0,50.0,50.0,50.0,gauge,bytes,false]",
            "[hour,2026-10-02 08:00:00,1,50.0,50.0,50.0,50.0,50.0,gauge,bytes,false]");
    assertThat(rows("SELECT count, avg, min, max, p95, last, name, hostname, labels['pool'] FROM metric_series"
        + " WHERE series_key = '" + key + "' AND grain = 'minute' AND bucket_start = TIMESTAMP '2026-10-01 00:01:00'"))
        .containsExactly("[0,null,null,null,null,null,heap,web1,old]");
    assertThat(rows("SELECT dt, grain, count(*) FROM metric_series WHERE series_kind = 'raw_metrics'"
        + " GROUP BY 1, 2 ORDER BY 1, 2")).containsExactly("[2026-10-01,day,1]", "[2026-10-01,hour,24]",
            "[2026-10-01,minute,1440]", "[2026-10-02,day,1]", "[2026-10-02,hour,24]");
    // Rates: 2 points, below the floor: hours and the day.
    assertThat(rows("SELECT series_key, grain, count, avg, last, metric_kind, unit FROM metric_series"
        + " WHERE series_kind = 'metric_rates' AND count > 0 ORDER BY grain")).containsExactly(
            "[requests{hostname=web1},day,2,3.0,4.0,rate,1/s]", "[requests{hostname=web1},hour,2,3.0,4.0,rate,1/s]");
  }

  @Test
  void aDayWithoutInputIsToldApartFromAQuietDay() throws IOException {

    assertThat(result.days()).containsExactly("2026-10-01", "2026-10-02", "2026-10-03");
    assertThat(result.daysWithoutInput()).containsExactly("2026-10-03");
    assertThat(rows("SELECT dt, series_table, series_kind, input_table, input_rows, has_input, points, series,"
        + " minute_grid_series, minute_floor FROM series_days ORDER BY dt, series_table, series_kind")).containsExactly(
            "[2026-10-01,event_series,fingerprint,events,6,true,2,1,0,3]",
            "[2026-10-01,event_series,template,events,6,true,1,1,0,3]",
            "[2026-10-01,event_series,type,events,6,true,6,3,3,3]",
            "[2026-10-01,event_series,type_host,events,6,true,6,4,4,3]",
            "[2026-10-01,latency_series,type,events,6,true,4,1,1,3]",
            "[2026-10-01,latency_series,url_group,events,6,true,3,1,1,3]",
            "[2026-10-01,metric_series,metric_rates,metric_rates,2,true,2,1,0,3]",
            "[2026-10-01,metric_series,raw_metrics,raw_metrics,4,true,4,1,1,3]",
            "[2026-10-02,event_series,fingerprint,events,1,true,0,0,0,3]",
            "[2026-10-02,event_series,template,events,1,true,0,0,0,3]",
            "[2026-10-02,event_series,type,events,1,true,1,1,1,3]",
            "[2026-10-02,event_series,type_host,events,1,true,1,1,1,3]",
            "[2026-10-02,latency_series,type,events,1,true,0,0,0,3]",
            "[2026-10-02,latency_series,url_group,events,1,true,0,0,0,3]",
            "[2026-10-02,metric_series,metric_rates,metric_rates,0,false,0,0,0,3]",
            "[2026-10-02,metric_series,raw_metrics,raw_metrics,1,true,1,1,0,3]",
            "[2026-10-03,event_series,fingerprint,events,0,false,0,0,0,3]",
            "[2026-10-03,event_series,template,events,0,false,0,0,0,3]",
            "[2026-10-03,event_series,type,events,0,false,0,0,0,3]",
            "[2026-10-03,event_series,type_host,events,0,false,0,0,0,3]",
            "[2026-10-03,latency_series,type,events,0,false,0,0,0,3]",
            "[2026-10-03,latency_series,url_group,events,0,false,0,0,0,3]",
            "[2026-10-03,metric_series,metric_rates,metric_rates,0,false,0,0,0,3]",
            "[2026-10-03,metric_series,raw_metrics,raw_metrics,0,false,0,0,0,3]");
    // 2026-10-02 is quiet for page_load (events were read, none of that type): no rows, and
    // series_days says the day had input, so page_load counted 0 that day.
    assertThat(rows("SELECT count(*) FROM event_series WHERE dt = DATE '2026-10-02' AND type = 'page_load'"))
        .containsExactly("[0]");
    assertThat(rows("SELECT count(*) FROM event_series WHERE dt = DATE '2026-10-03'")).containsExactly("[0]");
    assertThat(rows("SELECT DISTINCT run_id FROM series_days WHERE dt = DATE '2026-10-03'"))
        .singleElement().asString().matches("\\[\\d{8}T\\d{6}Z-series-[0-9a-f]{6}]");
    assertThat(result.runIds()).hasSize(4).allSatisfy(id -> assertThat(id).contains("-series-"));
  }

  @Test
  void aRerunReplacesTheDaysAndNeverAdds() throws Exception {
    SeriesResult first = result;
    List<String> before = rows("SELECT * FROM event_series ORDER BY dt, grain, series_kind, series_key, bucket_start");
    List<String> metricsBefore = rows("SELECT count(*), sum(count) FROM metric_series");

    SparkJobCounter jobs = new SparkJobCounter();
    spark.sparkContext().addSparkListener(jobs);
    SeriesResult again = run("2026-10-01", "2026-10-03");
    long jobsForThreeDays = jobs.stop(spark);

    assertThat(rows("SELECT * FROM event_series ORDER BY dt, grain, series_kind, series_key, bucket_start"))
        .isEqualTo(before);
    assertThat(rows("SELECT count(*), sum(count) FROM metric_series")).isEqualTo(metricsBefore);
    assertThat(again.rowsWritten()).isEqualTo(first.rowsWritten());
    assertThat(rows("SELECT count(*) FROM series_days")).containsExactly("[24]");
    // One day alone: only that day is rebuilt, the others are left as they were.
    SparkJobCounter oneDayJobs = new SparkJobCounter();
    spark.sparkContext().addSparkListener(oneDayJobs);
    run("2026-10-02", "2026-10-02");
    // The Spark jobs of a run do not grow with its days: one pass over all of them, not one per day.
    assertThat(oneDayJobs.stop(spark)).isLessThanOrEqualTo(jobsForThreeDays);
    assertThat(jobsForThreeDays).isLessThanOrEqualTo(30);
    assertThat(rows("SELECT count(*) FROM series_days")).containsExactly("[24]");
    assertThat(rows("SELECT * FROM event_series ORDER BY dt, grain, series_kind, series_key, bucket_start"))
        .isEqualTo(before);
  }

  @Test
  void theRowsWrittenAreTheRowsEachTableHolds() {
    for (String table : List.of("event_series", "latency_series", "metric_series", "series_days")) {
      assertThat(spark.read().parquet(temp.resolve("wh").resolve(table).toString()).count()).as(table)
          .isEqualTo(result.rowsWritten(table));
    }
  }

  /** Counts the Spark jobs started between its registration and {@link #stop}. */
  private static final class SparkJobCounter extends org.apache.spark.scheduler.SparkListener {
    private final java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart jobStart) {
      started.incrementAndGet();
    }

    long stop(SparkSession session) throws java.util.concurrent.TimeoutException {
      session.sparkContext().listenerBus().waitUntilEmpty(10_000);
      session.sparkContext().removeSparkListener(this);
      return started.get();
    }
  }

  @Test
  void aQueryForOneDayReadsOnlyThatDaysPartition() throws IOException {
    Warehouse.open(warehouse(), spark.sparkContext().hadoopConfiguration()).registerViews(spark);

    for (String table : List.of("event_series", "latency_series", "metric_series", "series_days")) {
      Dataset<Row> day = spark.sql("SELECT * FROM " + table + " WHERE dt = DATE '2026-10-01'");
      String plan = day.queryExecution().executedPlan().toString();
      assertThat(plan).as(table).containsPattern("PartitionFilters: \\[isnotnull\\(dt#\\d+\\), \\(dt#\\d+ = 2026-10-01\\)\\]");
      day.collectAsList();
      // The scan's own metrics: one partition, its one file.
      SparkPlan scan = day.queryExecution().executedPlan().collectLeaves().head();
      assertThat(scan.metrics().apply("numPartitions").value()).as(table).isEqualTo(1);
      assertThat(scan.metrics().apply("numFiles").value()).as(table).isEqualTo(1);
    }
  }

  @Test
  void writesTheDocumentedSchemas() throws IOException {

    for (TableDefinition table : List.of(Tables.EVENT_SERIES, Tables.LATENCY_SERIES, Tables.METRIC_SERIES,
        Tables.SERIES_DAYS)) {
      assertThat(spark.read().parquet(temp.resolve("wh").resolve(table.name()).toString()).schema().fields())
          .as(table.name())
          .extracting(StructField::name, field -> field.dataType().simpleString())
          .containsExactlyElementsOf(java.util.Arrays.stream(table.tableSchema().asNullable().fields())
              .map(field -> org.assertj.core.groups.Tuple.tuple(field.name(), field.dataType().simpleString()))
              .toList());
    }
  }

  @Test
  void optionsAreValidatedWithOneMessageForm() {
    assertThatThrownBy(() -> SeriesOptions.range("wh", "2026-10-02", "2026-10-01"))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot build series: --to 2026-10-01 is before --from 2026-10-02")
        .satisfies(e -> assertThat(((OpslakeException) e).category()).isEqualTo(ErrorCategory.USAGE));
    assertThatThrownBy(() -> SeriesOptions.range("wh", "2026-02-30", "2026-03-01"))
        .hasMessage("Cannot build series: --from 2026-02-30 is not a date");
    assertThatThrownBy(() -> SeriesOptions.range("wh", "2025-01-01", "2026-10-01"))
        .hasMessage("Cannot build series: --from 2025-01-01 --to 2026-10-01 spans 639 days, more than 366");
    assertThatThrownBy(() -> SeriesOptions.range("wh", "2026-10-01", "2026-10-01").withMinuteFloor(0))
        .hasMessage("Cannot build series: --minute-floor 0 is not positive");
    assertThat(SeriesOptions.range("wh", "2026-10-30", "2026-11-01").dates())
        .containsExactly(LocalDate.parse("2026-10-30"), LocalDate.parse("2026-10-31"), LocalDate.parse("2026-11-01"));
  }
}
