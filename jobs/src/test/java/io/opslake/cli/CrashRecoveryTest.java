package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.testing.DataFrameAssertions;
import io.opslake.testing.SharedSpark;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random points of a real ingest process leaves no partial run visible to a
 * plain Parquet reader (outside the documented rename window), and running ingest again yields
 * exactly the rows of an uninterrupted run.
 */
class CrashRecoveryTest {
  @TempDir Path temp;
  private final SparkSession spark = SharedSpark.session();

  @Test
  void killedRunsAreInvisibleOrCompletedAndARerunMatchesACleanRun() throws Exception {
    Path landing = temp.resolve("landing");
    assertThat(CliRun.of("generate", "--days", "1", "--hosts", "3", "--seed", "11", "--compress", "none",
        "--out", landing.toString()).exitCode()).isZero();
    String reference = temp.resolve("reference").toString();
    assertThat(CliRun.of("ingest", "-i", landing.toString(), "--warehouse", reference).exitCode()).isZero();
    long expectedEvents = plainCount(reference, "raw_events");
    long expectedMetrics = plainCount(reference, "raw_metrics");
    assertThat(expectedEvents).isPositive();

    String crashed = temp.resolve("crashed").toString();
    Random random = new Random(42);
    int killedMidRun = 0;
    for (int attempt = 0; attempt < 4; attempt++) {
      Process child = childIngest(landing, crashed);
      boolean finished = child.waitFor(1500 + random.nextInt(5000), TimeUnit.MILLISECONDS);
      if (!finished) {
        child.destroyForcibly().waitFor();
        killedMidRun++;
      }
      // A plain reader sees nothing or whole runs, unless a commit was caught mid-publish.
      long visible = plainCount(crashed, "raw_events");
      if (!hasUnappliedCommit(crashed)) {
        assertThat(visible).as("after kill %d", attempt).isIn(0L, expectedEvents);
      }
    }
    assertThat(killedMidRun).isPositive();

    CliRun rerun = CliRun.of("ingest", "-i", landing.toString(), "--warehouse", crashed);

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(plainCount(crashed, "raw_events")).isEqualTo(expectedEvents);
    assertThat(plainCount(crashed, "raw_metrics")).isEqualTo(expectedMetrics);
    assertThat(eventIds(crashed)).isEqualTo(eventIds(reference));
    // Whole rows, every column but the run id: the recovered warehouse is the clean run's. (A
    // quarantine reason may quote the plausible-time window, which ends a day after its run.)
    for (String table : List.of("raw_events", "raw_metrics", "quarantine")) {
      DataFrameAssertions.assertSameRowsAnyOrder(runIndependent(reference, table), runIndependent(crashed, table));
    }
    // What is left in staging belongs to killed runs that never committed (removed after an hour).
    Path staging = Path.of(crashed, "_opslake", "staging");
    if (Files.isDirectory(staging)) {
      try (Stream<Path> left = Files.list(staging)) {
        left.forEach(run -> assertThat(Path.of(crashed, "_opslake", "commits", run.getFileName() + ".json"))
            .as("staging of committed run %s is cleaned up", run.getFileName()).doesNotExist());
      }
    }
  }

  private Process childIngest(Path landing, String warehouse) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-opens") || argument.startsWith("-XX:+Ignore") || argument.startsWith("-Djdk.reflect")) {
        command.add(argument);
      }
    }
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(OpslakeCli.class.getName());
    command.addAll(List.of("ingest", "-i", landing.toString(), "--warehouse", warehouse));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(new File(temp.toFile(), "child.log"));
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> runIndependent(String warehouse, String table) {
    var rows = spark.read().parquet(Path.of(warehouse, table).toString()).drop("ingest_run_id");
    if (table.equals("quarantine")) {
      rows = rows.withColumn("reason", org.apache.spark.sql.functions.regexp_replace(
          rows.col("reason"), "\\(ends [^)]*\\)", "(ends <run start + 1 day>)"));
    }
    return rows;
  }

  /** Counts rows the way any Parquet reader would, without opslake's recovery. */
  private long plainCount(String warehouse, String table) {
    Path path = Path.of(warehouse, table);
    if (!Files.isDirectory(path)) {
      return 0;
    }
    return spark.read().parquet(path.toString()).count();
  }

  private List<String> eventIds(String warehouse) {
    return spark.read().parquet(Path.of(warehouse, "raw_events").toString())
        .select("event_id").orderBy("event_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  private static boolean hasUnappliedCommit(String warehouse) throws IOException {
    Path commits = Path.of(warehouse, "_opslake", "commits");
    if (!Files.isDirectory(commits)) {
      return false;
    }
    try (Stream<Path> files = Files.list(commits)) {
      List<String> names = files.map(path -> path.getFileName().toString()).toList();
      return names.stream().filter(name -> name.endsWith(".json") && !name.startsWith("."))
          .anyMatch(name -> !names.contains(name.replace(".json", ".applied")));
    }
  }
}
