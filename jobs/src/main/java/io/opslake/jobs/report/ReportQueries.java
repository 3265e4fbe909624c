package io.opslake.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.opslake.jobs.charts.SvgChart;
import io.opslake.jobs.report.ReportFigures.FindingsSection;
import io.opslake.jobs.report.ReportFigures.Provenance;
import io.opslake.jobs.report.ReportFigures.ReasonCount;
import io.opslake.jobs.report.ReportFigures.Reclassified;
import io.opslake.jobs.report.ReportFigures.SourceHealth;
import io.opslake.jobs.report.ReportFigures.TablePreview;
import io.opslake.jobs.report.ReportFigures.TopSeries;
import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The report's figures, read from the warehouse for one day. Each section is one small Spark
 * aggregation over the day's partitions (the busiest series also read the day before and the week
 * before); only aggregates reach the driver, at most a few hundred rows per section. A table the
 * warehouse does not have yet gives an empty section, never a failure.
 */
final class ReportQueries {
  /** Findings tables, in the order the report shows them, when the build defines them. */
  static final List<String> FINDINGS_TABLES =
      List.of("anomalies", "trends", "periodicity", "correlations", "seasonality", "novelty");
  static final List<String> CAPACITY_TABLES = List.of("capacity_plan", "resource_forecast", "capacity_model");
  static final List<String> ALERT_TABLES = List.of("alert_summary", "alert_firings");
  static final int SHOWN = 10;

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final LocalDate date;
  private final Date day;
  private final Map<String, String> charts = new TreeMap<>();

  ReportQueries(SparkSession spark, Warehouse warehouse, LocalDate date) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.date = date;
    this.day = Date.valueOf(date);
  }

  ReportFigures figures() throws IOException {
    Set<String> runs = ingestRuns();
    List<FindingsSection> findings = new ArrayList<>();
    List<String> findingsRuns = new ArrayList<>();
    for (String name : FINDINGS_TABLES) {
      Optional<TableDefinition> table = Tables.byName(name);
      if (table.isPresent()) {
        findings.add(findings(table.get()));
        findingsRuns.addAll(distinct(onDay(table.get()), "run_id"));
      }
    }
    return new ReportFigures(date.toString(),
        new Provenance(distinct(onDay(Tables.EVENTS), "rules_version"), List.copyOf(new TreeSet<>(runs)),
            List.copyOf(new TreeSet<>(findingsRuns))),
        sources(runs), quarantineReasons(runs), daysWithoutInput(), top(), reclassified(), List.copyOf(findings),
        previews(CAPACITY_TABLES), previews(ALERT_TABLES));
  }

  private Dataset<Row> onDay(TableDefinition table) throws IOException {
    return warehouse.read(spark, table).where(col("dt").equalTo(lit(day)));
  }

  private static List<String> distinct(Dataset<Row> rows, String column) {
    if (!Arrays.asList(rows.columns()).contains(column)) {
      return List.of();
    }
    return rows.select(col(column)).distinct().where(col(column).isNotNull()).collectAsList().stream()
        .map(row -> row.get(0).toString()).sorted().toList();
  }

  /** The ingest runs that wrote rows into the day, and those that ran on it. */
  private Set<String> ingestRuns() throws IOException {
    Set<String> runs = new TreeSet<>();
    runs.addAll(distinct(onDay(Tables.RAW_EVENTS), "ingest_run_id"));
    runs.addAll(distinct(onDay(Tables.RAW_METRICS), "ingest_run_id"));
    runs.addAll(distinct(onDay(Tables.INGEST_RUNS), "run_id"));
    return runs;
  }

  private List<SourceHealth> sources(Set<String> runs) throws IOException {
    Map<String, long[]> bySource = new TreeMap<>();
    for (Row row : onDay(Tables.RAW_EVENTS).groupBy("source").agg(count(lit(1))).collectAsList()) {
      bySource.computeIfAbsent(row.getString(0), key -> new long[3])[0] = row.getLong(1);
    }
    for (Row row : onDay(Tables.RAW_METRICS).groupBy("source").agg(count(lit(1))).collectAsList()) {
      bySource.computeIfAbsent(row.getString(0), key -> new long[3])[1] = row.getLong(1);
    }
    for (Row row : quarantineOf(runs).groupBy("format").agg(count(lit(1))).collectAsList()) {
      bySource.computeIfAbsent(row.getString(0), key -> new long[3])[2] = row.getLong(1);
    }
    return bySource.entrySet().stream()
        .map(entry -> new SourceHealth(entry.getKey(), entry.getValue()[0], entry.getValue()[1], entry.getValue()[2]))
        .toList();
  }

  private Dataset<Row> quarantineOf(Set<String> runs) throws IOException {
    return warehouse.read(spark, Tables.QUARANTINE).where(col("ingest_run_id").isin(runs.toArray()));
  }

  private List<ReasonCount> quarantineReasons(Set<String> runs) throws IOException {
    return quarantineOf(runs).groupBy("format", "reason").agg(count(lit(1)).as("n"))
        .orderBy(col("n").desc(), col("format"), col("reason")).limit(SHOWN).collectAsList().stream()
        .map(row -> new ReasonCount(row.getString(0), row.getString(1), row.getLong(2))).toList();
  }

  private List<String> daysWithoutInput() throws IOException {
    SortedSet<LocalDate> withInput = new TreeSet<>(warehouse.partitionDates(Tables.RAW_EVENTS));
    withInput.addAll(warehouse.partitionDates(Tables.RAW_METRICS));
    List<String> missing = new ArrayList<>();
    for (LocalDate d = date.minusDays(6); !d.isAfter(date); d = d.plusDays(1)) {
      if (!withInput.contains(d)) {
        missing.add(d.toString());
      }
    }
    return missing;
  }

  /** The ten busiest types, fingerprints and templates of the day, with the day and week before. */
  private List<TopSeries> top() throws IOException {
    Date dayBefore = Date.valueOf(date.minusDays(1));
    Date weekBefore = Date.valueOf(date.minusDays(7));
    Dataset<Row> days = warehouse.read(spark, Tables.EVENT_SERIES)
        .where(col("dt").isin(day, dayBefore, weekBefore).and(col("grain").equalTo("day"))
            .and(col("series_kind").isin("type", "fingerprint", "template")));
    Dataset<Row> perSeries = days.groupBy("series_kind", "series_key").agg(
        sum(when(col("dt").equalTo(lit(day)), col("count")).otherwise(0L)).as("on_day"),
        sum(when(col("dt").equalTo(lit(dayBefore)), col("count"))).as("day_before"),
        sum(when(col("dt").equalTo(lit(weekBefore)), col("count"))).as("week_before"));
    List<Row> rows = perSeries.where(col("on_day").gt(0))
        .withColumn("rank", row_number().over(
            Window.partitionBy("series_kind").orderBy(col("on_day").desc(), col("series_key"))))
        .where(col("rank").leq(SHOWN))
        .orderBy("series_kind", "rank").collectAsList();
    // A series without a row on a day that had input was at 0 that day (docs/series.md).
    Set<String> withInput = new TreeSet<>();
    for (Row row : warehouse.read(spark, Tables.SERIES_DAYS)
        .where(col("dt").isin(dayBefore, weekBefore).and(col("series_table").equalTo(Tables.EVENT_SERIES.name()))
            .and(col("has_input")))
        .select("dt", "series_kind").collectAsList()) {
      withInput.add(row.get(0) + "\t" + row.getString(1));
    }
    Map<String, String> labels = labels(rows);
    List<TopSeries> top = new ArrayList<>();
    for (String kind : List.of("type", "fingerprint", "template")) {
      for (Row row : rows) {
        if (row.getString(0).equals(kind)) {
          String key = row.getString(1);
          top.add(new TopSeries(kind, key, labels.getOrDefault(kind + "\t" + key, key), row.getLong(2),
              earlier(row, 3, withInput.contains(dayBefore + "\t" + kind)),
              earlier(row, 4, withInput.contains(weekBefore + "\t" + kind))));
        }
      }
    }
    return top;
  }

  /** The count of an earlier day: its row's, else 0 when that day had input, else unknown (null). */
  private static Long earlier(Row row, int field, boolean dayHadInput) {
    if (!row.isNullAt(field)) {
      return row.getLong(field);
    }
    return dayHadInput ? 0L : null;
  }

  /** An example message per top fingerprint (its smallest event id's) and the text of each top template. */
  private Map<String, String> labels(List<Row> rows) throws IOException {
    List<String> fingerprints = keys(rows, "fingerprint");
    List<String> templates = keys(rows, "template");
    Map<String, String> labels = new TreeMap<>();
    if (!fingerprints.isEmpty()) {
      for (Row row : onDay(Tables.EVENTS).where(col("fingerprint").isin(fingerprints.toArray()))
          .groupBy("fingerprint").agg(org.apache.spark.sql.functions.min_by(
              org.apache.spark.sql.functions.concat_ws(": ", col("type"),
                  org.apache.spark.sql.functions.substring(col("message"), 1, 160)), col("event_id")))
          .collectAsList()) {
        labels.put("fingerprint\t" + row.getString(0), row.getString(1));
      }
    }
    if (!templates.isEmpty()) {
      for (Row row : warehouse.read(spark, Tables.PATTERNS).where(col("template_id").isin(templates.toArray()))
          .select("template_id", "template").collectAsList()) {
        labels.put("template\t" + row.getString(0), row.getString(1));
      }
    }
    return labels;
  }

  private static List<String> keys(List<Row> rows, String kind) {
    return rows.stream().filter(row -> row.getString(0).equals(kind)).map(row -> row.getString(1)).toList();
  }

  private List<Reclassified> reclassified() throws IOException {
    Column changed = col("original_type").isNull().and(col("type").isNotNull())
        .or(col("original_type").notEqual(col("type")));
    return onDay(Tables.EVENTS).where(changed)
        .groupBy("original_type", "type", "rule_id").agg(count(lit(1)).as("n"))
        .orderBy(col("n").desc(), col("original_type"), col("type"), col("rule_id")).limit(20).collectAsList()
        .stream().map(row -> new Reclassified(row.getString(0), row.getString(1), row.getString(2), row.getLong(3)))
        .toList();
  }

  /** A findings table's day: its row count and the sentences of its most significant rows. */
  private FindingsSection findings(TableDefinition table) throws IOException {
    Dataset<Row> rows = onDay(table);
    List<String> columns = Arrays.asList(rows.columns());
    long total = rows.count();
    if (columns.contains("significant")) {
      rows = rows.where(col("significant"));
    }
    rows = rows.orderBy(significanceOrder(columns));
    List<String> shown = columns.contains("sentence")
        ? rows.select("sentence").limit(SHOWN).collectAsList().stream().map(row -> row.getString(0)).toList()
        : List.of();
    List<String> chartKeys = table.name().equals("trends") ? trendCharts(rows) : List.of();
    return new FindingsSection(table.name(), total, shown, chartKeys);
  }

  /** Charts drawn so far, by key; the page inlines them. */
  Map<String, String> charts() {
    return Map.copyOf(charts);
  }

  /**
   * A chart of the daily values of each of the three most significant trends over its window
   * (event counts from {@code event_series}, daily averages from {@code metric_series}).
   */
  private List<String> trendCharts(Dataset<Row> significantFirst) throws IOException {
    List<String> keys = new ArrayList<>();
    for (Row trend : significantFirst.limit(3).collectAsList()) {
      String seriesTable = trend.getAs("series_table");
      String seriesKey = trend.getAs("series_key");
      LocalDate from = LocalDate.parse(trend.<String>getAs("inputs_from"));
      boolean events = seriesTable.equals(Tables.EVENT_SERIES.name());
      TableDefinition source = events ? Tables.EVENT_SERIES : Tables.METRIC_SERIES;
      List<Row> points = warehouse.read(spark, source)
          .where(col("dt").between(Date.valueOf(from), day).and(col("grain").equalTo("day"))
              .and(col("series_kind").equalTo(trend.<String>getAs("series_kind")))
              .and(col("series_key").equalTo(seriesKey)))
          .select(col("dt"), col(events ? "count" : "avg").cast("double"))
          .orderBy("dt").collectAsList();
      double[] x = new double[points.size()];
      double[] y = new double[points.size()];
      for (int i = 0; i < points.size(); i++) {
        x[i] = points.get(i).<Date>getAs(0).toLocalDate().toEpochDay() - date.toEpochDay();
        y[i] = points.get(i).isNullAt(1) ? Double.NaN : points.get(i).getDouble(1);
      }
      String key = "trend-" + (keys.size() + 1);
      charts.put(key, new SvgChart(shorten(seriesKey, 70), "days before " + date, events ? "events per day" : "daily average")
          .size(560, 260).line(shorten(seriesKey, 18), x, y, false).render());
      keys.add(key);
    }
    return keys;
  }

  private static String shorten(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "\u2026";
  }

  /** Most significant first: the smallest adjusted p-value, else the largest score or strength; ties by sentence. */
  static Column[] significanceOrder(List<String> columns) {
    List<Column> order = new ArrayList<>();
    if (columns.contains("p_adjusted")) {
      order.add(col("p_adjusted").asc_nulls_last());
    }
    for (String measure : List.of("score", "strength", "confidence")) {
      if (columns.contains(measure)) {
        order.add(col(measure).desc_nulls_last());
      }
    }
    if (columns.contains("sentence")) {
      order.add(col("sentence"));
    }
    return order.toArray(Column[]::new);
  }

  private List<TablePreview> previews(List<String> names) throws IOException {
    List<TablePreview> previews = new ArrayList<>();
    for (String name : names) {
      Optional<TableDefinition> table = Tables.byName(name);
      if (table.isEmpty()) {
        continue;
      }
      Dataset<Row> rows = onDay(table.get()).drop("dt", "run_id");
      List<String> columns = Arrays.asList(rows.columns());
      List<String> shownColumns = columns.contains("sentence") ? List.of("sentence") : columns.subList(0, Math.min(8, columns.size()));
      List<List<String>> values = new ArrayList<>();
      Column[] order = shownColumns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
      for (Row row : rows.select(order).orderBy(order).limit(SHOWN).collectAsList()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          cells.add(row.isNullAt(i) ? "" : row.get(i).toString());
        }
        values.add(cells);
      }
      previews.add(new TablePreview(name, rows.count(), shownColumns, values));
    }
    return previews;
  }
}
