package io.opslake.jobs.findings;

import static org.apache.spark.sql.functions.col;

import io.opslake.schemas.Tables;
import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * Computes the findings of one as-of date D from the series tables and writes the partition {@code
 * dt=D} of {@code trends} ({@link TrendFindings}: Theil–Sen and Mann–Kendall per day-grain series
 * and window, Benjamini–Hochberg across the run) and {@code novelty} ({@link NoveltyFindings}:
 * fingerprints and templates new on D or stopped on D), {@code seasonality} ({@link
 * SeasonalityFindings}: STL profile and strength per hour-grain series) and {@code anomalies} ({@link
 * AnomalyFindings}: causal detector episodes on D per hour-grain series, and fleet outliers per event
 * type), {@code periodicity} ({@link PeriodicityFindings}: ACF and periodogram peaks of the minute
 * and hour series, and the {@code repetition} rules on the events of the week) and {@code
 * correlations} ({@link CorrelationFindings}: lagged correlations of differenced candidate pairs,
 * Benjamini–Hochberg across the pairs). docs/findings.md has the rules.
 *
 * <p>Each table is one step: stage its rows, then the tables are committed one after another, each
 * replacing the partition D (a rerun for D replaces it; a table with no finding for D is emptied).
 * be further steps of this job.
 *
 * <p>Spark cost: trends read the day rows of the 365 days up to D and shuffle them once by series;
 * novelty reads the day rows of fingerprints and templates over the whole history and aggregates
 * them once by key; seasonality and anomalies read the hour rows of the 28 days up to D once (kept in
 * memory and disk for both) and each shuffles them once by series; fleet outliers read D's day rows; periodicity and correlations cost what their classes say. The driver collects the {@code series_days} rows of those 365 days (eight per
 * day) and one (row id, p-value) pair per trend row, never a series.
 */
public final class FindingsJob {
  private final SparkSession spark;
  private final FindingsOptions options;

  public FindingsJob(SparkSession spark, FindingsOptions options) {
    this.spark = spark;
    this.options = options;
  }

  public FindingsResult run() throws IOException {
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LocalDate asOf = options.asOf();
    String step = "FINDINGS dt=" + asOf;
    RebuildScope scope = RebuildScope.dates(List.of(asOf));
    try (PartitionRebuild trendsRebuild = warehouse.rebuild(spark, Tables.TRENDS, "findings");
        PartitionRebuild noveltyRebuild = warehouse.rebuild(spark, Tables.NOVELTY, "findings");
        PartitionRebuild seasonalityRebuild = warehouse.rebuild(spark, Tables.SEASONALITY, "findings");
        PartitionRebuild anomaliesRebuild = warehouse.rebuild(spark, Tables.ANOMALIES, "findings");
        PartitionRebuild periodicityRebuild = warehouse.rebuild(spark, Tables.PERIODICITY, "findings");
        PartitionRebuild correlationsRebuild = warehouse.rebuild(spark, Tables.CORRELATIONS, "findings")) {
      jsc.setJobGroup("FINDINGS " + trendsRebuild.runId(), step + " series_days", false);
      Map<String, Set<Long>> coverage = coverage(warehouse, asOf, 365);

      jsc.setJobGroup("FINDINGS " + trendsRebuild.runId(), step + " trends", false);
      LongAccumulator examined = spark.sparkContext().longAccumulator("findings series examined");
      TrendFindings.Outcome trends = TrendFindings.rows(spark, TrendFindings.dailyValues(spark, warehouse, asOf),
          asOf, coverage(warehouse, asOf, SeriesTrends.HISTORY_DAYS), examined, trendsRebuild.runId());
      try {
        trendsRebuild.stagePartition(asOf, trends.rows().repartition(1)
            .sortWithinPartitions("series_table", "series_kind", "series_key", "window_days"), 1);
      } finally {
        trends.rows().unpersist();
      }

      jsc.setJobGroup("FINDINGS " + noveltyRebuild.runId(), step + " novelty", false);
      Set<String> kindsWithInput = new HashSet<>();
      coverage.forEach((tableAndKind, days) -> {
        if (days.contains(asOf.toEpochDay()) && tableAndKind.startsWith("event_series\t")) {
          kindsWithInput.add(tableAndKind.substring("event_series\t".length()));
        }
      });
      Dataset<Row> novelty = NoveltyFindings.rows(spark, warehouse, asOf, kindsWithInput, noveltyRebuild.runId());
      noveltyRebuild.stagePartition(asOf, novelty.repartition(1).sortWithinPartitions("status", "series_kind",
          "series_key"), 1);
      Map<String, Long> byStatus = new TreeMap<>();
      for (Row row : noveltyRebuild.staged().groupBy(col("status")).count().collectAsList()) {
        byStatus.put(row.getString(0), row.getLong(1));
      }

      Map<String, Long> rowsWritten = new HashMap<>();
      Dataset<Row> hourly = HourlySeries.read(spark, warehouse, asOf).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        jsc.setJobGroup("FINDINGS " + seasonalityRebuild.runId(), step + " seasonality", false);
        seasonalityRebuild.stagePartition(asOf, SeasonalityFindings.rows(hourly, asOf, coverage,
            seasonalityRebuild.runId()).repartition(1).sortWithinPartitions("series_table", "series_kind", "series_key"), 1);
        rowsWritten.put(Tables.SEASONALITY.name(), seasonalityRebuild.staged().count());

        jsc.setJobGroup("FINDINGS " + anomaliesRebuild.runId(), step + " anomalies", false);
        anomaliesRebuild.stagePartition(asOf, AnomalyFindings.rows(spark, warehouse, hourly, asOf, coverage,
            anomaliesRebuild.runId()).repartition(1).sortWithinPartitions("bucket_start", "series_table", "series_key",
            "kind"), 1);
        rowsWritten.put(Tables.ANOMALIES.name(), anomaliesRebuild.staged().count());
      } finally {
        hourly.unpersist();
      }

      jsc.setJobGroup("FINDINGS " + periodicityRebuild.runId(), step + " periodicity", false);
      rowsWritten.put(Tables.PERIODICITY.name(), stagePeriodicity(warehouse, periodicityRebuild, coverage));

      jsc.setJobGroup("FINDINGS " + correlationsRebuild.runId(), step + " correlations", false);
      CorrelationFindings.Outcome correlations =
          CorrelationFindings.rows(spark, warehouse, asOf, coverage, correlationsRebuild.runId());
      try {
        correlationsRebuild.stagePartition(asOf, correlations.rows().repartition(1)
            .sortWithinPartitions("correlation_rank"), 1);
      } finally {
        correlations.unpersist();
      }
      rowsWritten.put(Tables.CORRELATIONS.name(), correlations.pairs());

      jsc.setJobGroup("FINDINGS " + noveltyRebuild.runId(), step + " commit", false);
      List<String> runIds = new ArrayList<>();
      runIds.add(trendsRebuild.commit(scope).runId());
      runIds.add(noveltyRebuild.commit(scope).runId());
      runIds.add(seasonalityRebuild.commit(scope).runId());
      runIds.add(anomaliesRebuild.commit(scope).runId());
      runIds.add(periodicityRebuild.commit(scope).runId());
      runIds.add(correlationsRebuild.commit(scope).runId());
      long noveltyRows = byStatus.values().stream().mapToLong(Long::longValue).sum();
      rowsWritten.put(Tables.TRENDS.name(), trends.tests());
      rowsWritten.put(Tables.NOVELTY.name(), noveltyRows);
      return new FindingsResult(runIds, asOf, examined.value(), trends.significant(),
          byStatus.getOrDefault("new", 0L), byStatus.getOrDefault("stopped", 0L), rowsWritten,
          Duration.between(options.startedAt(), Instant.now()));
    } finally {
      jsc.clearJobGroup();
    }
  }

  /** Stages the periodicity rows of the series and of the event groups; returns how many. */
  private long stagePeriodicity(Warehouse warehouse, PartitionRebuild rebuild, Map<String, Set<Long>> coverage)
      throws IOException {
    LocalDate asOf = options.asOf();
    Dataset<Row> series = PeriodicityFindings.seriesRows(spark, warehouse, asOf, coverage, rebuild.runId())
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> rows = PeriodicityFindings.withoutAliases(series).unionByName(spark.createDataFrame(
          PeriodicityFindings.eventGroupRows(spark, warehouse, asOf, rebuild.runId()), Tables.PERIODICITY.dataSchema()));
      rebuild.stagePartition(asOf, rows.repartition(1).sortWithinPartitions("series_table", "series_kind",
          "series_key", "method", "grain", "period_rank"), 1);
      return rebuild.staged().count();
    } finally {
      series.unpersist();
    }
  }

  /**
   * Per series table and kind ({@link TrendFindings#coverageKey}), the epoch days with input among
   * the {@code historyDays} days up to D.
   */
  private Map<String, Set<Long>> coverage(Warehouse warehouse, LocalDate asOf, int historyDays) throws IOException {
    Map<String, Set<Long>> coverage = new HashMap<>();
    List<Row> days = warehouse.read(spark, Tables.SERIES_DAYS)
        .where(col("dt").between(Date.valueOf(asOf.minusDays(historyDays - 1)), Date.valueOf(asOf)).and(col("has_input")))
        .select(col("series_table"), col("series_kind"), col("dt"))
        .collectAsList();
    for (Row row : days) {
      coverage.computeIfAbsent(TrendFindings.coverageKey(row.getString(0), row.getString(1)), key -> new HashSet<>())
          .add(row.<Date>getAs(2).toLocalDate().toEpochDay());
    }
    return coverage;
  }
}
