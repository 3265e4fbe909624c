package io.opslake.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM: local[2], UI off, two shuffle partitions, UTC. Tests call
 * {@link #session()} and never stop it; Surefire reuses one fork per module, so the session is
 * built once per module run.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .appName("opslake-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.adaptive.enabled", "false")
              // One JVM: listing a table's partitions in the driver beats a Spark job of one task per partition.
              .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000")
              // bin/opslake serve's endpoint needs it (a static setting): every JDBC connection uses this session.
              .config("spark.sql.hive.thriftServer.singleSession", "true")
              .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/opslake-tests-spark-warehouse")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
