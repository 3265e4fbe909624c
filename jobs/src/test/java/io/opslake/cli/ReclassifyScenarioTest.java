package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reclassify and repetition on the generated scenario (2 days, seed 3), through the CLI, checked
 * against the generator's ground truth: planted 404s, GC period, connection-leak restarts.
 */
class ReclassifyScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALL_ROWS =
      "SELECT event_id, ts, received_at, source, hostname, type, level, message, to_json(tags) t,"
          + " to_json(map_entries(labels)) l, to_json(array_sort(map_entries(attributes))) a, duration_ms, http_status,"
          + " url, md5, source_file, source_line, ingest_run_id, original_type, subtype, rule_id, rules_version,"
          + " fingerprint, template_id, dt FROM events ORDER BY event_id";

  @TempDir static Path temp;
  static String warehouse;
  static JsonNode truth;
  static CliRun reclassify;

  @BeforeAll
  static void generateIngestReclassify() throws IOException {
    SharedSpark.session();
    Path landing = temp.resolve("landing");
    warehouse = temp.resolve("warehouse").toString();
    CliRun generate = CliRun.of("generate", "--days", "2", "--hosts", "2", "--seed", "3", "--out", landing.toString());
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    truth = JSON.readTree(landing.resolve("_scenario.json").toFile());
    CliRun ingest = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse);
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    reclassify = CliRun.of("reclassify", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse, "--json");
  }

  private static List<JsonNode> query(String sql) throws IOException {
    CliRun run = CliRun.of("query", "--warehouse", warehouse, "--format", "json", "-e", sql);
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  private static String dump(String name) throws IOException {
    Path out = temp.resolve(name);
    CliRun run = CliRun.of("query", "--warehouse", warehouse, "--format", "csv", "--out", out.toString(), "-e", ALL_ROWS);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Files.readString(out);
  }

  @Test
  void defaultRulesTurnEveryPlanted404AndNothingElseIntoA404() throws IOException {
    assertThat(reclassify.exitCode()).as(reclassify.err()).isZero();
    Set<String> planted = new HashSet<>();
    truth.get("not_found").get("per_day").forEach(day -> day.get("md5").forEach(md5 -> planted.add(md5.asText())));
    List<JsonNode> notFound = query("SELECT md5, original_type, rule_id FROM events WHERE type = '404'");

    assertThat(planted).hasSize(truth.get("not_found").get("total").asInt()).isNotEmpty();
    assertThat(notFound).extracting(row -> row.get("md5").asText()).containsExactlyInAnyOrderElementsOf(planted);
    assertThat(notFound).allSatisfy(row -> {
      assertThat(row.get("original_type").asText()).isEqualTo("exception");
      assertThat(row.get("rule_id").asText()).isEqualTo("not-found-parse-query-string");
    });
    JsonNode summary = JSON.readTree(reclassify.out());
    JsonNode transition = null;
    for (JsonNode t : summary.get("transitions")) {
      if ("404".equals(t.get("new_type").asText())) {
        transition = t;
      }
    }
    assertThat(transition).isNotNull();
    assertThat(transition.get("old_type").asText()).isEqualTo("exception");
    assertThat(transition.get("count").asLong()).isEqualTo(planted.size());
    assertThat(transition.get("examples")).hasSize(3);
  }

  @Test
  void everyRawEventAppearsOnceWithItsRulesVersion() throws IOException {
    JsonNode counts = query("SELECT (SELECT count(*) FROM raw_events) raw, count(*) n, count(DISTINCT event_id) ids,"
        + " count(DISTINCT rules_version) versions, min(rules_version) version FROM events").get(0);
    JsonNode summary = JSON.readTree(reclassify.out());

    assertThat(counts.get("n").asLong()).isEqualTo(counts.get("raw").asLong()).isEqualTo(counts.get("ids").asLong())
        .isEqualTo(summary.get("written").asLong());
    assertThat(counts.get("versions").asLong()).isEqualTo(1);
    assertThat(counts.get("version").asText()).isEqualTo(summary.get("rules_version").asText()).hasSize(32);
  }

  @Test
  void rerunningWithTheSameRulesGivesIdenticalRowsAndADryRunChangesNothing() throws IOException {
    String before = dump("before.csv");
    CliRun again = CliRun.of("reclassify", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(dump("again.csv")).isEqualTo(before);

    Path rules = temp.resolve("rename.yaml");
    Files.writeString(rules, "rules:\n  - id: rename\n    match: {type: page_load}\n    set_type: view\n");
    Path report = temp.resolve("transitions.csv");
    CliRun dry = CliRun.of("reclassify", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse,
        "--rules", rules.toString(), "--dry-run", "--report", report.toString());

    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("DRY RUN (events unchanged)").containsPattern("page_load +view +\\d+");
    assertThat(Files.readAllLines(report).get(0)).isEqualTo("old_type,new_type,count,share,examples");
    assertThat(Files.readAllLines(report)).anyMatch(line -> line.startsWith("page_load,view,"));
    assertThat(dump("after-dry-run.csv")).isEqualTo(before);
  }

  @Test
  void gcIsPeriodicAndTheConnectionLeakRecursAfterRestarts() throws IOException {
    CliRun repetition = CliRun.of("repetition", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse);
    assertThat(repetition.exitCode()).as(repetition.err()).isZero();

    JsonNode gc = query("SELECT * FROM repetition WHERE type = 'gc'").get(0);
    double period = truth.get("gc").get("period_seconds").asDouble();
    assertThat(gc.get("pattern").asText()).isEqualTo("periodic");
    assertThat(gc.get("period_s").asDouble()).isCloseTo(period, within(period * 0.1));
    assertThat(gc.get("recurs_after_restart").asBoolean()).isFalse();

    List<JsonNode> leak = query("SELECT * FROM repetition WHERE example LIKE '%Too many open files%'"
        + " OR example LIKE '%UnknownHostException%'");
    assertThat(leak).hasSizeGreaterThanOrEqualTo(2);
    assertThat(leak).allSatisfy(row -> {
      assertThat(row.get("recurs_after_restart").asBoolean()).as(row.toString()).isTrue();
      assertThat(row.get("after_restart_median_s").asDouble()).as(row.toString()).isBetween(300.0, 420.0);
    });
    List<JsonNode> recurring = query("SELECT example FROM repetition WHERE recurs_after_restart");
    assertThat(recurring).hasSameSizeAs(leak);
  }

  @Test
  void everyTableIsWrittenWithInt64MicrosecondTimestamps() throws IOException {
    // The derived tables other tests build here, rebuilt so this test does not depend on their order.
    assertThat(CliRun.of("templates", "--warehouse", warehouse).exitCode()).isZero();
    assertThat(CliRun.of("reclassify", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse)
        .exitCode()).isZero();
    assertThat(CliRun.of("repetition", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse)
        .exitCode()).isZero();
    assertThat(CliRun.of("series", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse)
        .exitCode()).isZero();
    assertThat(CliRun.of("findings", "--as-of", "2026-10-02", "--warehouse", warehouse).exitCode()).isZero();
    // Two days are too short for a demand forecast: capacity still writes its rows, with the reasons.
    CliRun capacity = CliRun.of("capacity", "--as-of", "2026-10-02", "--warehouse", warehouse);
    assertThat(capacity.exitCode()).as(capacity.err()).isZero();
    Path alertRules = temp.resolve("alerts-every-table.yaml");
    Files.writeString(alertRules,
        "rules:\n  - {id: gc, kind: event_count, type: gc, per: host, window: 10m, threshold: 0}\n");
    assertThat(CliRun.of("alerts", "backtest", "--rules", alertRules.toString(), "--from", "2026-10-01", "--to",
        "2026-10-02", "--warehouse", warehouse).exitCode()).isZero();

    for (io.opslake.schemas.TableDefinition table : io.opslake.schemas.Tables.ALL) {
      List<Path> files = io.opslake.testing.ParquetFooters.parquetFiles(Path.of(warehouse, table.name()));
      assertThat(files).as(table.name()).isNotEmpty();
      long timestampColumns = table.dataColumns().stream()
          .filter(column -> column.type() == io.opslake.schemas.ColumnType.TIMESTAMP).count();
      for (Path file : files) {
        List<io.opslake.testing.ParquetFooters.TimestampColumn> columns =
            io.opslake.testing.ParquetFooters.timestampColumns(file);
        assertThat(columns).as(file.toString()).hasSize((int) timestampColumns)
            .allSatisfy(column -> assertThat(column.int64Micros()).as(column.toString()).isTrue());
      }
    }
  }

  @Test
  void invalidRulesFailBeforeAnyDataIsTouchedWithFileAndLine() throws IOException {
    Path rules = temp.resolve("rules.yaml");
    Files.writeString(rules, "rules:\n  - id: typo\n    mach: {type: gc}\n    set_type: x\n");
    CliRun bad = CliRun.of("reclassify", "--from", "2026-10-01", "--warehouse", temp.resolve("untouched").toString(),
        "--rules", rules.toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("opslake reclassify: Cannot load rules: rules.yaml:3: unknown field"
        + " 'mach' (expected id, description, match, set_type, set_subtype, add_tags, set_attributes,"
        + " compute_attributes)\n");
    assertThat(temp.resolve("untouched")).doesNotExist();
  }
}
