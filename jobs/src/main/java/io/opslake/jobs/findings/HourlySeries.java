package io.opslake.jobs.findings;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.opslake.schemas.Tables;
import io.opslake.storage.TableStore;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The hour-grain series that seasonality and anomaly findings look at, over the {@link
 * #LOOKBACK_DAYS} days up to D: event counts of kinds {@code type} and {@code type_host} ({@code
 * count}), latency per {@code type} ({@code p95_ms}) and every metric series ({@code avg}). One row
 * per series and hour: {@code series_table, series_kind, series_key, type, hostname, measure,
 * bucket_ms, value} (value null where the bucket has no measure). {@link #grouped} groups them per
 * series for {@code flatMapSortedGroups} ordered by {@code bucket_ms}; {@link #dense} turns one
 * group into a regular hourly array inside its task.
 */
final class HourlySeries {
  /** Days of hourly history read up to and including D. */
  static final int LOOKBACK_DAYS = 28;

  static final long HOUR_MILLIS = 3_600_000L;
  static final long DAY_MILLIS = 86_400_000L;

  private HourlySeries() {}

  static Dataset<Row> read(SparkSession spark, TableStore store, LocalDate asOf) throws IOException {
    Date from = Date.valueOf(asOf.minusDays(LOOKBACK_DAYS - 1));
    Date to = Date.valueOf(asOf);
    Column hours = col("dt").between(from, to).and(col("grain").equalTo("hour"));
    Column bucketMillis = expr("unix_millis(bucket_start)");
    Dataset<Row> events = store.read(spark, Tables.EVENT_SERIES)
        .where(hours.and(col("series_kind").isin(TrendFindings.EVENT_KINDS.toArray())))
        .select(lit("event_series").as("series_table"), col("series_kind"), col("series_key"), col("type"),
            col("hostname"), lit("count").as("measure"), bucketMillis.as("bucket_ms"),
            col("count").cast("double").as("value"));
    Dataset<Row> latency = store.read(spark, Tables.LATENCY_SERIES)
        .where(hours.and(col("series_kind").equalTo("type")))
        .select(lit("latency_series").as("series_table"), col("series_kind"), col("series_key"), col("type"),
            lit(null).cast("string").as("hostname"), lit("p95_ms").as("measure"), bucketMillis.as("bucket_ms"),
            col("p95_ms").as("value"));
    Dataset<Row> metrics = store.read(spark, Tables.METRIC_SERIES)
        .where(hours)
        .select(lit("metric_series").as("series_table"), col("series_kind"), col("series_key"),
            lit(null).cast("string").as("type"), col("hostname"), lit("avg").as("measure"),
            bucketMillis.as("bucket_ms"), col("avg").as("value"));
    return events.unionByName(latency).unionByName(metrics);
  }

  /** The rows grouped per series (key: table, kind and series key, tab-separated). */
  static KeyValueGroupedDataset<String, Row> grouped(Dataset<Row> hourly) {
    return hourly.groupByKey((MapFunction<Row, String>) row -> row.getString(0) + '\t' + row.getString(1) + '\t'
        + row.getString(2), Encoders.STRING());
  }

  /** What a group's sort order is: oldest bucket first. */
  static Column[] byTime() {
    return new Column[] {col("bucket_ms")};
  }

  /** What a series is, for sentences: "exception events on dc0-web01 per hour", ... */
  static String what(Row first) {
    return switch (first.getString(1)) {
      case "type" -> first.getString(0).equals("latency_series")
          ? "p95 latency of " + first.getString(3) + " (ms)"
          : first.getString(3) + " events per hour";
      case "type_host" -> first.getString(3) + " events on " + first.getString(4) + " per hour";
      case "metric_rates" -> "the hourly mean rate of " + first.getString(2);
      default -> "the hourly mean of " + first.getString(2);
    };
  }

  /**
   * One series' hours from its first value to the end of D, NaN where unknown. Event counts are
   * dense by contract on days with input ({@code series_days}): an hour of such a day without a
   * row is 0; other hours without a value are NaN.
   *
   * @param daysWithInput epoch days with input for the series' table and kind
   */
  static Dense dense(Iterator<Row> sortedRows, LocalDate asOf, Set<Long> daysWithInput, Row[] first) {
    long endMillis = (asOf.toEpochDay() + 1) * DAY_MILLIS;
    long windowStart = (asOf.toEpochDay() - LOOKBACK_DAYS + 1) * DAY_MILLIS;
    int hours = (int) ((endMillis - windowStart) / HOUR_MILLIS);
    double[] values = new double[hours];
    Arrays.fill(values, Double.NaN);
    boolean counts = false;
    while (sortedRows.hasNext()) {
      Row row = sortedRows.next();
      if (first[0] == null) {
        first[0] = row;
        counts = row.getString(0).equals("event_series");
      }
      int index = (int) ((row.getLong(6) - windowStart) / HOUR_MILLIS);
      if (index >= 0 && index < hours && !row.isNullAt(7)) {
        values[index] = row.getDouble(7);
      }
    }
    if (counts) {
      for (int i = 0; i < hours; i++) {
        long day = Math.floorDiv(windowStart + i * HOUR_MILLIS, DAY_MILLIS);
        if (Double.isNaN(values[i]) && daysWithInput.contains(day)) {
          values[i] = 0;
        }
      }
    }
    int start = 0;
    while (start < hours && Double.isNaN(values[start])) {
      start++;
    }
    return new Dense(windowStart + start * HOUR_MILLIS, Arrays.copyOfRange(values, start, hours));
  }

  /** Hourly values from {@code startMillis}, one per hour, NaN where unknown. */
  record Dense(long startMillis, double[] values) implements Serializable {
    int presentBefore(long millis) {
      int count = 0;
      for (int i = 0; i < values.length && startMillis + i * HOUR_MILLIS < millis; i++) {
        count += Double.isNaN(values[i]) ? 0 : 1;
      }
      return count;
    }
  }
}
