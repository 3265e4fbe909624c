package io.opslake.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opslake.cli.OpslakeCli;
import io.opslake.testing.MiniHdfs;
import io.opslake.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime jar on a real Spark standalone cluster (a master and two workers, each its own JVM
 * on 127.0.0.1) with the warehouse on HDFS (MiniDFSCluster in this JVM): {@code spark-submit}
 * ingest and a query, then the same commands in local mode in-process into a second warehouse;
 * both must hold the same rows and write the same query file, byte for byte.
 *
 * <p>It needs the packaged {@code opslake-runtime.jar}, so it runs in Failsafe's integration-test
 * phase, and a Spark distribution ({@link SparkDistribution}: {@code bin/python-env} installs one).
 * It logs its duration and the peak resident memory of all the processes it started.
 */
class StandaloneClusterIT {
  private static final Duration WORKERS_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(240);

  /** Deterministic output: integer counts and timestamps only, totally ordered. */
  private static final String QUERY =
      "SELECT 'raw_events' AS tbl, CAST(dt AS STRING) AS dt, hostname, source, count(*) AS row_count,"
          + " min(ts) AS first_ts, max(ts) AS last_ts"
          + " FROM raw_events GROUP BY dt, hostname, source"
          + " UNION ALL"
          + " SELECT 'raw_metrics', CAST(dt AS STRING), hostname, source, count(*), min(ts), max(ts)"
          + " FROM raw_metrics GROUP BY dt, hostname, source"
          + " ORDER BY tbl, dt, hostname, source";

  @TempDir Path temp;

  private final SparkSession spark = SharedSpark.session();
  private final MiniHdfs hdfs = MiniHdfs.shared();

  @Test
  void ingestAndQuerySubmittedToAStandaloneClusterMatchALocalModeRun() throws Exception {
    long start = System.nanoTime();
    Path repositoryRoot = repositoryRoot();
    SparkDistribution distribution =
        SparkDistribution.locate(repositoryRoot, System.getProperty("opslake.spark.version", "3.5.9"));
    Path runtimeJar = runtimeJar();
    String base = hdfs.path("/standalone-cluster-it");
    String landing = base + "/landing";
    String clusterWarehouse = base + "/cluster-warehouse";
    String localWarehouse = base + "/local-warehouse";

    try (MemorySampler memory = MemorySampler.start();
        StandaloneCluster cluster =
            StandaloneCluster.launch(
                distribution, Files.createDirectories(temp.resolve("cluster")), 2)) {
      // While the daemons start: the landing folder and the local-mode reference run.
      copyToHdfs(generateLanding(), landing);
      assertThat(cli("ingest", "--input", landing, "--warehouse", localWarehouse)).contains("succeeded");
      cli("query", "--warehouse", localWarehouse, "--format", "csv", "--out", localWarehouse + ".csv", "-e", QUERY);
      progress(start, "local-mode ingest and query done");

      cluster.awaitAliveWorkers(WORKERS_TIMEOUT);
      progress(start, "master reports 2 alive workers");
      StandaloneCluster.Submission ingest =
          cluster.submit("ingest", submitOptions(), runtimeJar,
              List.of("ingest", "--input", landing, "--warehouse", clusterWarehouse), SUBMIT_TIMEOUT);
      progress(start, "spark-submit ingest exited with " + ingest.exitCode() + " after " + ingest.elapsed().toSeconds() + " s");
      assertThat(ingest.exitCode()).as(ingest.stderr()).isZero();
      assertThat(ingest.stdout()).contains("succeeded");
      StandaloneCluster.Submission query =
          cluster.submit("query", submitOptions(), runtimeJar,
              List.of("query", "--warehouse", clusterWarehouse, "--format", "csv",
                  "--out", clusterWarehouse + ".csv", "-e", QUERY), SUBMIT_TIMEOUT);
      progress(start, "spark-submit query exited with " + query.exitCode() + " after " + query.elapsed().toSeconds() + " s");
      assertThat(query.exitCode()).as(query.stderr()).isZero();

      assertBothApplicationsRanOnBothWorkers(cluster);
      assertSameTables(clusterWarehouse, localWarehouse);
      byte[] clusterCsv = readHdfs(clusterWarehouse + ".csv");
      String csv = new String(clusterCsv, StandardCharsets.UTF_8);
      assertThat(csv).startsWith("tbl,dt,hostname,source,row_count,first_ts,last_ts\n");
      assertThat(csv.lines().filter(line -> line.startsWith("raw_events,")).count()).isPositive();
      assertThat(csv.lines().filter(line -> line.startsWith("raw_metrics,")).count()).isPositive();
      assertThat(clusterCsv).isEqualTo(readHdfs(localWarehouse + ".csv"));
      progress(start, "compared; " + memory.summary());
    }
  }

  /**
   * What the test passes to spark-submit besides master and deploy mode: the documented
   * command of docs/deploy.md, sized for two 1-core, 1 GB workers.
   */
  private static List<String> submitOptions() {
    return List.of(
        "--class", OpslakeCli.class.getName(),
        "--driver-memory", "768m",
        "--executor-memory", "512m",
        "--conf", "spark.ui.enabled=false",
        // Two cores in the cluster: a query's shuffles need no more partitions than that.
        "--conf", "spark.sql.shuffle.partitions=2",
        // MiniDFSCluster has one DataNode.
        "--conf", "spark.hadoop.dfs.replication=1");
  }

  private void assertBothApplicationsRanOnBothWorkers(StandaloneCluster cluster) throws IOException {
    JsonNode state = cluster.masterState();
    List<String> finished = new ArrayList<>();
    state.path("completedapps").forEach(app -> finished.add(app.path("name").asText() + " " + app.path("state").asText()));
    assertThat(finished).containsExactlyInAnyOrder("opslake ingest FINISHED", "opslake query FINISHED");
    for (int worker = 1; worker <= 2; worker++) {
      // A worker keeps one directory per application it ran executors for.
      try (Stream<Path> applications = Files.list(cluster.workerDirectory(worker))) {
        assertThat(applications.filter(path -> path.getFileName().toString().startsWith("app-")))
            .as("applications with executors on worker %d", worker)
            .hasSize(2);
      }
    }
  }

  private void assertSameTables(String clusterWarehouse, String localWarehouse) {
    for (String table : List.of("raw_events", "raw_metrics")) {
      Map<String, Long> expected = rowsPerPartition(localWarehouse, table);
      assertThat(expected).as("%s partitions of the local run", table).isNotEmpty();
      assertThat(rowsPerPartition(clusterWarehouse, table)).as(table).isEqualTo(expected);
    }
    // quarantine is partitioned by the run's start date; compare the rows themselves.
    List<String> quarantined = quarantine(localWarehouse);
    assertThat(quarantined).isNotEmpty();
    assertThat(quarantine(clusterWarehouse)).isEqualTo(quarantined);
    List<String> eventIds = sorted(localWarehouse, "raw_events", "event_id");
    assertThat(sorted(clusterWarehouse, "raw_events", "event_id")).hasSize(eventIds.size()).isEqualTo(eventIds);
    assertThat(spark.read().parquet(clusterWarehouse + "/ingest_runs").count()).isEqualTo(1);
  }

  private Map<String, Long> rowsPerPartition(String warehouse, String table) {
    Map<String, Long> rows = new TreeMap<>();
    for (Row row : spark.read().parquet(warehouse + "/" + table).groupBy(functions.col("dt").cast("string")).count().collectAsList()) {
      rows.put(row.getString(0), row.getLong(1));
    }
    return rows;
  }

  private List<String> quarantine(String warehouse) {
    // A timestamp's plausible window ends a day after the run started: the one run-dependent text.
    Column reason = functions.regexp_replace(functions.col("reason"), "\\(ends [^)]*\\)", "(ends <run start + 1 day>)");
    return spark.read().parquet(warehouse + "/quarantine")
        .select(functions.concat_ws("|", functions.col("source_file"), functions.col("line"), functions.col("format"), reason).as("row"))
        .orderBy("row").as(Encoders.STRING()).collectAsList();
  }

  private List<String> sorted(String warehouse, String table, String column) {
    return spark.read().parquet(warehouse + "/" + table).select(column).orderBy(column)
        .as(Encoders.STRING()).collectAsList();
  }

  private Path generateLanding() throws IOException {
    Path landing = temp.resolve("landing");
    cli("generate", "--days", "1", "--hosts", "2", "--seed", "7", "--out", landing.toString());
    // The ground truth stays local: a landing folder on a real cluster holds only inputs.
    Files.delete(landing.resolve("_scenario.json"));
    return landing;
  }

  private void copyToHdfs(Path local, String target) throws IOException {
    FileSystem fs = hdfs.fileSystem();
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()),
        new org.apache.hadoop.fs.Path(target));
  }

  private byte[] readHdfs(String uri) throws IOException {
    try (InputStream in = hdfs.fileSystem().open(new org.apache.hadoop.fs.Path(uri))) {
      return in.readAllBytes();
    }
  }

  /** Runs the CLI in this JVM (local mode, the shared session) and returns its stdout. */
  private static String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exitCode = OpslakeCli.execute(args, outStream, errStream);
    }
    assertThat(exitCode).as("opslake %s: %s", args[0], err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Path repositoryRoot() {
    String configured = System.getProperty("opslake.repository.root");
    // Outside Maven (an IDE), the working directory is the jobs module.
    return Path.of(configured != null ? configured : "..").toAbsolutePath().normalize();
  }

  private static Path runtimeJar() {
    Path jar = Path.of(System.getProperty("opslake.runtime.jar", "target/opslake-runtime.jar"));
    assertThat(jar).as("the runtime jar; run 'mvn -pl jobs -am package -DskipTests'").isRegularFile();
    return jar.toAbsolutePath();
  }

  private static void progress(long startNanos, String step) {
    System.err.printf("StandaloneClusterIT %6.1f s: %s%n", (System.nanoTime() - startNanos) / 1e9, step);
  }
}
