package io.opslake.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the CLI's SparkSession. Under {@code spark-submit} the master and resources come from
 * the submit command; run by {@code bin/opslake} there is no master, and opslake uses local mode
 * with all cores, a lean UI-less setup, and UTC as the session time zone (partition dates are UTC).
 */
final class SparkSessions {
  private SparkSessions() {}

  static SparkSession create(String appName) {
    return create(appName, java.util.Map.of());
  }

  /** As {@link #create(String)}, with settings a command needs at start-up (static SQL settings). */
  static SparkSession create(String appName, java.util.Map<String, String> settings) {
    SparkConf conf = new SparkConf(true);
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    settings.forEach(builder::config);
    if (!conf.contains("spark.master")) {
      builder
          .master("local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", Integer.toString(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())))
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          // One JVM: a table of N day partitions is listed in the driver, not by a Spark job of N
          // tasks per read (Spark's default above 32 paths), which cost seconds per read at 35 days.
          .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
    }
    builder.config("spark.sql.session.timeZone", "UTC");
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
