package io.opslake.cli;

import io.opslake.jobs.SessionSettings;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.serve.ServeOptions;
import io.opslake.jobs.serve.ServeResult;
import io.opslake.jobs.serve.SqlEndpoint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code opslake serve}: the warm SQL endpoint ({@link SqlEndpoint}) until Ctrl-C or SIGTERM,
 * then a clean stop and exit 0.
 */
@Command(
    name = "serve",
    description = "Serve every table over JDBC/ODBC (Spark's Thrift server) until Ctrl-C:"
        + " beeline, DBeaver or a BI tool connects to jdbc:hive2://<bind>:<port>/default.",
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private static final String DERBY_LOG = "derby.stream.error.file";

  @Option(names = "--port", defaultValue = "10000", paramLabel = "<port>",
      description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "<address>",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; there is no"
          + " authentication, so bind elsewhere only on a trusted network).")
  String bind;

  @Option(names = "--json", description = "Print the start-up summary as JSON.")
  boolean json;

  @Mixin WarehouseOption warehouse;

  @Override
  public Integer call() throws Exception {
    ServeOptions options = new ServeOptions(warehouse.uri, bind, port);
    Path scratch = Files.createTempDirectory("opslake-serve-");
    String derbyLogBefore = System.getProperty(DERBY_LOG);
    try {
      return serve(options, scratch);
    } finally {
      deleteRecursively(scratch);
      if (derbyLogBefore == null) {
        System.clearProperty(DERBY_LOG);
      } else {
        System.setProperty(DERBY_LOG, derbyLogBefore);
      }
    }
  }

  private int serve(ServeOptions options, Path scratch) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.create("opslake serve", sessionSettings(scratch));
    long started = System.nanoTime();
    try (SessionSettings settings = SparkSessions.interactive(spark);
        SqlEndpoint endpoint = Jobs.serve(spark, options)) {
      ServeResult result = endpoint.result();
      CountDownLatch stop = new CountDownLatch(1);
      Signal.handle(new Signal("INT"), signal -> stop.countDown());
      Signal.handle(new Signal("TERM"), signal -> stop.countDown());
      if (json) {
        out.print(Summaries.resultJson(result));
      } else {
        out.println("opslake serve: " + result.jdbcUrl() + " — " + result.tablesRegistered().size()
            + " tables registered (" + result.tablesWithData().size() + " with data); Ctrl-C to stop");
      }
      out.flush();
      stop.await();
    }
    spec.commandLine().getErr().printf(java.util.Locale.ROOT, "opslake serve: stopped after %.0f s%n",
        (System.nanoTime() - started) / 1e9);
    spark.stop();
    return 0;
  }

  /**
   * The endpoint's static settings, and every scratch place of Spark, Derby and the Hive classes
   * under one temporary directory that {@link #call()} deletes at the stop, so serving leaves no
   * {@code spark-warehouse} or {@code derby.log} in the current directory and no
   * {@code <session id>_resources} directory per run in the temp directory.
   */
  private static Map<String, String> sessionSettings(Path scratch) {
    System.setProperty(DERBY_LOG, scratch.resolve("derby.log").toString());
    Map<String, String> settings = new HashMap<>(SqlEndpoint.SESSION_SETTINGS);
    settings.put("spark.sql.warehouse.dir", scratch.resolve("spark-warehouse").toUri().toString());
    settings.put("spark.hadoop.hive.downloaded.resources.dir", scratch.resolve("resources").toString());
    settings.put("spark.hadoop.hive.exec.local.scratchdir", scratch.resolve("hive-scratch").toString());
    settings.put("spark.hadoop.hive.server2.logging.operation.log.location",
        scratch.resolve("operation-logs").toString());
    return settings;
  }

  private static void deleteRecursively(Path directory) throws java.io.IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
