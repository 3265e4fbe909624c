package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path a user takes: generate the scenario, ingest it, query it, all through the CLI,
 * checked against the generator's ground truth (_scenario.json).
 */
class ScenarioEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  static Path landing;
  static String warehouse;
  static CliRun ingest;
  static JsonNode summary;
  static JsonNode truth;

  @BeforeAll
  static void generateAndIngest() throws IOException {
    SharedSpark.session();
    landing = temp.resolve("landing");
    warehouse = temp.resolve("warehouse").toString();
    CliRun generate = CliRun.of("generate", "--days", "2", "--hosts", "2", "--seed", "3", "--out", landing.toString());
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    truth = JSON.readTree(landing.resolve("_scenario.json").toFile());
    ingest = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse, "--json");
    summary = JSON.readTree(ingest.out());
  }

  @Test
  void everyPlantedRecordEndsWhereTheGroundTruthSays() {
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    Iterator<Map.Entry<String, JsonNode>> formats = truth.get("totals").fields();
    int checked = 0;
    while (formats.hasNext()) {
      Map.Entry<String, JsonNode> format = formats.next();
      JsonNode counts = summary.get("sources").get(format.getKey());
      long valid = format.getValue().get("valid_records").asLong();
      long malformed = format.getValue().get("malformed_records").asLong();
      assertThat(counts).as("source %s in summary", format.getKey()).isNotNull();
      assertThat(counts.get("events").asLong() + counts.get("metrics").asLong()).as("%s written", format.getKey()).isEqualTo(valid);
      assertThat(counts.get("quarantined").asLong()).as("%s quarantined", format.getKey()).isEqualTo(malformed);
      assertThat(counts.get("read").asLong()).isEqualTo(valid + malformed);
      checked++;
    }
    assertThat(checked).isEqualTo(io.opslake.sampledata.SampleFormat.values().length);
    assertThat(summary.get("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void everyPlanted404IsInRawEventsExactlyOnce() throws IOException {
    Set<String> planted = new HashSet<>();
    for (JsonNode day : truth.get("not_found").get("per_day")) {
      day.get("md5").forEach(md5 -> planted.add(md5.asText()));
    }
    Path out = temp.resolve("404.csv");
    CliRun query = CliRun.of("query", "--warehouse", warehouse, "--format", "csv", "--out", out.toString(), "-e",
        "SELECT md5 FROM raw_events WHERE attributes['backtrace'] LIKE '%parse-query-string%';");

    assertThat(query.exitCode()).as(query.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("md5");
    assertThat(lines.subList(1, lines.size())).hasSize(planted.size()).containsExactlyInAnyOrderElementsOf(planted);
  }

  @Test
  void reingestingTheLandingAddsNothing() throws IOException {
    CliRun again = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse, "--json");

    JsonNode second = JSON.readTree(again.out());
    assertThat(again.exitCode()).isZero();
    assertThat(second.get("files_skipped").asLong()).isEqualTo(truth.get("files").size());
    assertThat(second.get("rows_written").get("raw_events").asLong()).isZero();
    assertThat(second.get("duplicates_skipped").asLong()).isEqualTo(summary.get("records_read").asLong());
    CliRun count = CliRun.of("query", "--warehouse", warehouse, "--format", "json", "-e",
        "select count(*) as n, count(distinct event_id) as ids from raw_events");
    JsonNode counts = JSON.readTree(count.out());
    assertThat(counts.get("n").asLong()).isEqualTo(summary.get("rows_written").get("raw_events").asLong())
        .isEqualTo(counts.get("ids").asLong());
  }

  @Test
  void sqlErrorsExitTwoWithSparksMessageAndNoStackTrace() {
    CliRun bad = CliRun.of("query", "--warehouse", warehouse, "-e", "select no_such_column from raw_events");

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith("opslake query: [UNRESOLVED_COLUMN.WITH_SUGGESTION]").doesNotContain("\tat ");
    CliRun syntax = CliRun.of("query", "--warehouse", warehouse, "-e", "selec 1");
    assertThat(syntax.exitCode()).isEqualTo(2);
    assertThat(syntax.err()).contains("[PARSE_SYNTAX_ERROR]").doesNotContain("\tat ");
  }

  @Test
  void tablesShowsColumnsPartitionsAndCounts() throws IOException {
    CliRun tables = CliRun.of("tables", "--warehouse", warehouse, "--json");

    assertThat(tables.exitCode()).as(tables.err()).isZero();
    JsonNode list = JSON.readTree(tables.out());
    assertThat(list).hasSize(io.opslake.schemas.Tables.ALL.size());
    JsonNode rawEvents = list.get(0);
    assertThat(rawEvents.get("name").asText()).isEqualTo("raw_events");
    assertThat(rawEvents.get("rows").asLong()).isEqualTo(summary.get("rows_written").get("raw_events").asLong());
    assertThat(rawEvents.get("partitions")).extracting(JsonNode::asText).containsExactly("2026-10-01", "2026-10-02");
    assertThat(rawEvents.get("columns").get(0).get("doc").asText()).startsWith("Deterministic id");
  }

  @Test
  void usageErrorsExitTwoAndFailedRunsExitOne() {
    CliRun badRatio = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse, "--max-bad-ratio", "2");
    assertThat(badRatio.exitCode()).isEqualTo(2);
    assertThat(badRatio.err()).isEqualTo("opslake ingest: Cannot ingest: --max-bad-ratio 2.0 is not between 0 and 1\n");

    CliRun unknown = CliRun.of("ingest", "--nope");
    assertThat(unknown.exitCode()).isEqualTo(2);

    CliRun strict = CliRun.of("ingest", "--input", landing.resolve("dt=2026-10-01").toString(),
        "--warehouse", temp.resolve("strict").toString(), "--max-bad-ratio", "0.0001");
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.err()).contains("were quarantined, more than --max-bad-ratio 1.0E-4 allows");
  }
}
