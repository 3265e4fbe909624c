package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each error category end to end through {@code bin/opslake} as a user runs it (a new JVM on the
 * packaged runtime jar): the exit code scripts rely on and the one-line message on stderr. Runs
 * after {@code package} (Failsafe), like the cluster test.
 */
class ErrorCategoriesIT {
  @TempDir Path temp;

  private BinOpslake.Run opslake(Map<String, String> environment, String... args) throws Exception {
    return BinOpslake.run(temp, environment, args);
  }

  @Test
  void aUsageErrorExitsTwoBeforeSparkStarts() throws Exception {
    BinOpslake.Run run = opslake(Map.of(), "reclassify", "--from", "2026-02-30", "--warehouse", temp.resolve("w").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("opslake reclassify: Cannot reclassify events: --from 2026-02-30 is not a date\n");
  }

  @Test
  void aQueryNamingNoTableIsAUsageError() throws Exception {
    BinOpslake.Run run = opslake(Map.of(), "query", "--warehouse", temp.resolve("w").toString(), "-e", "SELECT * FROM no_such_table");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("opslake query: [TABLE_OR_VIEW_NOT_FOUND] The table or view `no_such_table` cannot be found.")
        .doesNotContain("\tat ");
  }

  @Test
  void unreachableStorageIsExternalAndExitsOne() throws Exception {
    // A port nothing listens on; one connection attempt, so the refusal comes at once.
    BinOpslake.Run run = opslake(Map.of("OPSLAKE_JAVA_OPTS", "-Dspark.hadoop.ipc.client.connect.max.retries=0"),
        "tables", "--warehouse", "hdfs://127.0.0.1:1/warehouse");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).containsPattern("opslake tables: .*Connection refused").doesNotContain("\tat ");
  }

  @Test
  void aRunOverItsBadRecordBudgetIsADataFailure() throws Exception {
    Path input = temp.resolve("web-1.statsd.log");
    Files.writeString(input, "1790812801.123 page.load:547|ms\n1790812802 not a statsd line\n");
    BinOpslake.Run run = opslake(Map.of(), "ingest", "--input", input.toString(), "--format", "statsd",
        "--max-bad-ratio", "0", "--warehouse", temp.resolve("w").toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("ingest run ").contains(" failed in ");
    assertThat(run.err()).contains("opslake ingest: 1 of 2 records (50.00%) were quarantined, more than --max-bad-ratio")
        .doesNotContain("\tat ");
  }

  @Test
  void aCorruptCommitRecordIsADataFailure() throws Exception {
    Path commits = Files.createDirectories(temp.resolve("w/_opslake/commits"));
    Files.writeString(commits.resolve("20261001T000000Z-abcdef.json"), "{ not json");
    BinOpslake.Run run = opslake(Map.of(), "tables", "--warehouse", temp.resolve("w").toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("opslake tables: Cannot open warehouse ", "is not a readable commit record")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnclassifiedFailureIsInternalExitsOneAndShowsItsStackTrace() throws Exception {
    // Spark refuses a master URL it cannot parse: a failure opslake has no category for.
    BinOpslake.Run run = opslake(Map.of("OPSLAKE_JAVA_OPTS", "-Dspark.master=nowhere://cluster"),
        "query", "--warehouse", temp.resolve("w").toString(), "-e", "SELECT 1");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("opslake query: Could not parse Master URL: 'nowhere://cluster'").contains("\tat ");
  }
}
