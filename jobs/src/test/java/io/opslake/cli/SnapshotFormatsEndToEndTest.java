package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot formats through the CLI: generate one day of them, ingest it, and find the planted
 * facts of _scenario.json with SQL over consecutive snapshots, as docs/metrics.md shows.
 */
class SnapshotFormatsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FORMATS = List.of("writer_metrics", "es_shards", "expvar", "kafka_lag");

  @TempDir static Path temp;
  static String warehouse;
  static JsonNode summary;
  static JsonNode truth;
  static CliRun ingest;

  @BeforeAll
  static void generateAndIngest() throws IOException {
    SharedSpark.session();
    Path landing = temp.resolve("landing");
    warehouse = temp.resolve("warehouse").toString();
    CliRun generate = CliRun.of("generate", "--days", "1", "--hosts", "2", "--seed", "5", "--out", landing.toString(),
        "--formats", String.join(",", FORMATS));
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    truth = JSON.readTree(landing.resolve("_scenario.json").toFile());
    ingest = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse, "--json");
    summary = JSON.readTree(ingest.out());
  }

  @Test
  void everyPlantedMalformedRecordIsQuarantinedAndEveryValidOneWritten() {
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    for (String format : FORMATS) {
      JsonNode planted = truth.get("totals").get(format);
      JsonNode counts = summary.get("sources").get(format);
      assertThat(counts).as(format).isNotNull();
      assertThat(counts.get("metrics").asLong()).as("%s written", format).isEqualTo(planted.get("valid_records").asLong());
      assertThat(counts.get("quarantined").asLong()).as("%s quarantined", format).isEqualTo(planted.get("malformed_records").asLong());
      assertThat(planted.get("malformed_records").asLong()).as("%s plants malformed records", format).isPositive();
    }
  }

  @Test
  void theHotShardIndexesFiveTimesAsFastAsItsPeers() throws IOException {
    JsonNode facts = truth.at("/snapshots/es_shards");
    List<String> rows = query("""
        WITH s AS (
          SELECT labels['shard'] AS shard, ts, value AS index_total FROM raw_metrics
          WHERE name = 'es.shard.indexing.index_total' AND labels['index'] = 'events' AND labels['prirep'] = 'p'),
        r AS (
          SELECT shard, (index_total - lag(index_total) OVER w) / (unix_timestamp(ts) - unix_timestamp(lag(ts) OVER w)) AS ips
          FROM s WINDOW w AS (PARTITION BY shard ORDER BY ts))
        SELECT shard, avg(ips) AS ips FROM r WHERE ips IS NOT NULL GROUP BY shard ORDER BY ips DESC""");

    assertThat(rows).hasSize(facts.get("shards").asInt() + 1);
    String[] hot = rows.get(1).split(",");
    assertThat(hot[0]).isEqualTo(facts.get("hot_shard").asText());
    double peers = rows.subList(2, rows.size()).stream().mapToDouble(row -> Double.parseDouble(row.split(",")[1])).average().orElseThrow();
    assertThat(peers).isCloseTo(facts.get("base_ips_per_primary").asDouble(), within(1.0));
    assertThat(Double.parseDouble(hot[1]) / peers).isCloseTo(facts.get("hot_factor").asDouble(), within(0.1));
  }

  @Test
  void theGrowingPartitionIsTheOneWhoseLagGrows() throws IOException {
    JsonNode facts = truth.at("/snapshots/kafka_lag");
    List<String> rows = query("""
        SELECT labels['partition'] AS partition, regr_slope(value, unix_timestamp(ts)) * 3600 AS growth_per_hour
        FROM raw_metrics WHERE name = 'kafka.partition.lag' AND labels['topic'] = 'events'
        GROUP BY labels['partition'] ORDER BY growth_per_hour DESC""");

    assertThat(rows).hasSize(facts.get("partitions").asInt() + 1);
    String[] growing = rows.get(1).split(",");
    assertThat(growing[0]).isEqualTo(facts.get("growing_partition").asText());
    assertThat(Double.parseDouble(growing[1])).isCloseTo(facts.get("growth_per_hour").asDouble(), within(10.0));
    for (String row : rows.subList(2, rows.size())) {
      assertThat(Math.abs(Double.parseDouble(row.split(",")[1]))).as(row).isLessThan(50);
    }
  }

  @Test
  void perProcessTotalsAreTheSumOverThreads() throws IOException {
    JsonNode facts = truth.at("/snapshots/writer_metrics");
    List<String> rows = query("""
        SELECT labels['pid'] AS pid, count(DISTINCT labels['instance']) AS threads,
               round(sum(value) / count(DISTINCT ts), 1) AS rate_per_process
        FROM raw_metrics WHERE name = 'writer.EventReceived.rate' AND labels['window'] = 'lifetime'
        GROUP BY labels['pid']""");

    // Threads receive 80 and 100 events per second.
    assertThat(rows).containsExactly("pid,threads,rate_per_process",
        facts.get("pid").asText() + "," + facts.get("threads").size() + ",180.0");
  }

  private static List<String> query(String sql) throws IOException {
    Path out = temp.resolve("query-" + Integer.toHexString(sql.hashCode()) + ".csv");
    CliRun query = CliRun.of("query", "--warehouse", warehouse, "--format", "csv", "--out", out.toString(), "-e", sql);
    assertThat(query.exitCode()).as(query.err()).isZero();
    return Files.readAllLines(out);
  }
}
