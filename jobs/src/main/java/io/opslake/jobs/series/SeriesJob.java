package io.opslake.jobs.series;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.opslake.schemas.TableDefinition;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Rebuilds the days {@code from}..{@code to} of {@code event_series}, {@code latency_series} and
 * {@code metric_series} from {@code events}, {@code raw_metrics} and {@code metric_rates}, and
 * records in {@code series_days} what input each day had (docs/series.md).
 *
 * <p>Every series key seen on a day gets its day bucket and its 24 hour buckets that day, and its
 * 1,440 minute buckets when it is a type or a type per host, or has at least {@link
 * SeriesOptions#minuteFloor()} points that day; empty buckets hold count 0 and null measures
 * ({@link SeriesGrid}). A day is a function of that day's input only, so a rerun replaces it with
 * the same rows.
 *
 * <p>Spark cost, per series table: two scans of its input days (one for the keys, one for the
 * buckets), the keys cached (one row per key and day), one shuffle aggregating each point three
 * times (once per grain) with the grid placeholders, and one shuffle by day to write one sorted
 * file set per day. Percentiles are {@code percentile_approx} with accuracy 10,000: each group
 * holds a bounded sketch, and a bucket of n values is exact below 10,000 values, else within n /
 * 10,000 ranks. The driver collects rows per day of each input and keys per day and kind, never a
 * series.
 *
 * <p>The number of Spark jobs does not depend on the range: one aggregation counts the input rows of
 * every day and input table, each series table is one staged partitioned write (every day of the
 * range at once, one file set per day) and one collect of its key counts, and the rows written are
 * derived from those counts (25 rows per key and day, 1,440 more with a minute grid) rather than
 * read back. About 24 jobs in all, whether the range is 1 or 120 days.
 *
 * <p>The four tables are staged first and committed one after another, {@code series_days} last,
 * each scoped to the range: a day in the range that yields no rows is emptied.
 */
public final class SeriesJob {
  private static final String[] SORT = {"dt", "grain", "series_kind", "series_key", "bucket_start"};

  private final SparkSession spark;
  private final SeriesOptions options;

  public SeriesJob(SparkSession spark, SeriesOptions options) {
    this.spark = spark;
    this.options = options;
  }

  public SeriesResult run() throws IOException {
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String range = "SERIES dt=" + options.from() + ".." + options.to();
    Dataset<Row> events = inRange(warehouse.read(spark, Tables.EVENTS));
    Dataset<Row> rawMetrics = inRange(warehouse.read(spark, Tables.RAW_METRICS));
    Dataset<Row> metricRates = inRange(warehouse.read(spark, Tables.METRIC_RATES));
    long floor = options.minuteFloor();
    try (PartitionRebuild eventRebuild = warehouse.rebuild(spark, Tables.EVENT_SERIES, "series");
        PartitionRebuild latencyRebuild = warehouse.rebuild(spark, Tables.LATENCY_SERIES, "series");
        PartitionRebuild metricRebuild = warehouse.rebuild(spark, Tables.METRIC_SERIES, "series");
        PartitionRebuild daysRebuild = warehouse.rebuild(spark, Tables.SERIES_DAYS, "series")) {
      jsc.setJobGroup("SERIES " + daysRebuild.runId(), range + " count input rows", false);
      Map<String, Map<LocalDate, Long>> inputRows = rowsPerDay(Map.of(
          "events", events, "raw_metrics", rawMetrics, "metric_rates", metricRates));

      Map<String, Map<LocalDate, Map<String, SeriesCoverage.KeyStats>>> stats = new HashMap<>();
      Map<String, Long> written = new TreeMap<>();
      jsc.setJobGroup("SERIES " + eventRebuild.runId(), range + " event_series", false);
      stats.put("event_series", build(Tables.EVENT_SERIES, eventRebuild, SeriesInputs.eventPoints(events),
          SeriesInputs.eventGrid(floor), SeriesInputs.eventMeasures(), UnaryOperator.identity()));
      jsc.setJobGroup("SERIES " + latencyRebuild.runId(), range + " latency_series", false);
      stats.put("latency_series", build(Tables.LATENCY_SERIES, latencyRebuild, SeriesInputs.latencyPoints(events),
          SeriesInputs.latencyGrid(floor), SeriesInputs.latencyMeasures(), SeriesInputs::withPercentiles));
      jsc.setJobGroup("SERIES " + metricRebuild.runId(), range + " metric_series", false);
      stats.put("metric_series", build(Tables.METRIC_SERIES, metricRebuild, SeriesInputs.metricPoints(rawMetrics, metricRates),
          SeriesInputs.metricGrid(floor), SeriesInputs.metricMeasures(), UnaryOperator.identity()));

      jsc.setJobGroup("SERIES " + daysRebuild.runId(), range + " series_days and commit", false);
      List<LocalDate> dates = options.dates();
      List<Row> coverage = SeriesCoverage.rows(dates, inputRows, stats, floor, daysRebuild.runId());
      daysRebuild.stage(spark.createDataFrame(coverage, Tables.SERIES_DAYS.tableSchema()).coalesce(1));
      List<String> runIds = new ArrayList<>();
      Map<TableDefinition, PartitionRebuild> inCommitOrder = new java.util.LinkedHashMap<>();
      inCommitOrder.put(Tables.EVENT_SERIES, eventRebuild);
      inCommitOrder.put(Tables.LATENCY_SERIES, latencyRebuild);
      inCommitOrder.put(Tables.METRIC_SERIES, metricRebuild);
      inCommitOrder.put(Tables.SERIES_DAYS, daysRebuild);
      for (Map.Entry<TableDefinition, PartitionRebuild> entry : inCommitOrder.entrySet()) {
        String name = entry.getKey().name();
        written.put(name, name.equals(Tables.SERIES_DAYS.name()) ? coverage.size() : SeriesCoverage.rows(stats.get(name)));
        runIds.add(entry.getValue().commit(RebuildScope.range(options.from(), options.to())).runId());
      }
      return new SeriesResult(runIds, options.from(), options.to(), dates.stream().map(LocalDate::toString).toList(),
          SeriesCoverage.daysWithoutInput(dates, inputRows).stream().map(LocalDate::toString).toList(),
          total(inputRows.get("events")), total(inputRows.get("raw_metrics")), total(inputRows.get("metric_rates")),
          written, Duration.between(options.startedAt(), Instant.now()));
    } finally {
      jsc.clearJobGroup();
    }
  }

  /**
   * Stages one series table for the range and returns, per day and series kind, the points, keys
   * and minute-grid keys it holds.
   */
  private Map<LocalDate, Map<String, SeriesCoverage.KeyStats>> build(TableDefinition table, PartitionRebuild rebuild,
      Dataset<Row> points, SeriesGrid grid, List<Column> measures, UnaryOperator<Dataset<Row>> finish) {
    Dataset<Row> keys = grid.keys(points).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column[] columns = Arrays.stream(table.tableSchema().fieldNames()).map(name -> col(name)).toArray(Column[]::new);
      rebuild.stage(finish.apply(grid.aggregate(points, keys, measures)).select(columns)
          .repartition(col("dt")).sortWithinPartitions(SORT[0], Arrays.copyOfRange(SORT, 1, SORT.length)));
      Map<LocalDate, Map<String, SeriesCoverage.KeyStats>> stats = new TreeMap<>();
      for (Row row : keys.groupBy(col("dt"), col("series_kind"))
          .agg(sum(col("points")), count(lit(1)), sum(col("minute_grid").cast("long")))
          .collectAsList()) {
        stats.computeIfAbsent(row.<Date>getAs(0).toLocalDate(), day -> new TreeMap<>())
            .put(row.getString(1), new SeriesCoverage.KeyStats(row.getLong(2), row.getLong(3), row.getLong(4)));
      }
      return stats;
    } finally {
      keys.unpersist();
    }
  }

  private Dataset<Row> inRange(Dataset<Row> table) {
    return table.where(col("dt").between(Date.valueOf(options.from()), Date.valueOf(options.to())));
  }

  /** Per input table, its rows per day (days without rows missing): one aggregation over all inputs. */
  private static Map<String, Map<LocalDate, Long>> rowsPerDay(Map<String, Dataset<Row>> tables) {
    Map<String, Map<LocalDate, Long>> rows = new TreeMap<>();
    Dataset<Row> days = null;
    for (Map.Entry<String, Dataset<Row>> table : tables.entrySet()) {
      rows.put(table.getKey(), new TreeMap<>());
      Dataset<Row> tagged = table.getValue().select(lit(table.getKey()).as("input"), col("dt"));
      days = days == null ? tagged : days.union(tagged);
    }
    for (Row row : days.groupBy(col("input"), col("dt")).count().collectAsList()) {
      rows.get(row.getString(0)).put(row.<Date>getAs(1).toLocalDate(), row.getLong(2));
    }
    return rows;
  }

  private static long total(Map<LocalDate, Long> rows) {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }
}
