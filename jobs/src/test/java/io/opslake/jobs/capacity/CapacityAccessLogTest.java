package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.IngestOptions;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.events.ReclassifyOptions;
import io.opslake.jobs.series.SeriesOptions;
import io.opslake.schemas.Tables;
import io.opslake.storage.Warehouse;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service known only from its access logs (two gateway hosts, {@code dc0-gw01} and {@code
 * dc0-gw02}, no page loads, no metrics) through ingest, reclassify, series and capacity: its load
 * is its {@code http_request} events, its p95 the nearest-rank p95 of their durations, its errors
 * their 5xx, all counted by hand from the log lines the test writes.
 */
class CapacityAccessLogTest {
  private static final SparkSession spark = SharedSpark.session();
  private static final LocalDate DAY = LocalDate.parse("2026-10-05");

  @TempDir static Path temp;
  static String warehouse;
  static Map<String, LoadSources.ServiceHours> hours;
  static List<Row> models;
  static List<Row> plan;

  @BeforeAll
  static void ingestSeriesAndPlan() throws IOException {
    long started = System.nanoTime();
    Path landing = temp.resolve("landing");
    Files.createDirectories(landing);
    // 12:00: 30 requests of 10, 20, ..., 300 ms, the odd tens on gw01, the even on gw02; one 503
    // on gw01 and one 500 on gw02. 13:00: 8 requests of 100, ..., 800 ms on gw01 alone, one 404.
    List<String> gw01 = new ArrayList<>();
    List<String> gw02 = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      int status = i == 7 ? 503 : i == 12 ? 500 : 200;
      (i % 2 == 1 ? gw01 : gw02).add(line(12, i, status, i * 10));
    }
    for (int i = 1; i <= 8; i++) {
      gw01.add(line(13, i, i == 3 ? 404 : 200, i * 100));
    }
    Files.write(landing.resolve("access_dc0-gw01_2026-10-05T12-00-00Z.log"), gw01);
    Files.write(landing.resolve("access_dc0-gw02_2026-10-05T12-00-00Z.log"), gw02);
    warehouse = temp.resolve("wh").toString();

    Jobs.ingest(spark, IngestOptions.of(List.of(landing.toString()), warehouse), Jobs.RatesAfterIngest.SKIP,
        line -> {});
    lap("ingest", started);
    Jobs.reclassify(spark, ReclassifyOptions.of(warehouse, DAY.toString(), DAY.toString(), Optional.empty(),
        ReclassifyOptions.Mode.APPLY, Optional.empty()));
    lap("reclassify", started);
    Jobs.series(spark, SeriesOptions.range(warehouse, DAY.toString(), DAY.toString()));
    lap("series", started);
    Warehouse opened = Warehouse.open(warehouse, spark.sparkContext().hadoopConfiguration());
    hours = new CapacityInputs(spark, opened, DAY, null, LoadSources.DEFAULT_REQUEST_COUNTERS).roleHours();
    lap("capacity inputs", started);
    Jobs.capacity(spark, CapacityOptions.of(warehouse, DAY.toString(), 1, 500, 0.7, null,
        LoadSources.DEFAULT_REQUEST_COUNTERS));
    lap("capacity", started);
    models = opened.read(spark, Tables.CAPACITY_MODEL).where("service = 'gw'").collectAsList();
    plan = opened.read(spark, Tables.CAPACITY_PLAN).where("service = 'gw'").collectAsList();
    System.out.printf("capacity access-log fixture (ingest, reclassify, series, capacity) took %.1f s%n",
        (System.nanoTime() - started) / 1e9);
  }

  private static void lap(String step, long started) {
    System.out.printf("capacity access-log fixture: %s done at %.1f s%n", step, (System.nanoTime() - started) / 1e9);
  }

  /** An Apache combined line at hh:mm:00 with %D (microseconds) at the end. */
  private static String line(int hour, int minute, int status, int milliseconds) {
    return String.format("192.0.2.%d - - [05/Oct/2026:%02d:%02d:00 +0000] \"GET /orders/%d HTTP/1.1\" %d 512 \"-\""
        + " \"curl/8.4.0\" %d", minute, hour, minute, minute, status, milliseconds * 1000);
  }

  @Test
  void theLoadLatencyAndErrorsOfAnAccessLogServiceComeFromItsHttpRequests() {
    LoadSources.ServiceHours gateway = hours.get("gw");
    assertThat(gateway.load()).isEqualTo(LoadSource.HTTP_REQUESTS);
    assertThat(gateway.latency()).isEqualTo(LoadSources.LatencySource.REQUEST_DURATION);
    assertThat(gateway.hours()).hasSize(2);

    RoleHour noon = gateway.hours().get(0);
    assertThat(noon.hour()).isEqualTo(Instant.parse("2026-10-05T12:00:00Z"));
    assertThat(noon.servers()).isEqualTo(2);
    assertThat(noon.load()).isEqualTo(30);
    assertThat(noon.loadPerServer()).isEqualTo(15.0);
    // nearest rank: the ⌈0.95 × 30⌉ = 29th of 10, 20, ..., 300 ms over both hosts
    assertThat(noon.latencyP95()).isEqualTo(290.0);
    assertThat(noon.latencySamples()).isEqualTo(30);
    assertThat(noon.errors()).isEqualTo(2);
    assertThat(noon.requests()).isEqualTo(30);

    RoleHour one = gateway.hours().get(1);
    assertThat(one.servers()).isEqualTo(1);
    assertThat(one.load()).isEqualTo(8);
    // the ⌈0.95 × 8⌉ = 8th of 100, ..., 800 ms; a 404 is not an error
    assertThat(one.latencyP95()).isEqualTo(800.0);
    assertThat(one.errors()).isZero();
  }

  @Test
  void theModelsAndThePlanSayTheirLoadSource() {
    assertThat(models).hasSize(7);
    assertThat(models).allSatisfy(row -> assertThat(row.<String>getAs("load_source")).isEqualTo("http_requests"));
    assertThat(models).allSatisfy(row ->
        assertThat(row.<String>getAs("latency_source")).isEqualTo("http_request duration_ms"));
    Row latency = models.stream().filter(row -> "latency_per_server".equals(row.getAs("model"))).findFirst()
        .orElseThrow();
    assertThat(latency.<String>getAs("load_unit")).isEqualTo("http requests per server-hour");
    // One hour with 20 durations or more is too few to fit, but it is latency data.
    assertThat(latency.<String>getAs("reason")).startsWith("Cannot fit latency against load of gw: ")
        .doesNotContain("no latency data");
    Row demand = models.stream().filter(row -> "demand_forecast".equals(row.getAs("model"))).findFirst()
        .orElseThrow();
    assertThat(demand.<String>getAs("reason")).startsWith("Cannot forecast demand of gw peak-hour http requests ");
    assertThat(plan).hasSize(1);
    assertThat(plan.get(0).<String>getAs("load_source")).isEqualTo("http_requests");
  }
}
