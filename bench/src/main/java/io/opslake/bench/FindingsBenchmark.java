package io.opslake.bench;

import io.opslake.jobs.Jobs;
import io.opslake.jobs.findings.FindingsOptions;
import io.opslake.jobs.findings.FindingsResult;
import io.opslake.jobs.series.SeriesOptions;
import io.opslake.jobs.series.SeriesResult;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * bench/findings: {@code series} over a warehouse's whole range and then {@code findings} as of its
 * last day, through the {@link Jobs} facade, timed separately. Prints {@code RESULT <days> <series
 * seconds> <findings seconds>} and the jobs' own counts.
 *
 * <p>Usage: {@code FindingsBenchmark <warehouse> <from> <to>}
 */
public final class FindingsBenchmark {
  private FindingsBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: FindingsBenchmark <warehouse> <from> <to>");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder()
        .appName("bench-findings")
        .master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    long started = System.nanoTime();
    SeriesResult series = Jobs.series(spark, SeriesOptions.range(args[0], args[1], args[2]));
    double seriesSeconds = (System.nanoTime() - started) / 1e9;
    started = System.nanoTime();
    FindingsResult findings = Jobs.findings(spark, FindingsOptions.asOf(args[0], args[2]));
    double findingsSeconds = (System.nanoTime() - started) / 1e9;
    long days = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.parse(args[1]),
        java.time.LocalDate.parse(args[2])) + 1;
    System.out.printf(Locale.ROOT, "RESULT %d %.3f %.3f%n", days, seriesSeconds, findingsSeconds);
    System.out.println("SERIES " + series.rowsWritten());
    System.out.println("FINDINGS " + findings.rowsWritten());
    spark.stop();
  }
}
