package io.opslake.jobs;

import io.opslake.ingest.DefaultFormats;
import io.opslake.ingest.IngestJob;
import io.opslake.ingest.IngestOptions;
import io.opslake.jobs.anomaly.DetectJob;
import io.opslake.jobs.anomaly.DetectOptions;
import io.opslake.jobs.catalog.TablesJob;
import io.opslake.jobs.events.ReclassifyJob;
import io.opslake.jobs.events.ReclassifyOptions;
import io.opslake.jobs.metrics.RatesJob;
import io.opslake.jobs.metrics.RatesOptions;
import io.opslake.jobs.query.QueryJob;
import io.opslake.jobs.query.QueryOptions;
import io.opslake.jobs.repetition.RepetitionJob;
import io.opslake.jobs.repetition.RepetitionOptions;
import io.opslake.jobs.templates.TemplatesJob;
import io.opslake.jobs.templates.TemplatesOptions;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Every opslake job, from one place: each method builds the job for a SparkSession and validated
 * options; call {@code run()} on it for its immutable result. The CLI's subcommands
 * ({@code io.opslake.cli.OpslakeCli}) are thin adapters over these; the workflow runner runs the
 * CLI commands. Tables each job reads and writes: docs/tables.md and workflows/jobs/*.yaml.
 */
public final class Jobs {
  private Jobs() {}

  /** Raw files → raw_events, raw_metrics, quarantine, ingest_runs (docs/architecture.md). */
  public static IngestJob ingest(SparkSession spark, IngestOptions options, Consumer<String> progress) {
    return new IngestJob(spark, options, new DefaultFormats(), progress);
  }

  /** raw_metrics counters → metric_rates (docs/metrics.md). */
  public static RatesJob rates(SparkSession spark, RatesOptions options) {
    return new RatesJob(spark, options);
  }

  /** raw_events (+ patterns) → events, with rules, fingerprints and template ids (docs/rules.md). */
  public static ReclassifyJob reclassify(SparkSession spark, ReclassifyOptions options) {
    return new ReclassifyJob(spark, options);
  }

  /** raw_events messages → patterns. */
  public static TemplatesJob templates(SparkSession spark, TemplatesOptions options) {
    return new TemplatesJob(spark, options);
  }

  /** events → repetition: cadence per fingerprint and template. */
  public static RepetitionJob repetition(SparkSession spark, RepetitionOptions options) {
    return new RepetitionJob(spark, options);
  }

  /** Ad-hoc SQL with every table as a view. */
  public static QueryJob query(SparkSession spark, QueryOptions options) {
    return new QueryJob(spark, options);
  }

  /** The catalog: tables, documented columns, partitions, row counts. */
  public static TablesJob tables(SparkSession spark, String warehouseUri) {
    return new TablesJob(spark, warehouseUri);
  }

  /**
   * One series CSV → the same rows scored by the streaming anomaly detector (docs/algorithms.md).
   * No Spark: a plain-Java pass over one file; {@code warnings} gets one line per row warned about.
   */
  public static DetectJob detect(DetectOptions options, Consumer<String> warnings) {
    return new DetectJob(options, warnings);
  }
}
