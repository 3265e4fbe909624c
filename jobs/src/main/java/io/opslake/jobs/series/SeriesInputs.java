package io.opslake.jobs.series;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_micros;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * What each series table is built from: the points of {@code events}, {@code raw_metrics} and
 * {@code metric_rates} keyed by series, the grid rule and the measures of each table
 * ({@link SeriesGrid}). Column expressions only; nothing runs here.
 */
final class SeriesInputs {
  /** Stands for a null type or hostname in keys, so that such events are counted too. */
  static final String NONE = "(none)";

  /** Percentile accuracy of {@code percentile_approx}: rank error at most n / 10,000. */
  static final int PERCENTILE_ACCURACY = 10_000;

  private static final UserDefinedFunction URL_GROUP =
      udf((UDF1<String, String>) UrlGroups::of, DataTypes.StringType);

  private SeriesInputs() {}

  /** One point per event and kind: type, type_host, fingerprint (if any), template (if any). */
  static Dataset<Row> eventPoints(Dataset<Row> events) {
    Column type = coalesce(col("type"), lit(NONE));
    Column host = coalesce(col("hostname"), lit(NONE));
    Column none = lit(null).cast("string");
    return events
        .select(col("dt"), unix_micros(col("ts")).as("micros"), explode(array(
            kind("type", type, type, none),
            kind("type_host", concat(type, lit("|"), host), type, host),
            kind("fingerprint", col("fingerprint"), none, none),
            kind("template", col("template_id"), none, none))).as("k"))
        .select(col("dt"), col("micros"), col("k.series_kind"), col("k.series_key"), col("k.type"),
            col("k.hostname"), lit(1.0).as("value"))
        .where(col("series_key").isNotNull());
  }

  static SeriesGrid eventGrid(long minuteFloor) {
    return new SeriesGrid(List.of(first(col("type")).as("type"), first(col("hostname")).as("hostname")),
        List.of("type", "hostname"), Set.of("type", "type_host"), minuteFloor);
  }

  static List<Column> eventMeasures() {
    return List.of(count(col("value")).as("count"));
  }

  /** One point per event with a duration and kind: type, and url_group when it has a URL. */
  static Dataset<Row> latencyPoints(Dataset<Row> events) {
    Column type = coalesce(col("type"), lit(NONE));
    Column none = lit(null).cast("string");
    return events
        .where(col("duration_ms").isNotNull().and(not(isnan(col("duration_ms")))))
        .withColumn("url_group", URL_GROUP.apply(col("url")))
        .select(col("dt"), unix_micros(col("ts")).as("micros"), col("duration_ms").as("value"),
            explode(array(
                kind("type", type, type, none),
                kind("url_group", col("url_group"), none, col("url_group")))).as("k"))
        .select(col("dt"), col("micros"), col("k.series_kind"), col("k.series_key"), col("k.type"),
            col("k.hostname").as("url_group"), col("value"))
        .where(col("series_key").isNotNull());
  }

  static SeriesGrid latencyGrid(long minuteFloor) {
    return new SeriesGrid(List.of(first(col("type")).as("type"), first(col("url_group")).as("url_group")),
        List.of("type", "url_group"), Set.of("type"), minuteFloor);
  }

  static List<Column> latencyMeasures() {
    return List.of(count(col("value")).as("count"),
        expr("percentile_approx(value, array(0.5, 0.95, 0.99), " + PERCENTILE_ACCURACY + ")").as("percentiles"),
        max(col("value")).as("max_ms"));
  }

  /** The latency_series columns from {@link SeriesGrid#aggregate}'s output. */
  static Dataset<Row> withPercentiles(Dataset<Row> aggregated) {
    return aggregated
        .withColumn("p50_ms", col("percentiles").getItem(0))
        .withColumn("p95_ms", col("percentiles").getItem(1))
        .withColumn("p99_ms", col("percentiles").getItem(2));
  }

  /** One point per datapoint of raw_metrics and per rate of metric_rates (NaN values left out). */
  static Dataset<Row> metricPoints(Dataset<Row> rawMetrics, Dataset<Row> metricRates) {
    Dataset<Row> raw = rawMetrics.select(col("dt"), col("ts"), lit("raw_metrics").as("series_kind"), col("name"),
        col("hostname"), col("labels"), col("kind").as("metric_kind"), col("unit"), col("value"));
    Dataset<Row> rates = metricRates.select(col("dt"), col("ts"), lit("metric_rates").as("series_kind"),
        col("name"), col("hostname"), col("labels"), lit("rate").as("metric_kind"), col("unit"),
        col("rate").as("value"));
    return raw.unionByName(rates)
        .where(not(isnan(col("value"))))
        .withColumn("labels", expr("map_from_entries(array_sort(map_entries(labels)))"))
        .select(col("dt"), unix_micros(col("ts")).as("micros"), col("series_kind"),
            expr("concat(name, '{', array_join(concat("
                + "if(hostname IS NULL, array(), array(concat('hostname=', hostname))),"
                + " transform(map_entries(labels), e -> concat(e.key, '=', e.value))), ','), '}')")
                .as("series_key"),
            col("name"), col("hostname"), col("labels"), col("metric_kind"), col("unit"), col("value"));
  }

  static SeriesGrid metricGrid(long minuteFloor) {
    return new SeriesGrid(List.of(first(col("name")).as("name"), first(col("hostname")).as("hostname"),
            first(col("labels")).as("labels"), min(col("metric_kind")).as("metric_kind"), min(col("unit")).as("unit")),
        List.of("name", "hostname", "labels", "metric_kind", "unit"), Set.of(), minuteFloor);
  }

  static List<Column> metricMeasures() {
    return List.of(count(col("value")).as("count"), avg(col("value")).as("avg"), min(col("value")).as("min"),
        max(col("value")).as("max"),
        expr("percentile_approx(value, 0.95, " + PERCENTILE_ACCURACY + ")").as("p95"),
        // The latest datapoint; among datapoints at the same time, the largest value. Placeholders have no time.
        expr("max_by(value, if(micros IS NULL, NULL, named_struct('micros', micros, 'value', value)))").as("last"));
  }

  private static Column kind(String kind, Column key, Column type, Column hostname) {
    return struct(lit(kind).as("series_kind"), key.as("series_key"), type.as("type"), hostname.as("hostname"));
  }
}
