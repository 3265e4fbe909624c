package io.opslake.jobs.capacity;

import com.univocity.parsers.csv.CsvWriter;
import io.opslake.jobs.csv.CsvFormat;
import io.opslake.storage.Warehouse;
import io.opslake.jobs.charts.SvgChart;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The files a planner opens: {@code <warehouse>/reports/capacity/dt=D/} holds {@code
 * capacity_plan.csv} and {@code resource_forecast.csv} (the rows of the two tables in opslake's CSV
 * dialect, a header of column names) and one chart each, {@code capacity_plan.svg} (daily peak-hour demand
 * of the busiest planned service, its forecast with the 95 % interval, and the capacity of the
 * current fleet at the utilisation target) and {@code resource_forecast.svg} (the resource that
 * runs out first: its use, the trend to exhaustion and its capacity). Written through Hadoop's
 * FileSystem, so {@code hdfs://} and {@code s3a://} warehouses work; the directory is replaced.
 */
final class CapacityReports {
  private CapacityReports() {}

  /** The directory of the reports of {@code asOf}. */
  static Path directory(Warehouse warehouse, LocalDate asOf) {
    return new Path(warehouse.root(), "reports/capacity/dt=" + asOf);
  }

  static List<String> write(Warehouse warehouse, LocalDate asOf, StructType planSchema, List<Row> plan,
      StructType resourceSchema, List<Row> resources, Map<String, ServiceCapacity.Assessment> services,
      List<ResourceForecasts.Forecast> forecasts) throws IOException {
    FileSystem fs = warehouse.fileSystem();
    Path directory = directory(warehouse, asOf);
    fs.delete(directory, true);
    fs.mkdirs(directory);
    List<String> written = new ArrayList<>();
    written.add(write(fs, new Path(directory, "capacity_plan.csv"), csv(planSchema, plan)));
    written.add(write(fs, new Path(directory, "resource_forecast.csv"), csv(resourceSchema, resources)));
    written.add(write(fs, new Path(directory, "capacity_plan.svg"), planChart(asOf, services)));
    written.add(write(fs, new Path(directory, "resource_forecast.svg"), resourceChart(asOf, forecasts)));
    return written;
  }

  private static String write(FileSystem fs, Path path, String content) throws IOException {
    try (FSDataOutputStream out = fs.create(path, true)) {
      ((OutputStream) out).write(content.getBytes(StandardCharsets.UTF_8));
    }
    return path.toString();
  }

  static String planChart(LocalDate asOf, Map<String, ServiceCapacity.Assessment> services) {
    ServiceCapacity.Assessment busiest = null;
    for (ServiceCapacity.Assessment service : services.values()) {
      if (service.plan().value() != null && (busiest == null
          || peak(service) > peak(busiest))) {
        busiest = service;
      }
    }
    SvgChart chart;
    if (busiest == null) {
      return new SvgChart("Capacity plan as of " + asOf + ": no service could be planned (see capacity_plan.reason)",
          "days from " + asOf, "peak-hour requests per hour").render();
    }
    chart = new SvgChart("Capacity plan of " + busiest.service() + " as of " + asOf, "days from " + asOf,
        "peak-hour " + busiest.loadSource().noun() + " per hour");
    double[] historyX = busiest.dailyPeaks().keySet().stream().mapToDouble(day -> day.toEpochDay() - asOf.toEpochDay())
        .toArray();
    double[] historyY = busiest.dailyPeaks().values().stream().mapToDouble(Long::doubleValue).toArray();
    List<DemandForecast.Point> points = busiest.demand().value().daily().forecast();
    double[] x = new double[points.size()];
    double[] mean = new double[x.length];
    double[] low = new double[x.length];
    double[] high = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i).step();
      mean[i] = points.get(i).mean();
      low[i] = points.get(i).lower95();
      high[i] = points.get(i).upper95();
    }
    FleetPlan plan = busiest.plan().value();
    double perServer = plan.perServerCapacity() * plan.utilisationTarget();
    double capacity = plan.currentFleet()
        * (plan.utilisationLoad() == null ? perServer : Math.min(perServer, plan.utilisationLoad()));
    double first = historyX.length > 0 ? historyX[0] : 0;
    return chart.band("95 % interval", x, low, high)
        .line("daily peak (history)", historyX, historyY, false)
        .line("forecast (median)", x, mean, true)
        .line("capacity of " + plan.currentFleet() + " servers at " + Math.round(100 * plan.utilisationTarget())
            + " %", new double[] {first, x[x.length - 1]}, new double[] {capacity, capacity}, false)
        .render();
  }

  private static double peak(ServiceCapacity.Assessment service) {
    return service.dailyPeaks().values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  static String resourceChart(LocalDate asOf, List<ResourceForecasts.Forecast> forecasts) {
    ResourceForecasts.Forecast soonest = null;
    for (ResourceForecasts.Forecast one : forecasts) {
      if (one.forecast() != null && one.forecast().exhaustedAt() != null
          && (soonest == null || one.forecast().exhaustedAt().isBefore(soonest.forecast().exhaustedAt()))) {
        soonest = one;
      }
    }
    if (soonest == null) {
      return new SvgChart("Resources as of " + asOf + ": none runs out at its current trend",
          "days from " + asOf, "used").render();
    }
    ExhaustionForecast f = soonest.forecast();
    Instant origin = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    double[] x = soonest.times().stream().mapToDouble(time -> days(origin, time)).toArray();
    double end = days(origin, f.exhaustedAt());
    double last = days(origin, f.to());
    SvgChart chart = new SvgChart(soonest.resource() + " on " + soonest.hostname() + " as of " + asOf,
        "days from the end of " + asOf, soonest.unit() == ResourceUnit.BYTES ? "bytes used" : "count");
    chart.line("used (hourly)", x, soonest.used(), false);
    if (f.status() == ExhaustionForecast.Status.FILLS) {
      chart.line("trend to " + f.exhaustedAt().toString().substring(0, 16), new double[] {last, end},
          new double[] {f.current(), f.capacity()}, true);
    }
    double right = Math.max(end, last);
    return chart.line("capacity", new double[] {x.length > 0 ? x[0] : last, right},
        new double[] {f.capacity(), f.capacity()}, false).render();
  }

  private static double days(Instant origin, Instant time) {
    return Duration.between(origin, time).toMinutes() / 1440.0;
  }

  /** The rows as CSV in opslake's dialect ({@link CsvFormat}), a header of column names first. */
  static String csv(StructType schema, List<Row> rows) {
    StringWriter text = new StringWriter();
    CsvWriter csv = CsvFormat.writer(text);
    csv.writeRow((Object[]) schema.fieldNames());
    for (Row row : rows) {
      Object[] fields = new Object[row.length()];
      for (int i = 0; i < fields.length; i++) {
        Object value = row.get(i);
        fields[i] = value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant().toString() : value;
      }
      csv.writeRow(fields);
    }
    csv.close();
    return text.toString();
  }
}
