package io.opslake.jobs.series;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns points into dense series at minute, hour and day grain: for every series key seen on a
 * day, its day bucket and its 24 hour buckets, and its 1,440 minute buckets when the key has a
 * minute grid that day ({@link #keys}); each bucket aggregated with the caller's measures, which
 * see no point in an empty bucket (counts 0, other aggregates null).
 *
 * <p>Points are rows with {@code dt} (date), {@code micros} (the point's time, µs since the
 * epoch), {@code series_kind}, {@code series_key}, {@code value} (double) and the descriptive
 * columns that {@link #keys} aggregates per key. Measures are aggregate columns over {@code value}
 * and {@code micros}.
 *
 * <p>Spark cost: {@link #keys} is one aggregation of the points (one row per key and day, small);
 * {@link #aggregate} unions three copies of each point (one per grain) with one placeholder row
 * per bucket of the grid and aggregates them in one shuffle keyed by day, grain, bucket and key.
 * No join, nothing collected. Output rows per key and day: 25, or 1,465 with a minute grid.
 */
final class SeriesGrid {
  static final String MINUTE = "minute";
  static final String HOUR = "hour";
  static final String DAY = "day";

  private static final String DAY_START = "(CAST(unix_date(dt) AS BIGINT) * 86400000000L)";

  private final List<Column> descriptiveAggregates;
  private final List<String> descriptiveNames;
  private final Set<String> alwaysMinuteKinds;
  private final long minuteFloor;

  /**
   * @param descriptiveAggregates per key, aggregates of the points that name it (e.g. {@code
   *     first(type)}), aliased; they must be functions of the key so that every run writes the same
   * @param alwaysMinuteKinds series kinds that get a minute grid whatever their activity
   * @param minuteFloor other keys get one on a day when they have at least this many points
   */
  SeriesGrid(List<Column> descriptiveAggregates, List<String> descriptiveNames, Set<String> alwaysMinuteKinds,
      long minuteFloor) {
    this.descriptiveAggregates = List.copyOf(descriptiveAggregates);
    this.descriptiveNames = List.copyOf(descriptiveNames);
    this.alwaysMinuteKinds = Set.copyOf(alwaysMinuteKinds);
    this.minuteFloor = minuteFloor;
  }

  /** One row per day and key: dt, series_kind, series_key, points, the descriptive columns, minute_grid. */
  Dataset<Row> keys(Dataset<Row> points) {
    List<Column> aggregates = new ArrayList<>(descriptiveAggregates);
    Dataset<Row> keys = points.groupBy(col("dt"), col("series_kind"), col("series_key"))
        .agg(count(lit(1)).as("points"), aggregates.toArray(Column[]::new));
    return keys.withColumn("minute_grid",
        col("series_kind").isin(alwaysMinuteKinds.toArray()).or(col("points").geq(minuteFloor)));
  }

  /**
   * The dense series: dt, grain, series_kind, series_key, the descriptive columns, minute_grid,
   * the measures (aliased by the caller) and bucket_start; callers select the table's order.
   */
  Dataset<Row> aggregate(Dataset<Row> points, Dataset<Row> keys, List<Column> measures) {
    List<Column> gridColumns = new ArrayList<>(List.of(col("dt"), col("series_kind"), col("series_key"),
        col("bucket.grain").as("grain"), col("bucket.micros").as("bucket_micros")));
    List<Column> pointColumns = new ArrayList<>(gridColumns);
    for (String name : descriptiveNames) {
      gridColumns.add(col(name));
      pointColumns.add(lit(null).cast(keys.schema().apply(name).dataType()).as(name));
    }
    gridColumns.addAll(List.of(col("minute_grid"), lit(null).cast("bigint").as("micros"),
        lit(null).cast("double").as("value")));
    pointColumns.addAll(List.of(lit(null).cast("boolean").as("minute_grid"), col("micros"), col("value")));

    // Placeholders: one row per bucket of every key's grid; they hold no value.
    Dataset<Row> grid = keys
        .withColumn("bucket", expr("explode(concat("
            + "array(named_struct('grain', 'day', 'micros', " + DAY_START + ")),"
            + " transform(sequence(0, 23), h -> named_struct('grain', 'hour', 'micros', "
            + DAY_START + " + h * 3600000000L)),"
            + " filter(transform(sequence(0, 1439), m -> named_struct('grain', 'minute', 'micros', "
            + DAY_START + " + m * 60000000L)), b -> minute_grid)))"))
        .select(gridColumns.toArray(Column[]::new));
    Dataset<Row> expanded = points
        .withColumn("bucket", expr("explode(array("
            + "named_struct('grain', 'minute', 'micros', micros - pmod(micros, 60000000L)),"
            + " named_struct('grain', 'hour', 'micros', micros - pmod(micros, 3600000000L)),"
            + " named_struct('grain', 'day', 'micros', " + DAY_START + ")))"))
        .select(pointColumns.toArray(Column[]::new));

    List<Column> aggregates = new ArrayList<>();
    for (String name : descriptiveNames) {
      aggregates.add(first(col(name), true).as(name));
    }
    aggregates.add(max(col("minute_grid")).as("minute_grid"));
    aggregates.addAll(measures);
    return grid.unionByName(expanded)
        .groupBy(col("dt"), col("grain"), col("bucket_micros"), col("series_kind"), col("series_key"))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        // A minute bucket without a placeholder belongs to a key without a minute grid that day.
        .where(col("minute_grid").isNotNull())
        .withColumn("bucket_start", expr("timestamp_micros(bucket_micros)"))
        .drop("bucket_micros");
  }
}
