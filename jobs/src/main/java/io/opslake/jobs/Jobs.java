package io.opslake.jobs;

import io.opslake.ingest.DefaultFormats;
import io.opslake.ingest.IngestJob;
import io.opslake.ingest.IngestOptions;
import io.opslake.ingest.IngestResult;
import io.opslake.jobs.anomaly.DetectJob;
import io.opslake.jobs.anomaly.DetectOptions;
import io.opslake.jobs.anomaly.DetectResult;
import io.opslake.jobs.capacity.CapacityJob;
import io.opslake.jobs.capacity.CapacityOptions;
import io.opslake.jobs.capacity.CapacityResult;
import io.opslake.jobs.capacity.UslCsv;
import io.opslake.jobs.capacity.UslFit;
import io.opslake.jobs.capacity.UslFitter;
import io.opslake.jobs.capacity.UslOptions;
import io.opslake.jobs.catalog.TablesJob;
import io.opslake.jobs.events.ReclassifyJob;
import io.opslake.jobs.events.ReclassifyOptions;
import io.opslake.jobs.events.ReclassifyResult;
import io.opslake.jobs.findings.FindingsJob;
import io.opslake.jobs.findings.FindingsOptions;
import io.opslake.jobs.findings.FindingsResult;
import io.opslake.jobs.report.ReportJob;
import io.opslake.jobs.report.ReportOptions;
import io.opslake.jobs.report.ReportResult;
import io.opslake.jobs.metrics.RatesJob;
import io.opslake.jobs.metrics.RatesOptions;
import io.opslake.jobs.metrics.RatesResult;
import io.opslake.jobs.query.QueryJob;
import io.opslake.jobs.query.QueryOptions;
import io.opslake.jobs.repetition.RepetitionJob;
import io.opslake.jobs.repetition.RepetitionOptions;
import io.opslake.jobs.series.SeriesJob;
import io.opslake.jobs.series.SeriesOptions;
import io.opslake.jobs.series.SeriesResult;
import io.opslake.jobs.templates.TemplatesJob;
import io.opslake.jobs.templates.TemplatesOptions;
import io.opslake.jobs.templates.TemplatesResult;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Every opslake job, from one place: the CLI's commands ({@code io.opslake.cli}), the workflow
 * runner, the benchmarks and the tests all run jobs through these methods. Each takes a {@code
 * SparkSession} and a validated options record, does the job's own wiring (loading the mined
 * templates for reclassify, rebuilding rates after ingest) and returns the job's immutable
 * result; callers only print it. Failures are {@link io.opslake.errors.OpslakeException}s whose
 * category says whose fault they are (an I/O failure from storage counts as external).
 *
 * <p>Tables each job reads and writes: docs/tables.md and workflows/jobs/*.yaml.
 */
public final class Jobs {
  private Jobs() {}

  /** Whether {@link #ingest} rebuilds {@code metric_rates} for the days it wrote metrics into. */
  public enum RatesAfterIngest { REBUILD, SKIP }

  /** One ingest: its run, and the rates rebuild that followed it when there was one. */
  public record IngestOutcome(IngestResult ingest, Optional<RatesResult> rates) {}

  /**
   * Raw files → raw_events, raw_metrics, quarantine, ingest_runs (docs/architecture.md); then,
   * unless {@code rates} is {@link RatesAfterIngest#SKIP} or the run failed, metric_rates for the
   * days it wrote metrics into and each following day that has metrics ({@link
   * RatesJob#datesAfterIngest}). A run over its bad-record budget is a result with status {@code
   * failed}, not an exception: its quarantine rows and run record were written.
   */
  public static IngestOutcome ingest(SparkSession spark, IngestOptions options, RatesAfterIngest rates,
      Consumer<String> progress) throws IOException {
    IngestResult result = new IngestJob(spark, options, new DefaultFormats(), progress).run();
    if (!result.succeeded() || rates == RatesAfterIngest.SKIP || result.metricDates().isEmpty()) {
      return new IngestOutcome(result, Optional.empty());
    }
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    List<LocalDate> dates = RatesJob.datesAfterIngest(warehouse, result.metricDates());
    return new IngestOutcome(result, Optional.of(rates(spark,
        RatesOptions.forDates(options.warehouse(), dates).withMetricTypes(options.metricTypes()))));
  }

  /** raw_metrics counters → metric_rates for the given days (docs/metrics.md). */
  public static RatesResult rates(SparkSession spark, RatesOptions options) throws IOException {
    return new RatesJob(spark, options).run();
  }

  /**
   * raw_events → events for a date range, with the options' rules and the warehouse's mined
   * templates (docs/rules.md); a dry run only counts the type transitions.
   */
  public static ReclassifyResult reclassify(SparkSession spark, ReclassifyOptions options) throws IOException {
    return new ReclassifyJob(spark, options).run();
  }

  /** raw_events messages → patterns (the whole table is replaced). */
  public static TemplatesResult templates(SparkSession spark, TemplatesOptions options) throws IOException {
    return new TemplatesJob(spark, options).run();
  }

  /** events → repetition: cadence per fingerprint and template, partition {@code dt=<to>}. */
  public static RepetitionJob.RepetitionResult repetition(SparkSession spark, RepetitionOptions options)
      throws IOException {
    return new RepetitionJob(spark, options).run();
  }

  /**
   * events, raw_metrics, metric_rates → event_series, latency_series, metric_series at minute, hour
   * and day grain, and their coverage series_days, for a range of days (docs/series.md).
   */
  public static SeriesResult series(SparkSession spark, SeriesOptions options) throws IOException {
    return new SeriesJob(spark, options).run();
  }

  /**
   * event_series, latency_series, metric_series, series_days → trends, novelty, seasonality and
   * anomalies for one as-of date, the partition {@code dt=<as-of>} of each (docs/findings.md).
   */
  public static FindingsResult findings(SparkSession spark, FindingsOptions options) throws IOException {
    return new FindingsJob(spark, options).run();
  }

  /**
   * event_series, metric_series, events → capacity_model, capacity_plan and resource_forecast for one as-of
   * date, the partition {@code dt=<as-of>} of each, plus CSV and SVG reports (docs/capacity.md).
   */
  public static CapacityResult capacity(SparkSession spark, CapacityOptions options) throws IOException {
    return new CapacityJob(spark, options).run();
  }

  /**
   * Every table's partition of one day → the nightly report {@code <warehouse>/reports/dt=<date>/}
   * (index.html, figures.json, CSV files; docs/report.md).
   */
  public static ReportResult report(SparkSession spark, ReportOptions options) throws IOException {
    return new ReportJob(spark, options).run();
  }

  /** Ad-hoc SQL with every table as a view; table, CSV and JSON output go to {@code out}. */
  public static QueryJob.QueryResult query(SparkSession spark, QueryOptions options, PrintWriter out)
      throws IOException {
    return new QueryJob(spark, options).run(out);
  }

  /** A warm session for a sequence of statements (the {@code sql} shell): every table registered once. */
  public static io.opslake.jobs.query.SqlSession sql(SparkSession spark, String warehouseUri) throws IOException {
    return io.opslake.jobs.query.SqlSession.open(spark, warehouseUri);
  }

  /**
   * The warm SQL endpoint: every table as a view, served over JDBC/ODBC (Spark's Thrift server)
   * until {@link io.opslake.jobs.serve.SqlEndpoint#close()}; {@code result()} says what it serves.
   * The session must carry {@link io.opslake.jobs.serve.SqlEndpoint#SESSION_SETTINGS}.
   */
  public static io.opslake.jobs.serve.SqlEndpoint serve(SparkSession spark, io.opslake.jobs.serve.ServeOptions options)
      throws IOException {
    io.opslake.jobs.serve.SqlEndpoint endpoint = new io.opslake.jobs.serve.SqlEndpoint(spark, options);
    endpoint.start();
    return endpoint;
  }

  /** The catalog: tables, documented columns, partitions, row counts. */
  public static List<TablesJob.TableInfo> tables(SparkSession spark, String warehouseUri) throws IOException {
    return new TablesJob(spark, warehouseUri).run();
  }

  /**
   * A CSV of (load, throughput) measurements → the Universal Scalability Law fitted to them, with
   * standard errors and the peak (docs/algorithms.md). Needs no Spark: runs on the calling thread
   * with the points in memory.
   */
  public static UslFit usl(UslOptions options) {
    return UslFitter.fit(options.input().toString(), UslCsv.read(options.input()));
  }

  /**
   * One series CSV → the same rows scored by the streaming anomaly detector (docs/algorithms.md).
   * Needs no Spark: one plain-Java pass over the file; {@code warnings} gets one line per row
   * warned about.
   */
  public static DetectResult detect(DetectOptions options, Consumer<String> warnings) throws IOException {
    return new DetectJob(options, warnings).run();
  }

  /**
   * event_series, latency_series, raw_metrics, events → alert_firings (days of the range) and
   * alert_summary (dt = the range's last day): an alert rules file backtested over a date range
   * (docs/alerts.md).
   */
  public static io.opslake.jobs.alerts.AlertsBacktestResult alertsBacktest(SparkSession spark,
      io.opslake.jobs.alerts.AlertsBacktestOptions options) throws IOException {
    return new io.opslake.jobs.alerts.AlertsBacktestJob(spark, options).run();
  }
}
