package io.opslake.jobs.findings;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.opslake.schemas.Tables;
import io.opslake.storage.TableStore;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The {@code trends} rows of one as-of date D: the day-grain series of {@code event_series} (kinds
 * {@code type}, {@code type_host}; the count) and {@code metric_series} (the daily {@code avg}) in the
 * 371 days up to D (365 for the windows, the week a year back for the year-over-year change), grouped per series ({@code groupByKey}, one shuffle of at most 365 small rows per
 * series), each group's windows evaluated in its task by {@link SeriesTrends}, then the
 * Benjamini–Hochberg correction across every row of the run.
 *
 * <p>The correction needs every p-value at once: the driver collects one (row id, p-value) pair per
 * trend row (about 100 bytes each: 10,000 series × 3 windows is 3 MB), adjusts them, derives the
 * per-series slow-drift flag, and the result is broadcast-joined back to the rows, which are kept
 * (memory and disk) between the collect and the write so the groups are evaluated once.
 */
final class TrendFindings {
  static final List<String> EVENT_KINDS = List.of("type", "type_host");

  /** What the per-series step emits, before the correction. */
  private static final StructType PER_SERIES = new StructType()
      .add("series_table", DataTypes.StringType, false)
      .add("series_kind", DataTypes.StringType, false)
      .add("series_key", DataTypes.StringType, false)
      .add("window_days", DataTypes.IntegerType, false)
      .add("n", DataTypes.IntegerType, false)
      .add("slope_per_day", DataTypes.DoubleType, false)
      .add("slope_ci_low", DataTypes.DoubleType, false)
      .add("slope_ci_high", DataTypes.DoubleType, false)
      .add("relative_slope_per_week", DataTypes.DoubleType, true)
      .add("mann_kendall_tau", DataTypes.DoubleType, false)
      .add("p_value", DataTypes.DoubleType, false)
      .add("week_over_week_change", DataTypes.DoubleType, true)
      .add("year_over_year_change", DataTypes.DoubleType, true)
      .add("sentence", DataTypes.StringType, false)
      .add("inputs_from", DataTypes.StringType, false)
      .add("inputs_to", DataTypes.StringType, false);

  private static final StructType ADJUSTED = new StructType()
      .add("test_id", DataTypes.StringType, false)
      .add("p_adjusted", DataTypes.DoubleType, false)
      .add("slow_drift", DataTypes.BooleanType, false);

  /** The staged rows and what the driver learnt about them. */
  record Outcome(Dataset<Row> rows, long tests, long significant) {}

  private TrendFindings() {}

  /**
   * Day-grain values of the trend series in the {@link SeriesTrends#HISTORY_DAYS} days up to {@code
   * asOf} (the 365-day window and, for the year-over-year change, the week 52 weeks before the last),
   * one row per series and day.
   */
  static Dataset<Row> dailyValues(SparkSession spark, TableStore store, LocalDate asOf) throws IOException {
    Date from = Date.valueOf(asOf.minusDays(SeriesTrends.HISTORY_DAYS - 1));
    Date to = Date.valueOf(asOf);
    Dataset<Row> events = store.read(spark, Tables.EVENT_SERIES)
        .where(col("dt").between(from, to).and(col("grain").equalTo("day")).and(col("series_kind").isin(
            EVENT_KINDS.toArray())))
        .select(lit("event_series").as("series_table"), col("series_kind"), col("series_key"), col("type"),
            col("hostname"), expr("unix_date(dt)").cast("long").as("day"), col("count").cast("double").as("value"));
    Dataset<Row> metrics = store.read(spark, Tables.METRIC_SERIES)
        .where(col("dt").between(from, to).and(col("grain").equalTo("day")).and(col("avg").isNotNull()))
        .select(lit("metric_series").as("series_table"), col("series_kind"), col("series_key"),
            lit(null).cast("string").as("type"), col("hostname"), expr("unix_date(dt)").cast("long").as("day"),
            col("avg").as("value"));
    return events.unionByName(metrics);
  }

  /**
   * The trend rows with the table's data columns: per series and window, then adjusted across the
   * run. The returned rows are persisted; the caller unpersists them after staging.
   */
  static Outcome rows(SparkSession spark, Dataset<Row> daily, LocalDate asOf, Map<String, Set<Long>> coverage,
      LongAccumulator seriesExamined, String runId) {
    Dataset<Row> perSeries = daily
        .groupByKey((MapFunction<Row, String>) row -> coverageKey(row.getString(0), row.getString(1)) + '\t'
            + row.getString(2), Encoders.STRING())
        .flatMapGroups(new PerSeries(asOf, coverage, seriesExamined), Encoders.row(PER_SERIES))
        .withColumn("test_id", concat_ws("\t", col("series_table"), col("series_kind"), col("series_key"),
            col("window_days").cast("string")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<Row> tests = perSeries.select(col("test_id"), col("p_value")).collectAsList();
    List<Row> adjusted = adjust(tests);
    long significant = adjusted.stream().filter(row -> row.getDouble(1) <= 0.05).count();
    String uncorrected = "; not significant once the run's " + tests.size()
        + " trend tests are accounted for (Benjamini–Hochberg)";
    Dataset<Row> rows = perSeries
        .join(broadcast(spark.createDataFrame(adjusted, ADJUSTED)), "test_id")
        .withColumn("significant", col("p_adjusted").leq(0.05))
        .withColumn("sentence", when(col("p_value").lt(0.05).and(not(col("significant"))),
            concat(col("sentence"), lit(uncorrected))).otherwise(col("sentence")))
        .withColumn("run_id", lit(runId))
        .select(Tables.TRENDS.dataSchema().fieldNames()[0], dataColumnsAfterFirst());
    return new Outcome(rows, tests.size(), significant);
  }

  /** Benjamini–Hochberg over every test of the run, and each series' slow-drift flag. */
  static List<Row> adjust(List<Row> tests) {
    double[] p = tests.stream().mapToDouble(row -> row.getDouble(1)).toArray();
    double[] adjusted = BenjaminiHochberg.adjust(p);
    // Per series: window → significant, in window order.
    Map<String, Map<Integer, Boolean>> bySeries = new LinkedHashMap<>();
    for (int i = 0; i < tests.size(); i++) {
      String id = tests.get(i).getString(0);
      int cut = id.lastIndexOf('\t');
      bySeries.computeIfAbsent(id.substring(0, cut), series -> new java.util.TreeMap<>())
          .put(Integer.parseInt(id.substring(cut + 1)), adjusted[i] <= 0.05);
    }
    Set<String> drifting = new HashSet<>();
    bySeries.forEach((series, windows) -> {
      List<Boolean> significance = new ArrayList<>(windows.values());
      int last = significance.size() - 1;
      if (last >= 1 && significance.get(last) && !significance.subList(0, last).contains(true)) {
        drifting.add(series);
      }
    });
    List<Row> rows = new ArrayList<>(tests.size());
    for (int i = 0; i < tests.size(); i++) {
      String id = tests.get(i).getString(0);
      rows.add(RowFactory.create(id, adjusted[i], drifting.contains(id.substring(0, id.lastIndexOf('\t')))));
    }
    return rows;
  }

  static String coverageKey(String seriesTable, String seriesKind) {
    return seriesTable + '\t' + seriesKind;
  }

  private static String[] dataColumnsAfterFirst() {
    String[] names = Tables.TRENDS.dataSchema().fieldNames();
    return java.util.Arrays.copyOfRange(names, 1, names.length);
  }

  /** Runs {@link SeriesTrends} on one series' daily rows, inside a task. */
  private static final class PerSeries implements FlatMapGroupsFunction<String, Row, Row>, Serializable {
    private final LocalDate asOf;
    private final Map<String, Set<Long>> coverage;
    private final LongAccumulator seriesExamined;

    PerSeries(LocalDate asOf, Map<String, Set<Long>> coverage, LongAccumulator seriesExamined) {
      this.asOf = asOf;
      this.coverage = new HashMap<>(coverage);
      this.seriesExamined = seriesExamined;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> points) {
      Map<Long, Double> values = new HashMap<>();
      Row first = null;
      while (points.hasNext()) {
        Row point = points.next();
        first = first == null ? point : first;
        values.merge(point.getLong(5), point.getDouble(6), Double::sum);
      }
      // A series seen only in the week a year back has no trend of its own today.
      if (!SeriesTrends.hasValueInLongestWindow(asOf.toEpochDay(), values)) {
        return java.util.Collections.emptyIterator();
      }
      seriesExamined.add(1);
      String table = first.getString(0);
      String kind = first.getString(1);
      boolean eventCounts = table.equals("event_series");
      Set<Long> daysWithInput = coverage.getOrDefault(coverageKey(table, kind), Set.of());
      List<Row> rows = new ArrayList<>();
      for (SeriesTrends.Finding finding : SeriesTrends.of(asOf, values, daysWithInput, eventCounts, what(first))) {
        Trend trend = finding.trend();
        rows.add(RowFactory.create(table, kind, first.getString(2), finding.windowDays(), trend.mannKendall().n(),
            trend.theilSen().slope(), trend.theilSen().lower(), trend.theilSen().upper(),
            orNull(finding.relativeSlopePerWeek()), trend.mannKendall().tau(), trend.mannKendall().pValue(),
            orNull(finding.weekOverWeekChange()), orNull(finding.yearOverYearChange()), finding.sentence(), finding.from().toString(),
            finding.to().toString()));
      }
      return rows.iterator();
    }

    private static String what(Row first) {
      return switch (first.getString(1)) {
        case "type" -> first.getString(3) + " events per day";
        case "type_host" -> first.getString(3) + " events on " + first.getString(4) + " per day";
        case "metric_rates" -> "the daily mean rate of " + first.getString(2);
        default -> "the daily mean of " + first.getString(2);
      };
    }

    private static Double orNull(double value) {
      return Double.isNaN(value) ? null : value;
    }
  }
}
