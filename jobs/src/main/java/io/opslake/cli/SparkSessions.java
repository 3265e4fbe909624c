package io.opslake.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import io.opslake.jobs.SessionSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the CLI's SparkSession. Under {@code spark-submit} the master and resources come from
 * the submit command; run by {@code bin/opslake} there is no master, and opslake uses local mode
 * with all cores, a lean UI-less setup ({@link #localSettings}), and UTC as the session time zone
 * (partition dates are UTC).
 */
final class SparkSessions {
  private SparkSessions() {}

  /**
   * Local-mode settings for answering one question at a time ({@code query}, {@code sql},
   * {@code serve}): adaptive execution off and one shuffle partition. Measured with
   * {@code bench/query} on the 2-core machine (docs/benchmarks.md#benchquery): on analysts'
   * questions over 2,000,000 events they cut the median warm latency from 0.59 s to 0.39–0.50 s; each
   * adaptive re-plan between stages and each range-partitioning sample job for an {@code ORDER BY}
   * costs tens of milliseconds, most of a question whose answer is a few hundred rows. The batch
   * jobs keep Spark's adaptive execution and several partitions per core: they shuffle millions of
   * rows, where parallel reduce tasks and run-time join choices pay.
   */
  static final Map<String, String> INTERACTIVE_SETTINGS = Map.of(
      "spark.sql.adaptive.enabled", "false",
      "spark.sql.shuffle.partitions", "1");

  static SparkSession create(String appName) {
    return create(appName, Map.of());
  }

  /** As {@link #create(String)}, with settings a command needs at start-up (static SQL settings). */
  static SparkSession create(String appName, Map<String, String> settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    settings.forEach(builder::config);
    if (startsLocalMode()) {
      localSettings(Runtime.getRuntime().availableProcessors()).forEach(builder::config);
    }
    builder.config("spark.sql.session.timeZone", "UTC");
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    ClassArchiveTraining.sparkStarted();
    return spark;
  }

  /** The settings of a session that {@code bin/opslake} starts in local mode, with {@code cores} cores. */
  static Map<String, String> localSettings(int cores) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.master", "local[*]");
    settings.put("spark.ui.enabled", "false");
    settings.put("spark.sql.shuffle.partitions", Integer.toString(Math.max(4, 2 * cores)));
    settings.put("spark.driver.host", "127.0.0.1");
    settings.put("spark.driver.bindAddress", "127.0.0.1");
    // One JVM: a table of N day partitions is listed in the driver, not by a Spark job of N
    // tasks per read (Spark's default above 32 paths), which cost seconds per read at 35 days.
    settings.put("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
    return settings;
  }

  /**
   * Applies {@link #INTERACTIVE_SETTINGS} to a session that {@code bin/opslake} started in local
   * mode (under {@code spark-submit} the cluster's settings stay) until the returned handle is
   * closed, which puts the previous values back, so a session that outlives the command (a test
   * JVM's) runs later batch jobs as before. A {@code SET} in the session overrides them meanwhile.
   */
  static SessionSettings interactive(SparkSession spark) {
    SessionSettings settings = SessionSettings.of(spark);
    if (startsLocalMode()) {
      INTERACTIVE_SETTINGS.forEach(settings::set);
    }
    return settings;
  }

  /** True when no master was given (no {@code spark-submit}): {@code bin/opslake} runs Spark in local mode. */
  private static boolean startsLocalMode() {
    return !new SparkConf(true).contains("spark.master");
  }
}
