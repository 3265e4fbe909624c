package io.opslake.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * A real HDFS for tests: one NameNode and one DataNode of Hadoop's {@link MiniDFSCluster}, in a
 * temporary directory, listening on 127.0.0.1 only.
 *
 * <p>Most tests call {@link #shared()}: the cluster starts on first use and is shut down when the
 * test JVM exits, so every test class of a Surefire fork reuses it. Tests that share it write
 * under their own directory, for example {@code path("/" + testName)}. {@link #start()} gives a
 * private cluster that the caller closes.
 *
 * <p>The first start in a JVM takes three to five seconds, most of it loading Hadoop's classes;
 * later ones one to two seconds. Data lives on local disk under a temporary directory that
 * {@link #close()} deletes.
 */
public final class MiniHdfs implements AutoCloseable {
  // Runs after Spark's own hook (50) has stopped the SparkContext, and after Hadoop's
  // FileSystem cache (10) has closed its clients, so neither talks to a stopped cluster.
  private static final int SHUTDOWN_HOOK_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY - 1;

  private static MiniHdfs shared;

  private final MiniDFSCluster cluster;
  private final Path baseDirectory;
  private final Duration startupTime;

  private MiniHdfs(MiniDFSCluster cluster, Path baseDirectory, Duration startupTime) {
    this.cluster = cluster;
    this.baseDirectory = baseDirectory;
    this.startupTime = startupTime;
  }

  /** The cluster of this test JVM, started on first call and stopped at JVM exit. */
  public static synchronized MiniHdfs shared() {
    if (shared == null) {
      MiniHdfs started = start();
      ShutdownHookManager.get().addShutdownHook(started::closeAtExit, SHUTDOWN_HOOK_PRIORITY);
      shared = started;
    }
    return shared;
  }

  /** Starts a private cluster; the caller closes it. */
  public static MiniHdfs start() {
    long startNanos = System.nanoTime();
    Path baseDirectory;
    try {
      baseDirectory = Files.createTempDirectory("opslake-minihdfs-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for MiniDFSCluster", e);
    }
    Configuration configuration = new Configuration();
    // One DataNode: ask for one replica, so HDFS does not log every block as under-replicated.
    configuration.setInt("dfs.replication", 1);
    // waitActive() waits for the DataNode's first heartbeat; the default interval is 3 s.
    configuration.setLong("dfs.heartbeat.interval", 1);
    // MiniDFSCluster binds the DataNode to 127.0.0.1; these keep the NameNode there too.
    configuration.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    configuration.set("dfs.namenode.http-bind-host", "127.0.0.1");
    configuration.set("dfs.namenode.servicerpc-bind-host", "127.0.0.1");
    try {
      MiniDFSCluster cluster =
          new MiniDFSCluster.Builder(configuration, baseDirectory.toFile())
              .numDataNodes(1)
              .format(true)
              .build();
      cluster.waitActive();
      return new MiniHdfs(cluster, baseDirectory, Duration.ofNanos(System.nanoTime() - startNanos));
    } catch (IOException e) {
      deleteRecursively(baseDirectory);
      throw new UncheckedIOException("Cannot start MiniDFSCluster in " + baseDirectory, e);
    } catch (RuntimeException e) {
      deleteRecursively(baseDirectory);
      throw e;
    }
  }

  /** The file system root, like {@code hdfs://127.0.0.1:41234}, without a trailing slash. */
  public URI uri() {
    return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
  }

  /** A path on this cluster, like {@code hdfs://127.0.0.1:41234/warehouse/events}. */
  public String path(String absolutePath) {
    if (!absolutePath.startsWith("/")) {
      throw new IllegalArgumentException("Not an absolute path: " + absolutePath);
    }
    return uri() + absolutePath;
  }

  /** A client configuration whose default file system is this cluster. */
  public Configuration configuration() {
    Configuration configuration = new Configuration(cluster.getConfiguration(0));
    configuration.set(FileSystem.FS_DEFAULT_NAME_KEY, uri().toString());
    return configuration;
  }

  /** The (cached) Hadoop client for this cluster; do not close it. */
  public FileSystem fileSystem() {
    try {
      return FileSystem.get(uri(), configuration());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot connect to " + uri(), e);
    }
  }

  /** Wall-clock time from {@link #start()} until the NameNode and DataNode were active. */
  public Duration startupTime() {
    return startupTime;
  }

  @Override
  public void close() {
    // true: also deletes the base directory with the NameNode and DataNode storage.
    cluster.shutdown(true);
  }

  private void closeAtExit() {
    try {
      cluster.shutdown(true);
    } catch (IllegalStateException shutdownInProgress) {
      // During JVM exit the DataNode fails to unregister its own Hadoop shutdown hook and stops
      // half way, before the storage is deleted. Its threads die with the JVM; the disk does not.
    }
    // The half-stopped DataNode may still write its replica cache while we delete.
    for (int attempt = 0; attempt < 10 && Files.exists(baseDirectory); attempt++) {
      deleteRecursively(baseDirectory);
      if (Files.exists(baseDirectory)) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // Already deleted by MiniDFSCluster, or a leftover temporary directory: both harmless.
    }
  }
}
