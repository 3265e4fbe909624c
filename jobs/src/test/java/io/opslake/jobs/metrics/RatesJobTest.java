package io.opslake.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.jobs.Jobs;
import io.opslake.storage.Warehouse;
import io.opslake.schemas.Tables;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatesJobTest {
  private static final Map<String, String> SHARD = Map.of("index", "logs", "shard", "0", "prirep", "p");
  private static final String TOTAL = "es.shard.indexing.index_total";
  private static final String TIME = "es.shard.indexing.index_time_ms";
  private static final String SNAPSHOT = "es_cat_shards";
  private static final Instant STARTED = Instant.parse("2026-11-21T00:00:00Z");

  @TempDir Path temp;
  private final SparkSession spark = SharedSpark.session();

  private String warehouse() {
    return temp.resolve("wh").toString();
  }

  private void writeScenario() throws IOException {
    new RawMetricRows()
        // Lookback day: only a predecessor when deriving 2026-10-02.
        .add("2026-10-01T23:59:30Z", TOTAL, 1000, null, "counter", "es1", SHARD, SNAPSHOT)
        .add("2026-10-01T23:59:50Z", TOTAL, 1200, null, "counter", "es1", SHARD, SNAPSHOT)
        .add("2026-10-02T00:00:10Z", TOTAL, 1400, null, "counter", "es1", SHARD, SNAPSHOT)
        .add("2026-10-02T00:00:30Z", TOTAL, 1500, null, "counter", "es1", SHARD, SNAPSHOT)
        .add("2026-10-02T00:00:30Z", TOTAL, 1490, null, "counter", "es1", SHARD, SNAPSHOT) // duplicate time
        .add("2026-10-02T00:00:40Z", TOTAL, 100, null, "counter", "es1", SHARD, SNAPSHOT) // restart
        .add("2026-10-02T00:00:50Z", TOTAL, 300, null, "counter", "es1", SHARD, SNAPSHOT)
        .add("2026-10-02T01:00:10Z", TOTAL, 5100, null, "counter", "es1", SHARD, SNAPSHOT) // out of order
        .add("2026-10-02T01:00:00Z", TOTAL, 5000, null, "counter", "es1", SHARD, SNAPSHOT) // after a gap
        .add("2026-10-02T00:00:10Z", TIME, 0, "ms", "counter", "es1", SHARD, SNAPSHOT)
        .add("2026-10-02T00:00:30Z", TIME, 500, "ms", "counter", "es1", SHARD, SNAPSHOT)
        .add("2026-10-02T00:00:00Z", TOTAL, 10, null, "counter", "es2", SHARD, SNAPSHOT)
        .add("2026-10-02T00:00:10Z", TOTAL, 20, null, "counter", "es2", SHARD, SNAPSHOT)
        .add("2026-10-02T00:00:10Z", "es.node.indexing.rate", 42.5, "docs/s", "rate", "es1", Map.of(), "es_nodes")
        // StatsD counters are per-flush increments and gauges are levels: neither is derived.
        .add("2026-10-02T00:00:10Z", "requests", 5, null, "counter", "web1", Map.of(), "statsd")
        .add("2026-10-02T00:00:20Z", "requests", 7, null, "counter", "web1", Map.of(), "statsd")
        .add("2026-10-02T00:00:10Z", "cpu", 0.5, "percent", "gauge", "web1", Map.of(), "dcos_metrics")
        .add("2026-10-02T00:00:20Z", "cpu", 0.7, "percent", "gauge", "web1", Map.of(), "dcos_metrics")
        .writeTo(warehouse(), "a");
  }

  private RatesResult run(String from, String to) throws IOException {
    return Jobs.rates(spark, RatesOptions.range(warehouse(), from, to).withStartedAt(STARTED));
  }

  private List<String> rates() throws IOException {
    Warehouse.open(warehouse(), spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    return spark.sql("select cast(ts as string), name, hostname, rate, interval_seconds, unit, kind_source,"
            + " labels['shard'], source, cast(dt as string) from metric_rates order by name, hostname, ts")
        .collectAsList().stream().map(Row::toString).toList();
  }

  @Test
  void derivesCounterRatesAndCopiesProducerRates() throws IOException {
    writeScenario();

    RatesResult result = run("2026-10-02", "2026-10-02");

    assertThat(rates()).containsExactly(
        "[2026-10-02 00:00:10,es.node.indexing.rate,es1,42.5,null,docs/s,producer,null,es_nodes,2026-10-02]",
        "[2026-10-02 00:00:30,es.shard.indexing.index_time_ms,es1,25.0,20.0,ms/s,derived,0,es_cat_shards,2026-10-02]",
        "[2026-10-02 00:00:10,es.shard.indexing.index_total,es1,10.0,20.0,1/s,derived,0,es_cat_shards,2026-10-02]",
        "[2026-10-02 00:00:30,es.shard.indexing.index_total,es1,5.0,20.0,1/s,derived,0,es_cat_shards,2026-10-02]",
        "[2026-10-02 00:00:50,es.shard.indexing.index_total,es1,20.0,10.0,1/s,derived,0,es_cat_shards,2026-10-02]",
        "[2026-10-02 01:00:10,es.shard.indexing.index_total,es1,10.0,10.0,1/s,derived,0,es_cat_shards,2026-10-02]",
        "[2026-10-02 00:00:10,es.shard.indexing.index_total,es2,1.0,10.0,1/s,derived,0,es_cat_shards,2026-10-02]");
    // The query docs/metrics.md gives for ips and iMSps.
    assertThat(spark.sql("SELECT cast(ts as string), hostname,"
            + " max(CASE WHEN name = 'es.shard.indexing.index_total' THEN rate END) AS ips,"
            + " max(CASE WHEN name = 'es.shard.indexing.index_time_ms' THEN rate END) AS iMSps"
            + " FROM metric_rates WHERE dt = DATE '2026-10-02'"
            + " AND name IN ('es.shard.indexing.index_total', 'es.shard.indexing.index_time_ms')"
            + " GROUP BY ts, hostname, labels['index'], labels['shard'] ORDER BY ts, hostname")
        .collectAsList().stream().map(Row::toString).toList()).containsExactly(
            "[2026-10-02 00:00:10,es1,10.0,null]", "[2026-10-02 00:00:10,es2,1.0,null]",
            "[2026-10-02 00:00:30,es1,5.0,25.0]", "[2026-10-02 00:00:50,es1,20.0,null]",
            "[2026-10-02 01:00:10,es1,10.0,null]");
    assertThat(result.dates()).containsExactly("2026-10-02");
    assertThat(result.series()).isEqualTo(4);
    assertThat(result.pointsRead()).isEqualTo(14);
    assertThat(result.derived()).isEqualTo(6);
    assertThat(result.producer()).isEqualTo(1);
    assertThat(result.ratesWritten()).isEqualTo(7);
    assertThat(result.resets()).isEqualTo(1);
    assertThat(result.gaps()).isEqualTo(1);
    assertThat(result.duplicates()).isEqualTo(1);
    assertThat(result.overCap()).isZero();
    assertThat(result.shadowedSeries()).isZero();
  }

  @Test
  void rerunningReplacesTheDaysAndNeverDuplicates() throws IOException {
    writeScenario();
    run("2026-10-02", "2026-10-02");
    List<String> first = rates();

    RatesResult again = run("2026-10-01", "2026-10-02");

    List<String> second = rates();
    assertThat(second).hasSize(first.size() + 1).containsAll(first)
        .contains("[2026-10-01 23:59:50,es.shard.indexing.index_total,es1,10.0,20.0,1/s,derived,0,es_cat_shards,2026-10-01]");
    assertThat(again.ratesWritten()).isEqualTo(8);
    run("2026-10-01", "2026-10-02");
    assertThat(rates()).isEqualTo(second);
  }

  @Test
  void writesTheDocumentedSchemaWithMicrosecondTimestamps() throws IOException {
    writeScenario();
    run("2026-10-02", "2026-10-02");

    assertThat(spark.read().parquet(temp.resolve("wh/metric_rates").toString()).schema().simpleString())
        .isEqualTo(Tables.METRIC_RATES.tableSchema().asNullable().simpleString());
    Path file;
    try (Stream<Path> files = Files.list(temp.resolve("wh/metric_rates/dt=2026-10-02"))) {
      file = files.filter(path -> path.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))) {
      PrimitiveType ts = reader.getFooter().getFileMetaData().getSchema().getType("ts").asPrimitiveType();
      assertThat(ts.getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
      assertThat(ts.getLogicalTypeAnnotation().toString()).isEqualTo("TIMESTAMP(MICROS,true)");
    }
    // The session setting is restored (Spark's default).
    assertThat(spark.conf().get("spark.sql.parquet.outputTimestampType")).isEqualTo("INT96");
  }

  @Test
  void aDayThatNoLongerYieldsRatesIsEmptied() throws IOException {
    writeScenario();
    run("2026-10-02", "2026-10-02");
    // The raw day disappears (e.g. removed by retention); its rates must not outlive it.
    org.apache.commons.io.FileUtils.deleteDirectory(temp.resolve("wh/raw_metrics/dt=2026-10-02").toFile());

    RatesResult result = run("2026-10-02", "2026-10-02");

    assertThat(result.ratesWritten()).isZero();
    assertThat(rates()).isEmpty();
  }

  @Test
  void theMaximumIntervalAndRateApply() throws IOException {
    writeScenario();
    RatesOptions options = RatesOptions.range(warehouse(), "2026-10-02", "2026-10-02")
        .withMaxInterval(Duration.ofSeconds(15)).withMaxRate(15.0).withStartedAt(STARTED);

    RatesResult result = Jobs.rates(spark, options);

    // 20 s intervals are gaps now; of the 10 s ones, 20/s is over the cap.
    assertThat(result.gaps()).isEqualTo(4);
    assertThat(result.overCap()).isEqualTo(1);
    assertThat(result.derived()).isEqualTo(2);
  }

  @Test
  void optionsAreValidatedWithOneMessageForm() {
    assertThatThrownBy(() -> RatesOptions.range("wh", "2026-02-30", "2026-03-01"))
        .hasMessage("Cannot derive rates: --from 2026-02-30 is not a date");
    assertThatThrownBy(() -> RatesOptions.range("wh", "2026-10-02", "2026-10-01"))
        .hasMessage("Cannot derive rates: --to 2026-10-01 is before --from 2026-10-02");
    assertThatThrownBy(() -> RatesOptions.range("wh", "2025-01-01", "2026-10-01"))
        .hasMessage("Cannot derive rates: --from 2025-01-01 --to 2026-10-01 spans 639 days, more than 366");
    assertThatThrownBy(() -> RatesOptions.parseInterval("15x"))
        .hasMessage("Cannot derive rates: --max-interval 15x is not a duration like 90s, 15m or 1h");
    assertThatThrownBy(() -> RatesOptions.range("wh", "2026-10-01", "2026-10-01").withMaxInterval(Duration.ofHours(25)))
        .hasMessage("Cannot derive rates: --max-interval 90000s is longer than the one-day lookback (24h)");
    assertThat(RatesOptions.parseInterval("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(RatesOptions.parseInterval("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(RatesOptions.parseInterval("1h")).isEqualTo(Duration.ofHours(1));
  }
}
