package io.opslake.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.timestamp_millis;

import io.opslake.jobs.Jobs;
import io.opslake.ingest.IngestOptions;
import io.opslake.ingest.IngestResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One side of bench/ingest, run in its own JVM so each side's peak heap is its own: either the
 * plain Spark baseline ({@code spark.read().schema(...).json(...)} then {@code
 * write().partitionBy("dt").parquet(...)}) or opslake's ingest, over the same app-event input:
 * either the generator's directory of small files or one large file. Prints one line {@code RESULT
 * <side> <events> <seconds> <peak heap bytes>}.
 *
 * <p>Usage: {@code IngestBenchmark baseline|opslake <input dir or file> <output dir>}
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !(args[0].equals("baseline") || args[0].equals("opslake"))) {
      System.err.println("usage: IngestBenchmark baseline|opslake <input dir or file> <output dir>");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder()
        .appName("bench-ingest-" + args[0])
        .master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    resetPeaks();
    long started = System.nanoTime();
    boolean baseline = args[0].equals("baseline");
    long events = baseline ? baseline(spark, args[1], args[2]) : opslake(spark, args[1], args[2]);
    double seconds = (System.nanoTime() - started) / 1e9;
    if (baseline) {
      events = spark.read().parquet(args[2]).count(); // counted outside the timed part
    }
    System.out.printf(Locale.ROOT, "RESULT %s %d %.3f %d%n", args[0], events, seconds, peakHeap());
    spark.stop();
  }

  /** The plain-Spark way: infer nothing, parse JSON, derive dt, write partitioned Parquet. */
  static long baseline(SparkSession spark, String input, String output) {
    StructType schema = new StructType()
        .add("md5", DataTypes.StringType)
        .add("type", DataTypes.StringType)
        .add("hostname", DataTypes.StringType)
        .add("timestamp", DataTypes.LongType)
        .add("received_at", DataTypes.LongType)
        .add("tags", DataTypes.createArrayType(DataTypes.StringType))
        .add("additional_info", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    String files = Files.isDirectory(Path.of(input)) ? input + "/*/*/*" : input;
    spark.read().schema(schema).json(files)
        .withColumn("dt", to_date(timestamp_millis(col("timestamp"))))
        .write().partitionBy("dt").parquet(output);
    return -1;
  }

  static long opslake(SparkSession spark, String input, String output) throws Exception {
    IngestOptions options = IngestOptions.of(List.of(input), output).withStartedAt(Instant.now()).withMaxBadRatio(1.0);
    IngestResult result = Jobs.ingest(spark, options, Jobs.RatesAfterIngest.SKIP, System.err::println).ingest();
    return result.rowsByTable().get("raw_events");
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of the peak heap in use. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
