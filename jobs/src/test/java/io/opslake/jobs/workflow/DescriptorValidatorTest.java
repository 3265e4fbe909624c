package io.opslake.jobs.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorValidatorTest {
  static final String INGEST = """
      id: ingest
      dag: nightly
      command: ingest
      args: ["--input", "{{ landing }}/dt={{ ds }}", "--warehouse", "{{ warehouse }}"]
      schedule: "@nightly"
      retries: 2
      retry_delay: 0s
      timeout: 1h30m
      owner: data-platform
      writes: [raw_events, raw_metrics]
      """;

  @TempDir Path dir;

  private List<String> problems(String... files) throws IOException {
    for (int i = 0; i < files.length; i += 2) {
      Files.writeString(dir.resolve(files[i]), files[i + 1]);
    }
    return DescriptorValidator.loadAndValidate(dir, "jobs").problems().stream().map(Object::toString).toList();
  }

  private static String job(String id, String dag, String schedule, String dependsOn) {
    return "id: " + id + "\ndag: " + dag + "\ncommand: " + id + "\nschedule: " + schedule
        + "\ndepends_on: " + dependsOn + "\nowner: me\nreads: [raw_events]\n";
  }

  @Test
  void theShippedDescriptorsAreValid() {
    Workflows shipped = DescriptorValidator.loadAndValidate(Path.of("../workflows/jobs"), "workflows/jobs");
    assertThat(shipped.problems()).isEmpty();
    assertThat(shipped.dags()).containsExactly("events", "nightly");
    assertThat(shipped.jobsOf("nightly")).extracting(JobDescriptor::id).containsExactly("ingest");
    assertThat(shipped.jobsOf("events")).extracting(JobDescriptor::id)
        .containsExactlyInAnyOrder("templates", "reclassify", "repetition", "series", "findings", "capacity",
            "report");
  }

  @Test
  void readsEveryKeyWithDefaults() throws IOException {
    assertThat(problems("ingest.yaml", INGEST)).isEmpty();
    JobDescriptor ingest = DescriptorValidator.loadAndValidate(dir, "jobs").job("ingest").orElseThrow();
    assertThat(ingest.retries()).isEqualTo(2);
    assertThat(ingest.retryDelay()).isEqualTo(Duration.ZERO);
    assertThat(ingest.timeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(ingest.schedule()).isEqualTo(Schedule.nightly());
    assertThat(ingest.dependsOn()).isEmpty();
    assertThat(ingest.spark()).isEqualTo(SparkResources.none());
    assertThat(ingest.lineOf("/args/2")).isEqualTo(4);
    assertThat(ingest.lineOf("/timeout")).isEqualTo(8);
  }

  @Test
  void unknownKeysAreReportedAtTheirLine() throws IOException {
    String misspelt = INGEST.replace("retries: 2", "retires: 2").replace("timeout: 1h30m", "timeout: 1h30m\nspark:\n  cores: 2");
    assertThat(problems("ingest.yaml", misspelt)).containsExactly(
        "jobs/ingest.yaml:6: unknown key 'retires'",
        "jobs/ingest.yaml:10: unknown key 'cores' under 'spark'");
  }

  @Test
  void wrongTypesMissingKeysAndBadDurations() throws IOException {
    String bad = INGEST.replace("retries: 2", "retries: many").replace("retry_delay: 0s", "retry_delay: 5 minutes")
        .replace("owner: data-platform\n", "");
    assertThat(problems("ingest.yaml", bad)).containsExactly(
        "jobs/ingest.yaml:1: missing key 'owner'",
        "jobs/ingest.yaml:6: retries: string found, integer expected",
        "jobs/ingest.yaml:7: bad retry_delay '5 minutes': use a duration such as 30s, 5m, 2h or 1h30m");
  }

  @Test
  void badSchedules() throws IOException {
    assertThat(problems(
        "a.yaml", job("a", "x", "\"@weekly\"", "[]"),
        "b.yaml", job("b", "y", "\"0 25 * * *\"", "[]"),
        "c.yaml", job("c", "z", "\"0 3 * *\"", "[]"),
        "d.yaml", job("d", "w", "{on_update: raw_events, when: now}", "[]"),
        "e.yaml", job("e", "v", "\"*/15 1-5 * JAN-MAR MON\"", "[]"))).containsExactly(
        "jobs/a.yaml:4: bad schedule '@weekly': use @nightly, @hourly, a five-field cron expression or on_update: <table>",
        "jobs/b.yaml:4: bad schedule '0 25 * * *': hour 25 is outside 0-23",
        "jobs/c.yaml:4: bad schedule '0 3 * *': a cron expression has 5 fields (minute hour day month weekday), found 4",
        "jobs/d.yaml:4: bad schedule: use @nightly, @hourly, a five-field cron expression or on_update: <table>",
        "jobs/d.yaml:4: unknown key 'when' under 'schedule'");
  }

  @Test
  void missingUpstreamsCyclesAndCrossDagDependencies() throws IOException {
    assertThat(problems(
        "ingest.yaml", INGEST,
        "a.yaml", job("a", "d", "{on_update: raw_events}", "[c]"),
        "b.yaml", job("b", "d", "{on_update: raw_events}", "[a]"),
        "c.yaml", job("c", "d", "{on_update: raw_events}", "[b, nothere]"),
        "e.yaml", job("e", "other", "{on_update: patterns}", "[ingest]"))).containsExactly(
        "jobs/a.yaml:5: dependency cycle: a -> c -> b -> a",
        "jobs/c.yaml:5: missing upstream 'nothere': no job has that id",
        "jobs/e.yaml:4: missing upstream for on_update: no job writes table 'patterns'",
        "jobs/e.yaml:5: upstream 'ingest' is in dag 'nightly', not 'other': follow another dag with schedule"
            + " on_update: <table>");
  }

  @Test
  void oneSchedulePerDagAndKnownTemplatesAndIdsMatchingFileNames() throws IOException {
    assertThat(problems(
        "ingest.yaml", INGEST.replace("{{ ds }}", "{{ date }}"),
        "hourly.yaml", job("hourly", "nightly", "\"@hourly\"", "[]"),
        "wrong.yaml", job("right", "x", "\"@nightly\"", "[]"))).containsExactly(
        "jobs/ingest.yaml:4: unknown template variable '{{ date }}': use ds, landing, warehouse",
        "jobs/ingest.yaml:5: schedule '@nightly' differs from '@hourly' of job 'hourly' in the same dag 'nightly'",
        "jobs/wrong.yaml:1: id 'right' must match the file name (wrong)");
  }

  @Test
  void triggerCyclesBetweenDags() throws IOException {
    assertThat(problems(
        "a.yaml", job("a", "first", "{on_update: t2}", "[]") + "writes: [t1]\n",
        "b.yaml", job("b", "second", "{on_update: t1}", "[]") + "writes: [t2]\n")).containsExactly(
        "jobs/b.yaml:4: trigger cycle between dags: first -> second -> first");
  }

  @Test
  void brokenYamlIsAProblemNotAnException() throws IOException {
    assertThat(problems("ingest.yaml", INGEST, "x.yaml", "id: x\nargs: [unclosed\n", "y.yaml", "- a list\n",
        "z.yaml", "id: z\nid: z\n")).satisfiesExactly(
        broken -> assertThat(broken).isEqualTo("jobs/x.yaml:2: not valid YAML: while parsing a flow sequence:"
            + " expected ',' or ']', but got <stream end>"),
        list -> assertThat(list).isEqualTo("jobs/y.yaml:1: a job descriptor is a YAML mapping of keys to values"),
        duplicate -> assertThat(duplicate).isEqualTo("jobs/z.yaml:2: not valid YAML: Duplicate field 'id'"));
  }
}
