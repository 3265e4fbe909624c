package io.opslake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * A real HDFS for tests: one NameNode and one DataNode of Hadoop's {@link MiniDFSCluster}, in a
 * temporary directory, listening on 127.0.0.1 only.
 *
 * <p>Most tests call {@link #shared()}: the cluster starts on first use (about two seconds) and
 * is shut down when the test JVM exits, so every test class of a Surefire fork reuses it. Tests
 * that share it write under their own directory, for example {@code uri() + "/" + testName}.
 * {@link #start()} gives a private cluster that the caller closes.
 */
public final class MiniHdfs implements AutoCloseable {
  // Runs after Spark's own hook (50) has stopped the SparkContext, and after Hadoop's
  // FileSystem cache (10) has closed its clients, so neither talks to a stopped cluster.
  private static final int SHUTDOWN_HOOK_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY - 1;

  private static MiniHdfs shared;

  private final MiniDFSCluster cluster;
  private final Duration startupTime;

  private MiniHdfs(MiniDFSCluster cluster, Duration startupTime) {
    this.cluster = cluster;
    this.startupTime = startupTime;
  }

  /** The cluster of this test JVM, started on first call and stopped at JVM exit. */
  public static synchronized MiniHdfs shared() {
    if (shared == null) {
      MiniHdfs started = start();
      ShutdownHookManager.get().addShutdownHook(started::close, SHUTDOWN_HOOK_PRIORITY);
      shared = started;
    }
    return shared;
  }

  /** Starts a private cluster; the caller closes it. */
  public static MiniHdfs start() {
    long startNanos = System.nanoTime();
    try {
      Path baseDirectory = Files.createTempDirectory("opslake-minihdfs-");
      Configuration configuration = new Configuration();
      // One DataNode: ask for one replica, so HDFS does not log every block as under-replicated.
      configuration.setInt("dfs.replication", 1);
      // MiniDFSCluster binds the DataNode to 127.0.0.1; these keep the NameNode there too.
      configuration.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
      configuration.set("dfs.namenode.http-bind-host", "127.0.0.1");
      configuration.set("dfs.namenode.servicerpc-bind-host", "127.0.0.1");
      MiniDFSCluster cluster =
          new MiniDFSCluster.Builder(configuration, baseDirectory.toFile())
              .numDataNodes(1)
              .format(true)
              .build();
      cluster.waitActive();
      return new MiniHdfs(cluster, Duration.ofNanos(System.nanoTime() - startNanos));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start MiniDFSCluster", e);
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
}
