package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opslake workflow validate|plan|run} through the CLI, on the shipped descriptors and the committed sample. */
class WorkflowCommandTest {
  static final String SHIPPED = "../workflows/jobs";
  static final String SAMPLE = Path.of("../sample-data/sample").toAbsolutePath().normalize().toString();

  @TempDir Path temp;

  @Test
  void validateAcceptsTheShippedDescriptors() {
    CliRun run = CliRun.of("workflow", "validate", "--dir", SHIPPED);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("nightly    @nightly               ingest\n", "ok: 8 jobs in 2 dags");
  }

  @Test
  void validateListsEveryProblemWithFileAndLine() throws Exception {
    Path jobs = Files.createDirectories(temp.resolve("jobs"));
    Files.writeString(jobs.resolve("ingest.yaml"), "id: ingest\ndag: nightly\ncommand: ingest\nschedule: \"@nightly\"\n"
        + "owner: me\nretires: 3\ndepends_on: [fetch]\n");
    CliRun run = CliRun.of("workflow", "validate", "--dir", jobs.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(jobs + "/ingest.yaml:6: unknown key 'retires'\n"
        + "opslake workflow validate: 1 problem(s)\n");
  }

  @Test
  void planPrintsTheStructureTheAirflowFactoryBuilds() throws Exception {
    CliRun run = CliRun.of("workflow", "plan", "events", "--json", "--dir", SHIPPED);
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode plan = new ObjectMapper().readTree(run.out());
    assertThat(plan.get("dag_id").asText()).isEqualTo("events");
    assertThat(plan.get("triggered_by").toString()).isEqualTo("[\"raw_events\"]");
    assertThat(plan.get("airflow_schedule").isNull()).isTrue();
    assertThat(plan.get("tasks").findValuesAsText("task_id")).containsExactly("templates", "reclassify", "repetition",
        "series", "capacity", "findings", "report");
    assertThat(plan.get("edges").toString()).isEqualTo(
        "[[\"capacity\",\"report\"],[\"findings\",\"report\"],"
        + "[\"reclassify\",\"repetition\"],[\"reclassify\",\"series\"],[\"series\",\"capacity\"],"
        + "[\"series\",\"findings\"],"
        + "[\"templates\",\"reclassify\"]]");
  }

  @Test
  void runIngestsTheDayFromTheConfiguredLandingThenResumes() throws Exception {
    SharedSpark.session();
    Path warehouse = temp.resolve("warehouse");
    Path config = temp.resolve("opslake.yaml");
    Files.writeString(config, "landing: " + SAMPLE + "\nwarehouse: warehouse\n");

    CliRun first = CliRun.of("workflow", "run", "nightly", "--date", "2026-10-01", "--config", config.toString(),
        "--dir", SHIPPED);

    assertThat(first.exitCode()).as(first.err()).isZero();
    // The day's ground truth: every valid record of 2026-10-01 written, every malformed one quarantined.
    long valid = 0;
    long malformed = 0;
    for (com.fasterxml.jackson.databind.JsonNode file
        : new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of(SAMPLE, "_scenario.json").toFile()).get("files")) {
      if (file.get("date").asText().equals("2026-10-01")) {
        valid += file.get("valid_records").asLong();
        malformed += file.get("malformed_records").asLong();
      }
    }
    java.util.regex.Matcher rows = java.util.regex.Pattern
        .compile(" raw_events=(\\d+) raw_metrics=(\\d+) quarantine=(\\d+) ingest_runs=1").matcher(first.out());
    assertThat(rows.find()).as(first.out()).isTrue();
    assertThat(Long.parseLong(rows.group(1)) + Long.parseLong(rows.group(2))).isEqualTo(valid);
    assertThat(Long.parseLong(rows.group(3))).isEqualTo(malformed);
    assertThat(first.out()).contains("workflow nightly: 1 succeeded, 0 already done, 0 failed, 0 not run (upstream failed) in ");
    assertThat(first.out()).containsPattern("\n  2026-10-01  ingest            succeeded               1 +[0-9.]+\n");
    assertThat(warehouse.resolve("_opslake/workflow/nightly/2026-10-01/ingest.json")).exists();
    assertThat(first.err()).contains("workflow nightly 2026-10-01 ingest: attempt 1: opslake ingest --input "
        + SAMPLE + "/dt=2026-10-01 --warehouse " + warehouse);

    CliRun again = CliRun.of("workflow", "run", "nightly", "--date", "2026-10-01", "--config", config.toString(),
        "--dir", SHIPPED);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("2026-10-01  ingest            already done            0       0.0  completed by an earlier run");
  }

  @Test
  void aDayWithoutLandingFilesFailsWithoutRetriesAndExitsOne() {
    SharedSpark.session();
    CliRun run = CliRun.of("workflow", "run", "nightly", "--date", "2026-10-09", "--landing", SAMPLE,
        "--warehouse", temp.resolve("warehouse").toString(), "--dir", SHIPPED);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("2026-10-09  ingest            failed                  1       ");
    assertThat(run.out()).contains("usage: Cannot ingest: --input " + SAMPLE + "/dt=2026-10-09 does not exist");
  }

  @Test
  void runNeedsALandingAndOneWayOfGivingDates() {
    CliRun both = CliRun.of("workflow", "run", "nightly", "--date", "2026-10-01", "--from", "2026-10-01",
        "--to", "2026-10-02", "--dir", SHIPPED);
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("Cannot run workflow: give --date or --from/--to, not both");
    CliRun badDate = CliRun.of("workflow", "run", "nightly", "--date", "2026-13-01", "--landing", SAMPLE);
    assertThat(badDate.err()).contains("Cannot run workflow: --date 2026-13-01 is not a date (YYYY-MM-DD)");
  }

  @Test
  void configFilesRejectUnknownKeysWithTheirLine() throws Exception {
    Path config = temp.resolve("opslake.yaml");
    Files.writeString(config, "warehouse: /w\nlandnig: /l\n");
    CliRun run = CliRun.of("workflow", "run", "nightly", "--date", "2026-10-01", "--config", config.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Cannot read config: " + config + ":2: unknown key 'landnig' (known: warehouse, landing, metric_types, request_counters)");
  }

  @Test
  void theConfigResolvesRelativePathsAgainstItsFolderAndTheEnvironmentWins() throws Exception {
    Path config = temp.resolve("opslake.yaml");
    Files.writeString(config, "warehouse: wh\nlanding: s3a://bucket/landing\n");
    OpslakeConfig loaded = OpslakeConfig.locate(null, java.util.Map.of("OPSLAKE_CONFIG", config.toString()), temp);
    assertThat(loaded.defaultWarehouse(java.util.Map.of())).isEqualTo(temp.resolve("wh").toString());
    assertThat(loaded.defaultLanding(java.util.Map.of())).contains("s3a://bucket/landing");
    assertThat(loaded.defaultWarehouse(java.util.Map.of("OPSLAKE_WAREHOUSE", "hdfs:///w"))).isEqualTo("hdfs:///w");
    assertThat(OpslakeConfig.locate(null, java.util.Map.of(), temp.resolve("nowhere")).file()).isEmpty();
    assertThat(OpslakeConfig.none().defaultWarehouse(java.util.Map.of())).isEqualTo("./warehouse");
  }
}
