package io.opslake.jobs.capacity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.opslake.errors.OpslakeException;
import io.opslake.schemas.Tables;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The exhaustion forecast of every disk and descriptor count up to an as-of date, from the hour rows
 * of {@code metric_series} ({@link ResourceExhaustion} per resource, on the driver):
 *
 * <ul>
 *   <li>disk: per host, mount and file system, the hourly mean of {@code host.df.used} against the
 *       largest {@code host.df.size} of the window;
 *   <li>descriptors: per host, the sum over its {@code host.lsof.descriptors} series of each
 *       hour's last capture, against {@value #DESCRIPTOR_LIMIT} (an assumed limit: the data carries
 *       none).
 * </ul>
 *
 * A resource already at capacity reports the first hour it was observed there.
 *
 * <p>Spark cost: one scan of the metric hour rows of the window's days (14 by default) filtered to
 * two names, aggregated by host, mount and hour; the driver collects one row per resource and hour.
 */
final class ResourceForecasts {
  /** The descriptor limit assumed per host. */
  static final double DESCRIPTOR_LIMIT = 65_536;

  private ResourceForecasts() {}

  /** A forecast, or why there is none, for one resource. */
  record Forecast(String hostname, String kind, String resource, ResourceUnit unit, ExhaustionForecast forecast,
      String reason, int points, List<Instant> times, double[] used) {}

  static List<Forecast> forecasts(SparkSession spark, Warehouse warehouse, LocalDate asOf) throws IOException {
    ResourceExhaustion exhaustion = new ResourceExhaustion();
    long windowDays = ResourceExhaustion.DEFAULT_WINDOW.toDays();
    var hours = warehouse.read(spark, Tables.METRIC_SERIES)
        .where(col("dt").between(Date.valueOf(asOf.minusDays(windowDays)), Date.valueOf(asOf))
            .and(col("grain").equalTo("hour")).and(col("series_kind").equalTo("raw_metrics"))
            .and(col("count").gt(0)).and(col("hostname").isNotNull())
            .and(col("name").isin("host.df.used", "host.df.size", "host.lsof.descriptors")));
    Map<String, Series> series = new TreeMap<>();
    for (Row row : hours.where(col("name").startsWith("host.df."))
        .groupBy(col("hostname"), expr("coalesce(labels['mount'], '?')"), expr("coalesce(labels['filesystem'], '?')"),
            col("bucket_start"))
        .agg(expr("avg(CASE WHEN name = 'host.df.used' THEN avg END)"),
            max(expr("CASE WHEN name = 'host.df.size' THEN max END")))
        .collectAsList()) {
      String resource = row.getString(1) + " (" + row.getString(2) + ")";
      Series one = series.computeIfAbsent(row.getString(0) + "\tdisk\t" + resource,
          key -> new Series(row.getString(0), "disk", resource, ResourceUnit.BYTES));
      if (!row.isNullAt(4)) {
        one.add(row.<Timestamp>getAs(3).toInstant(), row.getDouble(4), row.isNullAt(5) ? 0 : row.getDouble(5));
      }
    }
    for (Row row : hours.where(col("name").equalTo("host.lsof.descriptors"))
        .groupBy(col("hostname"), col("bucket_start")).agg(sum(col("last"))).collectAsList()) {
      series.computeIfAbsent(row.getString(0) + "\tdescriptors",
              key -> new Series(row.getString(0), "descriptors", "open descriptors", ResourceUnit.COUNT))
          .add(row.<Timestamp>getAs(1).toInstant(), row.getDouble(2), DESCRIPTOR_LIMIT);
    }
    List<Forecast> forecasts = new ArrayList<>();
    for (Series one : series.values()) {
      forecasts.add(one.forecast(exhaustion));
    }
    return forecasts;
  }

  /** The hourly points of one resource. */
  private static final class Series {
    private final String hostname;
    private final String kind;
    private final String resource;
    private final ResourceUnit unit;
    private final TreeMap<Instant, Double> used = new TreeMap<>();
    private double capacity;

    Series(String hostname, String kind, String resource, ResourceUnit unit) {
      this.hostname = hostname;
      this.kind = kind;
      this.resource = resource;
      this.unit = unit;
    }

    void add(Instant hour, double value, double capacityThen) {
      used.put(hour, value);
      capacity = Math.max(capacity, capacityThen);
    }

    Forecast forecast(ResourceExhaustion exhaustion) {
      List<Instant> times = List.copyOf(used.keySet());
      double[] values = used.values().stream().mapToDouble(Double::doubleValue).toArray();
      String name = resource + " on " + hostname;
      try {
        ExhaustionForecast forecast = exhaustion.forecast(name, times, values, capacity, unit);
        if (forecast.status() == ExhaustionForecast.Status.EXHAUSTED) {
          forecast = firstAtCapacity(forecast, times, values);
        }
        return new Forecast(hostname, kind, resource, unit, forecast, null, values.length, times, values);
      } catch (OpslakeException e) {
        if (e.category() != io.opslake.errors.ErrorCategory.DATA) {
          throw e;
        }
        return new Forecast(hostname, kind, resource, unit, null, e.getMessage(), values.length, times, values);
      }
    }

    private ExhaustionForecast firstAtCapacity(ExhaustionForecast forecast, List<Instant> times, double[] values) {
      Instant first = forecast.to();
      for (int i = 0; i < values.length; i++) {
        if (values[i] >= capacity) {
          first = times.get(i);
          break;
        }
      }
      return new ExhaustionForecast(forecast.resource(), forecast.status(), forecast.points(), forecast.from(),
          forecast.to(), forecast.capacity(), forecast.current(), forecast.ratePerHour(), forecast.rateLow(),
          forecast.rateHigh(), forecast.slopeP(), first, first, first, forecast.horizon(), forecast.unit());
    }
  }
}
