package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.serve.ServeOptions;
import io.opslake.jobs.serve.SqlEndpoint;
import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/opslake serve}: the warm endpoint started on the test's SparkSession (Spark 3.5.9
 * with the 3.5.4 Thrift server artifact, so this also proves the two link) over a generated
 * warehouse (app events, 2 days, 2 hosts, seed 3), queried through Hive's JDBC driver as beeline
 * or DBeaver would, and checked against the generator's ground truth.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  static String warehouse;
  static JsonNode truth;
  static SqlEndpoint endpoint;
  static Connection connection;

  @BeforeAll
  static void generateIngestServe() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path landing = temp.resolve("landing");
    warehouse = temp.resolve("warehouse").toString();
    CliRun generate = CliRun.of("generate", "--days", "2", "--hosts", "2", "--seed", "3", "--formats", "app_events",
        "--compress", "none", "--out", landing.toString());
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    truth = JSON.readTree(landing.resolve("_scenario.json").toFile());
    CliRun ingest = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse);
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    endpoint = Jobs.serve(spark, new ServeOptions(warehouse, "127.0.0.1", freePort()));
    connection = DriverManager.getConnection(endpoint.result().jdbcUrl(), "analyst", "");
  }

  @AfterAll
  static void stop() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    if (endpoint != null) {
      endpoint.close();
      // Spark's session manager turned the Java 8 date-time API on at the first connection; closing
      // the endpoint gives the shared session back with DATE values as java.sql.Date, which the
      // jobs that later tests in this JVM run expect.
      assertThat(SharedSpark.session().sql("SELECT DATE'2026-10-01'").first().get(0))
          .isInstanceOf(java.sql.Date.class);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int column = 1; column <= columns; column++) {
          row.add(result.getString(column));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static long count(String sql) throws SQLException {
    return Long.parseLong(rows(sql).get(0).get(0));
  }

  @Test
  void everyTableIsListedByTheDriversMetadataAndByShowTables() throws SQLException {
    List<String> expected = Tables.ALL.stream().map(TableDefinition::name).toList();
    List<String> listed = new ArrayList<>();
    try (ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
      while (tables.next()) {
        listed.add(tables.getString("TABLE_NAME"));
      }
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rows("SHOW TABLES")).extracting(row -> row.get(1)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(endpoint.result().tablesRegistered()).containsExactlyElementsOf(expected);
    assertThat(endpoint.result().tablesWithData()).containsExactlyInAnyOrder("raw_events", "quarantine", "ingest_runs");
  }

  @Test
  void countsThroughJdbcAreTheCountsReadDirectlyAndThePlantedPageLoads() throws Exception {
    long direct = io.opslake.storage.Warehouse.open(warehouse, SharedSpark.session().sparkContext().hadoopConfiguration())
        .read(SharedSpark.session(), Tables.RAW_EVENTS).count();
    assertThat(count("SELECT count(*) FROM raw_events")).isEqualTo(direct).isPositive();

    Map<String, Long> counted = new HashMap<>();
    for (List<String> row : rows("SELECT date_format(date_trunc('hour', ts), \"yyyy-MM-dd'T'HH:mm:ss'Z'\"),"
        + " count(*) FROM raw_events WHERE type = 'page_load' AND hostname LIKE 'dc0-web%' GROUP BY 1")) {
      counted.put(row.get(0), Long.parseLong(row.get(1)));
    }
    Map<String, Long> planted = new HashMap<>();
    truth.get("hourly").forEach(hour -> planted.put(hour.get("hour").asText(), hour.get("web_page_loads").asLong()));
    assertThat(planted).hasSize(48);
    assertThat(counted).isEqualTo(planted);
  }

  @Test
  void aOneDayQueryReadsOnlyThatDaysPartition() throws SQLException {
    String sql = "SELECT hostname, count(*) FROM raw_events WHERE dt = DATE '2026-10-02' GROUP BY hostname";
    String explained = String.join("\n", rows("EXPLAIN " + sql).stream().map(row -> row.get(0)).toList());
    assertThat(explained).containsPattern("PartitionFilters: \\[isnotnull\\(dt#\\d+\\), \\(dt#\\d+ = 2026-10-02\\)\\]");

    SparkPlan plan = SharedSpark.session().sql(sql).queryExecution().executedPlan();
    List<FileSourceScanExec> scans = new ArrayList<>();
    plan.foreach(node -> {
      if (node instanceof FileSourceScanExec scan) {
        scans.add(scan);
      }
      return null;
    });
    assertThat(scans).hasSize(1);
    var partitions = scans.get(0).selectedPartitions();
    assertThat(partitions).hasSize(1);
    assertThat(partitions[0].values().getInt(0)).isEqualTo(java.time.LocalDate.parse("2026-10-02").toEpochDay());
  }

  @Test
  @Order(Integer.MAX_VALUE) // adds a day to the warehouse: last, so the other tests see the generated days only
  void aPartitionWrittenAfterStartUpIsSeenAfterRefreshTable() throws Exception {
    long before = count("SELECT count(*) FROM raw_events");
    long dayTwo = count("SELECT count(*) FROM raw_events WHERE dt = DATE '2026-10-02'");
    // A new day as a nightly run would publish it: a whole dt= directory appearing at once.
    Path source = Path.of(java.net.URI.create(io.opslake.storage.Warehouse.qualify(warehouse) + "/raw_events/dt=2026-10-02"));
    Path copy = source.resolveSibling("dt=2026-10-09");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }

    assertThat(count("SELECT count(*) FROM raw_events")).isEqualTo(before);
    try (Statement statement = connection.createStatement()) {
      statement.execute("REFRESH TABLE raw_events");
    }
    assertThat(count("SELECT count(*) FROM raw_events")).isEqualTo(before + dayTwo);
    assertThat(count("SELECT count(*) FROM raw_events WHERE dt = DATE '2026-10-09'")).isEqualTo(dayTwo);
  }

  @Test
  void aPortThatIsNotAPortIsAUsageErrorBeforeSparkStarts() {
    CliRun run = CliRun.of("serve", "--port", "70000", "--warehouse", warehouse);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("opslake serve: Cannot serve the warehouse: --port 70000 is not a TCP port (1-65535)\n");
  }

  @Test
  void aPortInUseIsAClearErrorWithExitOne() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CliRun run = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()), "--warehouse", warehouse);
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).startsWith("opslake serve: Cannot serve the warehouse: 127.0.0.1:" + taken.getLocalPort()
          + " is not available (").endsWith("); is another server listening there? Pick another --port\n");
    }
  }
}
