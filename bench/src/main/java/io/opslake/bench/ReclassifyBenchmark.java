package io.opslake.bench;

import static org.apache.spark.sql.functions.col;

import io.opslake.storage.Warehouse;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.events.ReclassifyOptions;
import io.opslake.jobs.events.ReclassifyResult;
import io.opslake.jobs.rules.Normalizer;
import io.opslake.jobs.rules.RuleSet;
import io.opslake.jobs.rules.RulesLoader;
import io.opslake.schemas.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * bench/reclassify: opslake's reclassify job against a plain Spark SQL rewrite of the same
 * default rules ({@code CASE WHEN}, {@code RLIKE}, {@code regexp_replace} for the fingerprint, a
 * {@code row_number()} window for the deterministic dedup, and {@code partitionBy("dt")} Parquet),
 * in one JVM, alternating sides. Prints {@code RESULT <side> <events> <seconds>} per run.
 *
 * <p>Usage: {@code ReclassifyBenchmark <warehouse> <from> <to> <runs> <baseline output dir>}
 */
public final class ReclassifyBenchmark {
  private ReclassifyBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: ReclassifyBenchmark <warehouse> <from> <to> <runs> <baseline output dir>");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder()
        .appName("bench-reclassify")
        .master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    String warehouse = args[0];
    LocalDate from = LocalDate.parse(args[1]);
    LocalDate to = LocalDate.parse(args[2]);
    int runs = Integer.parseInt(args[3]);
    RuleSet rules = RulesLoader.loadDefault();
    for (int run = 0; run < runs; run++) {
      long started = System.nanoTime();
      long events = baseline(spark, warehouse, from, to, rules, args[4]);
      System.out.printf(Locale.ROOT, "RESULT baseline %d %.3f%n", events, (System.nanoTime() - started) / 1e9);
      started = System.nanoTime();
      ReclassifyResult result = Jobs.reclassify(spark, new ReclassifyOptions(warehouse, from, to, rules,
          ReclassifyOptions.Mode.APPLY, Optional.empty()));
      System.out.printf(Locale.ROOT, "RESULT opslake %d %.3f%n", result.written(), (System.nanoTime() - started) / 1e9);
    }
    spark.stop();
  }

  /** The default rules as one SQL statement; returns the rows written (counted after the timed write). */
  static long baseline(SparkSession spark, String warehouse, LocalDate from, LocalDate to, RuleSet rules, String out)
      throws Exception {
    Dataset<Row> raw = Warehouse.open(warehouse, spark.sparkContext().hadoopConfiguration())
        .read(spark, Tables.RAW_EVENTS)
        .where(col("dt").between(Date.valueOf(from), Date.valueOf(to)));
    raw.createOrReplaceTempView("bench_raw_events");
    spark.sql(sql(rules)).write().mode(SaveMode.Overwrite).partitionBy("dt").parquet(out);
    return -1;
  }

  static String sql(RuleSet rules) {
    String trace = "coalesce(attributes['backtrace'], attributes['stacktrace'])";
    String notFound = "(type = 'exception' AND " + trace + " LIKE '%parse-query-string%')";
    String started = "(source = 'journald' AND message RLIKE '^Started [\\\\w@.-]+\\\\.service\\\\.$')";
    String stopped = "(source = 'journald' AND message RLIKE '^Stopped [\\\\w@.-]+\\\\.service\\\\.$')";
    String appStart = "(source = 'plaintext' AND message RLIKE '^Starting \\\\S+ \\\\S+ \\\\(pid \\\\d+\\\\)$')";
    String oom = "(source = 'journald' AND message RLIKE 'invoked oom-killer|^Out of memory: Killed process')";
    String logError = "(type IS NULL AND level IN ('error', 'fatal'))";
    String landing = "(type = 'page_load' AND url RLIKE '^(https?://[^/?#]+)?/?([?#].*)?$')";
    String slow = "(type = 'page_load' AND duration_ms > 2000)";
    String heap = "(type = 'gc' AND cast(attributes['heap_max'] AS double) > 0)";
    String text = "substring(coalesce(" + trace + ", message), 1, 4096)";
    for (Normalizer normalizer : rules.fingerprinter().normalizers()) {
      text = "regexp_replace(" + text + ", '" + escape(normalizer.pattern().pattern()) + "', '"
          + escape(normalizer.replacement()) + "')";
    }
    return "SELECT event_id, ts, received_at, source, hostname,"
        + " CASE WHEN " + notFound + " THEN '404' WHEN " + started + " THEN 'service_start' WHEN " + stopped
        + " THEN 'service_stop' WHEN " + appStart + " THEN 'app_start' WHEN " + oom + " THEN 'oom_kill' WHEN "
        + logError + " THEN 'log_error' ELSE type END AS type, level, message,"
        + " array_distinct(concat(tags, filter(array(CASE WHEN " + notFound + " THEN 'not_found' END, CASE WHEN "
        + slow + " THEN 'slow' END, CASE WHEN http_status >= 500 THEN 'server_error' END, CASE WHEN " + started
        + " OR " + stopped + " OR " + appStart + " THEN 'lifecycle' END, CASE WHEN " + oom
        + " THEN 'memory' END), x -> x IS NOT NULL))) AS tags, labels,"
        + " CASE WHEN " + heap + " AND NOT map_contains_key(attributes, 'heap_used_percent')"
        + " AND cast(attributes['heap_used'] AS double) IS NOT NULL THEN map_concat(attributes,"
        + " map('heap_used_percent', cast(round(cast(attributes['heap_used'] AS double)"
        + " / cast(attributes['heap_max'] AS double) * 100, 4) AS string))) ELSE attributes END AS attributes,"
        + " duration_ms, http_status, url, md5, source_file, source_line, ingest_run_id, type AS original_type,"
        + " CASE WHEN " + landing + " THEN 'landing_page_load' WHEN " + slow + " THEN 'slow_page_load' END AS subtype,"
        + " CASE WHEN " + notFound + " THEN 'not-found-parse-query-string' WHEN " + started
        + " THEN 'service-started' WHEN " + stopped + " THEN 'service-stopped' WHEN " + appStart
        + " THEN 'app-started-log' WHEN " + oom + " THEN 'oom-kill' WHEN " + logError
        + " THEN 'log-error' END AS rule_id, '" + rules.version() + "' AS rules_version,"
        + " CASE WHEN coalesce(" + trace + ", message) IS NOT NULL THEN md5(" + text + ")"
        + " WHEN type IS NOT NULL THEN md5(concat('type:', type)) END AS fingerprint,"
        + " CAST(NULL AS string) AS template_id, dt"
        + " FROM (SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY ingest_run_id, source_file) AS copy"
        + " FROM bench_raw_events) WHERE copy = 1";
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }
}
