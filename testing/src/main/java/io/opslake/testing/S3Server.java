package io.opslake.testing;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.SparkSession;

/**
 * An S3-compatible server for tests: S3Proxy with jclouds' in-memory {@code transient} store, run
 * as its own JVM on 127.0.0.1 with one bucket and a fixed test key pair.
 *
 * <p>S3Proxy's jclouds, Jetty, Jackson and Guava clash with Spark's, so it never joins the test
 * class path: the build copies its self-contained jar to {@code target/s3proxy/s3proxy.jar}
 * (execution {@code copy-s3proxy} of the ingest pom) and Surefire passes that path in the system
 * property {@value #JAR_PROPERTY}. Starting takes one to two seconds, mostly the child JVM's own
 * start, plus about half a second of AWS SDK class loading the first time in a JVM; the data
 * lives in the child's heap (512 MB) and is gone when it stops.
 *
 * <p>Most tests call {@link #shared()}, which starts the server on first use and stops it when the
 * test JVM exits, then {@link #applyTo(SparkSession)} and paths from {@link #path(String)}.
 */
public final class S3Server implements AutoCloseable {
  public static final String JAR_PROPERTY = "opslake.s3proxy.jar";
  public static final String SHARED_BUCKET = "opslake-test";
  public static final String ACCESS_KEY = "opslake-test-access";
  public static final String SECRET_KEY = "opslake-test-secret";
  public static final String REGION = "us-east-1";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  // After Spark's own hook (50) stopped the SparkContext, with the FileSystem cache (10).
  private static final int SHUTDOWN_HOOK_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY - 1;

  private static S3Server shared;

  private final Process process;
  private final Path workDirectory;
  private final int port;
  private final String bucket;
  private final Duration startupTime;

  private S3Server(
      Process process, Path workDirectory, int port, String bucket, Duration startupTime) {
    this.process = process;
    this.workDirectory = workDirectory;
    this.port = port;
    this.bucket = bucket;
    this.startupTime = startupTime;
  }

  /** The server of this test JVM, with bucket {@value #SHARED_BUCKET}; stopped at JVM exit. */
  public static synchronized S3Server shared() {
    if (shared == null) {
      S3Server started = start(SHARED_BUCKET);
      ShutdownHookManager.get().addShutdownHook(started::close, SHUTDOWN_HOOK_PRIORITY);
      shared = started;
    }
    return shared;
  }

  /**
   * Starts a private server with one empty bucket; the caller closes it. Give it a bucket name of
   * its own: Hadoop caches one s3a client per bucket name and would reuse another server's.
   */
  public static S3Server start(String bucket) {
    long startNanos = System.nanoTime();
    Path workDirectory = null;
    Process process = null;
    try {
      workDirectory = Files.createTempDirectory("opslake-s3proxy-");
      int port = freeLoopbackPort();
      Path properties = writeProperties(workDirectory, port);
      process = launch(workDirectory, properties);
      awaitPort(process, port, workDirectory.resolve("s3proxy.log"));
      client(port).createBucket(bucket);
      return new S3Server(
          process, workDirectory, port, bucket, Duration.ofNanos(System.nanoTime() - startNanos));
    } catch (IOException e) {
      stop(process, workDirectory);
      throw new UncheckedIOException("Cannot start S3Proxy", e);
    } catch (RuntimeException e) {
      stop(process, workDirectory);
      throw e;
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public String bucket() {
    return bucket;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** The bucket root, like {@code s3a://opslake-test}, without a trailing slash. */
  public URI uri() {
    return URI.create("s3a://" + bucket);
  }

  /** A path in the bucket, like {@code s3a://opslake-test/warehouse/events}. */
  public String path(String absolutePath) {
    if (!absolutePath.startsWith("/")) {
      throw new IllegalArgumentException("Not an absolute path: " + absolutePath);
    }
    return uri() + absolutePath;
  }

  /**
   * Points s3a at this server: endpoint, path-style requests over plain HTTP, and the test keys.
   * Commits keep Hadoop's classic FileOutputCommitter, which renames (that is, copies and deletes)
   * task output into place; that is what the ingest commit protocol is tested against.
   */
  public void applyTo(Configuration configuration) {
    configuration.set("fs.s3a.endpoint", endpoint().toString());
    configuration.set("fs.s3a.endpoint.region", REGION);
    configuration.setBoolean("fs.s3a.path.style.access", true);
    configuration.setBoolean("fs.s3a.connection.ssl.enabled", false);
    // Only the fixed keys: the default provider chain would also ask the EC2 metadata service.
    configuration.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    configuration.set("fs.s3a.access.key", ACCESS_KEY);
    configuration.set("fs.s3a.secret.key", SECRET_KEY);
    // Fail fast instead of retrying for minutes when the server is gone.
    configuration.setInt("fs.s3a.attempts.maximum", 2);
    configuration.setInt("fs.s3a.retry.limit", 2);
    configuration.set("fs.s3a.committer.name", "file");
  }

  /** Applies {@link #applyTo(Configuration)} to the session's Hadoop configuration. */
  public void applyTo(SparkSession spark) {
    applyTo(spark.sparkContext().hadoopConfiguration());
  }

  /** A fresh Hadoop configuration with the s3a settings of {@link #applyTo(Configuration)}. */
  public Configuration configuration() {
    Configuration configuration = new Configuration();
    applyTo(configuration);
    return configuration;
  }

  /** The (cached) s3a client for the bucket; do not close it. */
  public FileSystem fileSystem() {
    try {
      return FileSystem.get(uri(), configuration());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot connect to " + uri(), e);
    }
  }

  /** Wall-clock time from {@link #start(String)} until the bucket existed. */
  public Duration startupTime() {
    return startupTime;
  }

  @Override
  public void close() {
    stop(process, workDirectory);
  }

  private static AmazonS3 client(int port) {
    return AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration("http://127.0.0.1:" + port, REGION))
        .withPathStyleAccessEnabled(true)
        .withCredentials(
            new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  private static Path writeProperties(Path workDirectory, int port) throws IOException {
    List<String> lines =
        List.of(
            "s3proxy.endpoint=" + "http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=transient",
            // The transient provider checks no credentials, but jclouds wants some.
            "jclouds.identity=unused",
            "jclouds.credential=unused");
    Path properties = workDirectory.resolve("s3proxy.properties");
    Files.write(properties, lines, StandardCharsets.UTF_8);
    return properties;
  }

  private static Process launch(Path workDirectory, Path properties) throws IOException {
    // The launcher class comes from the test classes directory (or jar) this class was loaded from.
    URI testClasses =
        URI.create(
            S3ProxyLauncher.class.getProtectionDomain().getCodeSource().getLocation().toString());
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-XX:+UseSerialGC",
            // A short-lived server with little data: the client compiler starts faster.
            "-XX:TieredStopAtLevel=1",
            "-cp",
            s3proxyJar() + File.pathSeparator + Path.of(testClasses),
            S3ProxyLauncher.class.getName(),
            "--properties",
            properties.toString());
    return new ProcessBuilder(command)
        .directory(workDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(workDirectory.resolve("s3proxy.log").toFile())
        .start();
  }

  private static Path s3proxyJar() {
    String configured = System.getProperty(JAR_PROPERTY);
    // Outside Maven (an IDE), fall back to where the build copies it when run from the module.
    Path jar = Path.of(configured != null ? configured : "target/s3proxy/s3proxy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "S3Proxy jar not found at "
              + jar.toAbsolutePath()
              + "; run 'mvn -pl ingest generate-test-resources' to copy it");
    }
    return jar;
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(Process process, int port, Path log) throws IOException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with code " + process.exitValue() + " before listening:\n" + tail(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYetListening) {
        sleep(Duration.ofMillis(50));
      }
    }
    throw new IllegalStateException(
        "S3Proxy did not listen on port " + port + " within " + STARTUP_TIMEOUT + ":\n"
            + tail(log));
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void stop(Process process, Path workDirectory) {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (workDirectory != null) {
      deleteRecursively(workDirectory);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for S3Proxy", e);
    }
  }
}
