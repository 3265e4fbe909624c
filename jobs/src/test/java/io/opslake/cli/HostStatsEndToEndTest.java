package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host statistics from generation to SQL: the planted filling disk and descriptor leak are found
 * in raw_metrics with plain queries, and agree with _scenario.json.
 */
class HostStatsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  static String warehouse;
  static JsonNode truth;
  static JsonNode summary;

  @BeforeAll
  static void generateAndIngest() throws IOException {
    SharedSpark.session();
    Path landing = temp.resolve("landing");
    warehouse = temp.resolve("warehouse").toString();
    CliRun generate = CliRun.of("generate", "--days", "2", "--hosts", "2", "--seed", "5", "--formats", "host_stats",
        "--out", landing.toString());
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    truth = JSON.readTree(landing.resolve("_scenario.json").toFile());
    CliRun ingest = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse, "--json");
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    summary = JSON.readTree(ingest.out());
  }

  @Test
  void everyPlantedRecordIsAMetricOrQuarantined() {
    JsonNode counts = summary.get("sources").get("host_stats");
    assertThat(counts.get("metrics").asLong()).isEqualTo(truth.at("/totals/host_stats/valid_records").asLong());
    assertThat(counts.get("quarantined").asLong()).isEqualTo(truth.at("/totals/host_stats/malformed_records").asLong())
        .isPositive();
  }

  @Test
  void theFillingDiskIsTheSteepestLinearFitOfUsedBytes() throws IOException {
    JsonNode found = queryOne("""
        SELECT hostname, labels['mount'] AS mount, regr_slope(value, unix_seconds(ts) / 3600.0) AS bytes_per_hour
        FROM raw_metrics WHERE source = 'host_stats' AND name = 'host.df.used'
        GROUP BY hostname, labels['mount'] ORDER BY bytes_per_hour DESC LIMIT 1""");

    JsonNode planted = truth.at("/host_stats/filling_disk");
    assertThat(found.get("hostname").asText()).isEqualTo(planted.get("host").asText());
    assertThat(found.get("mount").asText()).isEqualTo(planted.get("mount").asText());
    double rate = planted.get("rate_bytes_per_hour").asDouble();
    assertThat(found.get("bytes_per_hour").asDouble()).isCloseTo(rate, within(rate * 0.10));
  }

  @Test
  void theLeakIsThousandsOfUdpDescriptorsOnTheApiPidsAndGrowsAgainAfterEachRestart() throws IOException {
    Path out = temp.resolve("udp.csv");
    CliRun query = CliRun.of("query", "--warehouse", warehouse, "--format", "csv", "--out", out.toString(), "-e", """
        SELECT hostname, labels['pid'] AS pid, labels['command'] AS command,
               CAST(min(value) AS BIGINT) AS first_udp, CAST(max(value) AS BIGINT) AS max_udp
        FROM raw_metrics
        WHERE source = 'host_stats' AND name = 'host.lsof.descriptors' AND labels['protocol'] = 'UDP'
        GROUP BY hostname, labels['pid'], labels['command']""");
    assertThat(query.exitCode()).as(query.err()).isZero();
    Map<String, long[]> byProcess = new HashMap<>();
    long otherMax = 0;
    List<String> lines = Files.readAllLines(out);
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",");
      if (fields[2].equals("java")) {
        byProcess.put(fields[0] + "/" + fields[1], new long[] {Long.parseLong(fields[3]), Long.parseLong(fields[4])});
      } else {
        otherMax = Math.max(otherMax, Long.parseLong(fields[4]));
      }
    }

    assertThat(otherMax).isEqualTo(truth.at("/host_stats/descriptor_leak/other_processes_max_udp_descriptors").asLong());
    long leakMax = 0;
    int captured = 0;
    for (JsonNode process : truth.at("/host_stats/descriptor_leak/processes")) {
      long last = process.get("last_captured_udp_descriptors").asLong();
      long[] found = byProcess.get(process.get("host").asText() + "/" + process.get("pid").asText());
      if (last < 0) {
        assertThat(found).as("process %s was never captured", process).isNull();
        continue;
      }
      captured++;
      assertThat(found).as("process %s", process).isNotNull();
      // The first capture of a process is at most an hour after its start: hundreds, not thousands.
      assertThat(found[0]).as("first capture of %s", process).isLessThanOrEqualTo(2 + 10 * 60);
      assertThat(found[1]).as("last capture of %s", process).isEqualTo(last);
      leakMax = Math.max(leakMax, found[1]);
    }
    assertThat(byProcess).hasSize(captured);
    assertThat(captured).isGreaterThanOrEqualTo(2 * 2 * 24 / 5);
    assertThat(leakMax).isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void snapshotsWithoutATimeAreQuarantinedWithAReasonNamingBothWays() throws IOException {
    JsonNode found = queryOne("""
        SELECT count(*) AS n, min(reason) AS reason FROM quarantine
        WHERE format = 'host_stats' AND reason LIKE 'snapshot has no time%'""");

    long planted = 0;
    for (JsonNode file : truth.get("files")) {
      planted += file.at("/malformed_by_kind/missing_timestamp").asLong(0);
    }
    assertThat(found.get("n").asLong()).isEqualTo(planted).isPositive();
    assertThat(found.get("reason").asText()).contains("'# host=<host> time=<ISO-8601> tool=<tool>'")
        .contains("--capture-time").contains("<host>.<tool>.20251115T100000Z.txt");
  }

  private static JsonNode queryOne(String sql) throws IOException {
    CliRun query = CliRun.of("query", "--warehouse", warehouse, "--format", "json", "-e", sql);
    assertThat(query.exitCode()).as(query.err()).isZero();
    return JSON.readTree(query.out());
  }
}
