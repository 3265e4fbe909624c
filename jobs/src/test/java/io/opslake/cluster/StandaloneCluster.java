package io.opslake.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: one master and a number of workers,
 * each a child JVM started with the distribution's {@code spark-class}, plus {@link #submit}
 * which runs {@code spark-submit} against it in client mode (the driver is a child JVM too).
 *
 * <p>Everything binds to 127.0.0.1 ({@code SPARK_LOCAL_IP} and explicit {@code --host}); ports are
 * free ones picked up front. Each child writes its log to the cluster's directory; workers keep
 * their executors' directories under {@code worker-<n>/}. {@link #close()} stops every child and
 * its descendants (the executors), and a shutdown hook does the same if the test JVM exits first.
 *
 * <p>The daemons run with 256 MB heaps ({@code SPARK_DAEMON_MEMORY}); each worker offers one core
 * and 1 GB to executors.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST = "127.0.0.1";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final SparkDistribution spark;
  private final Path directory;
  private final int masterPort;
  private final int masterWebUiPort;
  private final int workerCount;
  private final List<Process> daemons = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll, "standalone-cluster-stop");

  /** The outcome of one {@code spark-submit}: exit code, the driver's stdout and stderr. */
  record Submission(int exitCode, String stdout, String stderr, Duration elapsed) {}

  private StandaloneCluster(SparkDistribution spark, Path directory, int workerCount)
      throws IOException {
    this.spark = spark;
    this.directory = directory;
    this.workerCount = workerCount;
    this.masterPort = freePort();
    this.masterWebUiPort = freePort();
  }

  /**
   * Starts the master and the workers without waiting for them; call {@link
   * #awaitAliveWorkers(Duration)} before submitting. The directory holds logs, configuration and
   * the workers' directories.
   */
  static StandaloneCluster launch(SparkDistribution spark, Path directory, int workers)
      throws IOException {
    StandaloneCluster cluster = new StandaloneCluster(spark, directory, workers);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.writeConfiguration();
      cluster.startDaemons();
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** {@code spark://127.0.0.1:<port>} */
  String masterUrl() {
    return "spark://" + HOST + ":" + masterPort;
  }

  /** The directory worker {@code n} (from 1) keeps its executors' work directories in. */
  Path workerDirectory(int n) {
    return directory.resolve("worker-" + n);
  }

  /** Waits until the master reports every worker ALIVE; fails with the daemons' logs if not. */
  void awaitAliveWorkers(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process daemon : daemons) {
        if (!daemon.isAlive()) {
          throw new IllegalStateException(
              "A cluster daemon exited with code " + daemon.exitValue() + "\n" + logs());
        }
      }
      JsonNode state = masterStateOrNull();
      if (state != null && state.path("aliveworkers").asInt() == workerCount) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "The master did not report " + workerCount + " alive workers within " + timeout + "\n"
            + logs());
  }

  /** The master's state as its web UI serves it at {@code /json/}. */
  JsonNode masterState() throws IOException {
    JsonNode state = masterStateOrNull();
    if (state == null) {
      throw new IOException("The master's web UI on port " + masterWebUiPort + " did not answer");
    }
    return state;
  }

  /**
   * Runs {@code spark-submit --master <this cluster> --deploy-mode client} with the given Spark
   * options, jar and application arguments, and waits for it at most {@code timeout} (then kills
   * it and fails).
   */
  Submission submit(
      String name, List<String> sparkOptions, Path jar, List<String> arguments, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(spark.sparkSubmit().toString());
    command.addAll(List.of("--master", masterUrl(), "--deploy-mode", "client"));
    command.addAll(sparkOptions);
    command.add(jar.toString());
    command.addAll(arguments);
    Path stdout = directory.resolve(name + ".out");
    Path stderr = directory.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    configureEnvironment(builder.environment());
    long start = System.nanoTime();
    Process driver = builder.start();
    try {
      if (!driver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "spark-submit " + name + " did not finish within " + timeout + "\n" + tail(stderr));
      }
    } finally {
      stop(driver);
    }
    return new Submission(
        driver.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** The last lines of every daemon's log, for failure messages. */
  String logs() {
    StringBuilder logs = new StringBuilder();
    for (String name : daemonNames()) {
      logs.append("--- ").append(name).append(".log\n").append(tail(directory.resolve(name + ".log")));
    }
    return logs.toString();
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException exiting) {
      // Called from the hook itself during JVM exit: nothing left to unregister.
    }
  }

  private void writeConfiguration() throws IOException {
    Path conf = Files.createDirectories(directory.resolve("conf"));
    // Daemons log their lifecycle at INFO (registrations, executor launches), the rest at WARN.
    Files.writeString(
        conf.resolve("log4j2.properties"),
        String.join(
            "\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stderr.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
            "logger.deploy.name = org.apache.spark.deploy",
            "logger.deploy.level = info",
            ""),
        StandardCharsets.UTF_8);
  }

  private void startDaemons() throws IOException {
    daemons.add(
        startDaemon(
            "master",
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host", HOST,
                "--port", Integer.toString(masterPort),
                "--webui-port", Integer.toString(masterWebUiPort))));
    for (int n = 1; n <= workerCount; n++) {
      Path workDirectory = Files.createDirectories(workerDirectory(n));
      daemons.add(
          startDaemon(
              "worker-" + n,
              List.of(
                  "org.apache.spark.deploy.worker.Worker",
                  masterUrl(),
                  "--host", HOST,
                  "--cores", "1",
                  "--memory", "1g",
                  "--webui-port", Integer.toString(freePort()),
                  "--work-dir", workDirectory.toString())));
    }
  }

  private Process startDaemon(String name, List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(spark.sparkClass().toString());
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve(name + ".log").toFile());
    configureEnvironment(builder.environment());
    builder.environment().put("SPARK_DAEMON_MEMORY", "256m");
    return builder.start();
  }

  private void configureEnvironment(Map<String, String> environment) {
    // No Spark, Hadoop or YARN settings of the machine running the test leak into the cluster.
    environment.keySet().removeIf(
        key -> key.startsWith("SPARK_") || key.startsWith("HADOOP_") || key.startsWith("YARN_")
            || key.startsWith("PYSPARK_"));
    environment.put("SPARK_HOME", spark.home().toString());
    environment.put("SPARK_CONF_DIR", directory.resolve("conf").toString());
    environment.put("SPARK_LOCAL_IP", HOST);
    // The children run on the JDK that runs the tests.
    environment.put("JAVA_HOME", System.getProperty("java.home"));
  }

  private JsonNode masterStateOrNull() {
    try {
      // "/json" answers with a redirect to "/json/".
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create("http://" + HOST + ":" + masterWebUiPort + "/json/").toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(2000);
      try (InputStream body = connection.getInputStream()) {
        return JSON.readTree(body);
      } finally {
        connection.disconnect();
      }
    } catch (IOException notYetUp) {
      return null;
    }
  }

  private List<String> daemonNames() {
    List<String> names = new ArrayList<>();
    names.add("master");
    for (int n = 1; n <= workerCount; n++) {
      names.add("worker-" + n);
    }
    return names;
  }

  private synchronized void stopAll() {
    // Workers first, so they do not relaunch executors; the master last.
    for (int i = daemons.size() - 1; i >= 0; i--) {
      stop(daemons.get(i));
    }
    daemons.clear();
  }

  /** Stops a child and everything it started (a worker's executors), forcibly if it lingers. */
  private static void stop(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")\n";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }
}
