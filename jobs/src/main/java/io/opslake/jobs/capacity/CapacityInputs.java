package io.opslake.jobs.capacity;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import io.opslake.schemas.Tables;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the hourly history of every service up to an as-of date from the series tables
 * (docs/capacity.md#inputs): active servers per hour (distinct hosts with an event in {@code
 * event_series} kind {@code type_host} or a datapoint in {@code metric_series}, or in service per
 * the inventory), the candidates for its load ({@link LoadSources}: page loads and access-log
 * requests per hour, the {@code type_host} series of type {@code page_load} and {@code
 * http_request}; the requests of each request counter, Σ of the hourly mean per-second rate ×
 * 3,600 of its {@code metric_rates} series in {@code metric_series}) and latency (the hourly {@code
 * p95} of the {@code page.load.time} metric series of each host, weighted by their counts; the p95
 * of the {@code duration_ms} of the service's {@code http_request} events), the CPU utilisation
 * (the mean over the service's hosts of each host's hourly mean of the first of {@link
 * #CPU_SOURCES} it reports: 100 − idle % from vmstat or top, else DC/OS {@code cpu.total}), the
 * memory utilisation (100 × {@code host.mem.used} / {@code host.mem.total}), the descriptor
 * utilisation ({@code host.lsof.descriptors} against {@link ResourceForecasts#DESCRIPTOR_LIMIT})
 * and errors ({@code exception} events, and other events of {@code events} with a 5xx {@code
 * http_status}); then applies the load source rule per service.
 *
 * <p>Spark cost: seven scans of the hour rows of the window (up to 365 days) and one of the {@code
 * events} rows with a 5xx status or of type {@code http_request} with a duration (pushed-down
 * filters), a broadcast join with the host → service map and one aggregation by service and hour
 * each (the request durations' with a {@code percentile_approx} buffer per service and hour); the
 * driver collects the distinct host names and one row per service and hour (and request counter).
 */
final class CapacityInputs {
  /**
   * CPU utilisation metrics in order of preference: vmstat's and top's idle % (utilisation = 100 −
   * idle; top's per-CPU lines, which carry a {@code cpu} label, are left out) and DC/OS's busy %.
   */
  static final List<String> CPU_SOURCES = List.of("host.vmstat.cpu.idle", "host.cpu.idle", "cpu.total");

  /** The memory utilisation's source: {@code host.mem.used} against {@code host.mem.total} (free, top). */
  static final String MEMORY_SOURCE = "host.mem.used";

  /** What {@link #MEMORY_SOURCE} is divided by. */
  static final String MEMORY_TOTAL = "host.mem.total";

  /** The descriptor utilisation's source (lsof), against {@link ResourceForecasts#DESCRIPTOR_LIMIT}. */
  static final String DESCRIPTOR_SOURCE = "host.lsof.descriptors";

  /** Percentile accuracy of {@code percentile_approx}, as {@code latency_series}: rank error at most n / 10,000. */
  static final int PERCENTILE_ACCURACY = 10_000;

  /** Days of history read, ending on the as-of date. */
  static final int HISTORY_DAYS = 365;

  private static final StructType HOST_ROLES = new StructType()
      .add("hostname", DataTypes.StringType, false)
      .add("role", DataTypes.StringType, false);
  private static final StructType INVENTORY = new StructType()
      .add("hostname", DataTypes.StringType, false)
      .add("from_ts", DataTypes.TimestampType, false)
      .add("to_ts", DataTypes.TimestampType, false);

  /** The metrics the utilisation of {@code resource} is read from, in order of preference. */
  static List<String> sources(UtilisationResource resource) {
    return switch (resource) {
      case CPU -> CPU_SOURCES;
      case MEMORY -> List.of(MEMORY_SOURCE + " / " + MEMORY_TOTAL);
      case DESCRIPTORS -> List.of(DESCRIPTOR_SOURCE);
    };
  }

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final LocalDate asOf;
  private final Inventory inventory;
  private final String requestCounters;

  /** {@code requestCounters}: the request counter globs ({@link LoadSources#regex}). */
  CapacityInputs(SparkSession spark, Warehouse warehouse, LocalDate asOf, Inventory inventory,
      List<String> requestCounters) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.asOf = asOf;
    this.inventory = inventory;
    this.requestCounters = LoadSources.regex(requestCounters, "Cannot plan capacity: ");
  }

  /**
   * Per service (sorted), its hours oldest first under its load and latency sources ({@link
   * LoadSources}); hours with no active server are left out.
   */
  Map<String, LoadSources.ServiceHours> roleHours() throws IOException {
    Dataset<Row> events = hourRows(Tables.EVENT_SERIES).where(col("series_kind").equalTo("type_host"));
    Dataset<Row> metrics = hourRows(Tables.METRIC_SERIES).where(col("hostname").isNotNull());
    Dataset<Row> seen = events.select(col("bucket_start"), col("hostname"))
        .union(metrics.select(col("bucket_start"), col("hostname")));
    if (inventory != null) {
      seen = seen.union(inventoryHours());
    }
    seen = seen.distinct().cache();
    try {
      Dataset<Row> roles = broadcast(hostRoles(seen));
      Map<String, TreeMap<Instant, long[]>> byRole = new TreeMap<>();
      for (Row row : seen.join(roles, "hostname").groupBy(col("role"), col("bucket_start"))
          .agg(countDistinct(col("hostname"))).collectAsList()) {
        slot(byRole, row)[0] = row.getLong(2);
      }
      for (Row row : events.where(col("type").isin("page_load", "http_request", "exception")).join(roles, "hostname")
          .groupBy(col("role"), col("bucket_start"))
          .agg(sum(expr("CASE WHEN type = 'page_load' THEN count ELSE 0 END")),
              sum(expr("CASE WHEN type = 'http_request' THEN count ELSE 0 END")),
              sum(expr("CASE WHEN type = 'exception' THEN count ELSE 0 END")))
          .collectAsList()) {
        long[] slot = slot(byRole, row);
        slot[1] = row.getLong(2);
        slot[2] = row.getLong(3);
        slot[3] = row.getLong(4);
      }
      Map<String, Map<Instant, LoadSources.Latency>> requestLatency = new HashMap<>();
      for (Row row : requestEvents(roles).collectAsList()) {
        slot(byRole, row)[3] += row.getLong(2);
        if (row.getLong(4) > 0) {
          requestLatency.computeIfAbsent(row.getString(0), role -> new HashMap<>())
              .put(instant(row), new LoadSources.Latency(row.getDouble(3), row.getLong(4)));
        }
      }
      Map<String, Map<Instant, LoadSources.Latency>> pageLoadTime = new HashMap<>();
      for (Row row : metrics.where(col("series_kind").equalTo("raw_metrics").and(col("name").equalTo("page.load.time"))
              .and(col("p95").isNotNull())).join(roles, "hostname").groupBy(col("role"), col("bucket_start"))
          .agg(sum(expr("p95 * count")), sum(col("count"))).collectAsList()) {
        pageLoadTime.computeIfAbsent(row.getString(0), role -> new HashMap<>())
            .put(instant(row), new LoadSources.Latency(row.getDouble(2) / row.getLong(3), row.getLong(3)));
      }
      Map<String, Map<Instant, Map<String, Double>>> counters = new HashMap<>();
      for (Row row : metrics.where(col("series_kind").equalTo("metric_rates").and(col("avg").isNotNull())
              .and(col("name").rlike(requestCounters))).join(roles, "hostname")
          .groupBy(col("role"), col("bucket_start"), col("name")).agg(sum(expr("avg * 3600"))).collectAsList()) {
        counters.computeIfAbsent(row.getString(0), role -> new HashMap<>())
            .computeIfAbsent(instant(row), hour -> new HashMap<>()).put(row.getString(2), row.getDouble(3));
      }
      Map<UtilisationResource, Map<String, Map<Instant, RoleHour.Measured>>> utilisation = Map.of(
          UtilisationResource.CPU, cpuUtilisation(metrics, roles),
          UtilisationResource.MEMORY, meanOverHosts(memoryUtilisation(metrics), roles, MEMORY_SOURCE),
          UtilisationResource.DESCRIPTORS, meanOverHosts(descriptorUtilisation(metrics), roles, DESCRIPTOR_SOURCE));
      Map<String, LoadSources.ServiceHours> hours = new TreeMap<>();
      byRole.forEach((role, perHour) -> {
        List<LoadSources.Candidates> list = new ArrayList<>();
        perHour.forEach((hour, values) -> {
          Map<UtilisationResource, RoleHour.Measured> measured = new EnumMap<>(UtilisationResource.class);
          utilisation.forEach((resource, byService) -> {
            RoleHour.Measured one = byService.getOrDefault(role, Map.of()).get(hour);
            if (one != null) {
              measured.put(resource, one);
            }
          });
          if (values[0] > 0) {
            list.add(new LoadSources.Candidates(hour, (int) values[0], values[1],
                pageLoadTime.getOrDefault(role, Map.of()).get(hour), values[2],
                requestLatency.getOrDefault(role, Map.of()).get(hour),
                counters.getOrDefault(role, Map.of()).getOrDefault(hour, Map.of()), measured, values[3]));
          }
        });
        hours.put(role, LoadSources.apply(list));
      });
      return hours;
    } finally {
      seen.unpersist();
    }
  }

  /**
   * Per service and hour, the mean CPU utilisation % and its source: each host's hourly mean from its most
   * preferred source, averaged over the hosts whose most preferred source is the service's most
   * common one that hour.
   */
  private static Map<String, Map<Instant, RoleHour.Measured>> cpuUtilisation(Dataset<Row> metrics,
      Dataset<Row> roles) {
    Dataset<Row> perHost = metrics
        .where(col("series_kind").equalTo("raw_metrics").and(col("name").isin(CPU_SOURCES.toArray()))
            .and(col("avg").isNotNull()).and(expr("labels['cpu'] IS NULL")))
        .select(col("hostname"), col("bucket_start"), col("name"),
            expr("CASE WHEN name = 'cpu.total' THEN avg ELSE 100 - avg END").as("utilisation"));
    // (role, hour) → source → {sum, hosts}; a host reporting several sources counts with its first.
    Map<String, Map<Instant, Map<String, double[]>>> bySource = new HashMap<>();
    Map<String, Map<Instant, Map<String, String>>> hostSource = new HashMap<>();
    List<Row> rows = perHost.join(roles, "hostname").groupBy(col("role"), col("bucket_start"), col("hostname"),
        col("name")).agg(expr("avg(utilisation)")).collectAsList();
    for (Row row : rows) {
      hostSource.computeIfAbsent(row.getString(0), role -> new HashMap<>())
          .computeIfAbsent(instant(row), hour -> new HashMap<>())
          .merge(row.getString(2), row.getString(3),
              (a, b) -> CPU_SOURCES.indexOf(a) <= CPU_SOURCES.indexOf(b) ? a : b);
    }
    for (Row row : rows) {
      String chosen = hostSource.get(row.getString(0)).get(instant(row)).get(row.getString(2));
      if (chosen.equals(row.getString(3))) {
        double[] slot = bySource.computeIfAbsent(row.getString(0), role -> new HashMap<>())
            .computeIfAbsent(instant(row), hour -> new HashMap<>())
            .computeIfAbsent(chosen, source -> new double[2]);
        slot[0] += row.getDouble(4);
        slot[1]++;
      }
    }
    Map<String, Map<Instant, RoleHour.Measured>> result = new HashMap<>();
    bySource.forEach((role, perHour) -> perHour.forEach((hour, sources) -> {
      String best = null;
      for (String source : CPU_SOURCES) {
        double[] slot = sources.get(source);
        if (slot != null && (best == null || slot[1] > sources.get(best)[1])) {
          best = source;
        }
      }
      double[] slot = sources.get(best);
      result.computeIfAbsent(role, r -> new HashMap<>()).put(hour, new RoleHour.Measured(slot[0] / slot[1], best));
    }));
    return result;
  }

  /** Per host and hour (hostname, bucket_start, utilisation %): 100 × used / total memory. */
  private static Dataset<Row> memoryUtilisation(Dataset<Row> metrics) {
    return metrics.where(col("series_kind").equalTo("raw_metrics")
            .and(col("name").isin(MEMORY_SOURCE, MEMORY_TOTAL)).and(col("avg").isNotNull()))
        .groupBy(col("hostname"), col("bucket_start"))
        .agg(expr("100 * avg(CASE WHEN name = '" + MEMORY_SOURCE + "' THEN avg END)"
            + " / avg(CASE WHEN name = '" + MEMORY_TOTAL + "' AND avg > 0 THEN avg END)").as("utilisation"))
        .where(col("utilisation").isNotNull());
  }

  /**
   * Per host and hour (hostname, bucket_start, utilisation %): 100 × the sum over the host's {@code
   * host.lsof.descriptors} series of each one's last capture in the hour / the assumed limit.
   */
  private static Dataset<Row> descriptorUtilisation(Dataset<Row> metrics) {
    return metrics.where(col("series_kind").equalTo("raw_metrics").and(col("name").equalTo(DESCRIPTOR_SOURCE))
            .and(col("last").isNotNull()))
        .groupBy(col("hostname"), col("bucket_start"))
        .agg(expr("100 * sum(last) / " + ResourceForecasts.DESCRIPTOR_LIMIT).as("utilisation"));
  }

  /** Per service and hour, the mean over its hosts of the per-host utilisation of {@code perHost}. */
  private static Map<String, Map<Instant, RoleHour.Measured>> meanOverHosts(Dataset<Row> perHost,
      Dataset<Row> roles, String source) {
    Map<String, Map<Instant, RoleHour.Measured>> result = new HashMap<>();
    for (Row row : perHost.join(roles, "hostname").groupBy(col("role"), col("bucket_start"))
        .agg(expr("avg(utilisation)")).collectAsList()) {
      result.computeIfAbsent(row.getString(0), role -> new HashMap<>())
          .put(instant(row), new RoleHour.Measured(row.getDouble(2), source));
    }
    return result;
  }

  /**
   * Per service and hour (role, bucket_start, errors, p95_ms, durations) from the {@code events}
   * rows of the window that are {@code http_request}s with a {@code duration_ms} or have a 5xx
   * {@code http_status}: the events with a 5xx status that are not of type {@code exception}
   * (those are counted from the series already), and the p95 of the {@code http_request}
   * durations (Spark {@code percentile_approx} with the accuracy of {@code latency_series}) and
   * how many there are.
   */
  private Dataset<Row> requestEvents(Dataset<Row> roles) throws IOException {
    String request = "type = 'http_request' AND duration_ms IS NOT NULL";
    return warehouse.read(spark, Tables.EVENTS)
        .where(col("dt").between(Date.valueOf(asOf.minusDays(HISTORY_DAYS - 1)), Date.valueOf(asOf))
            .and(col("hostname").isNotNull())
            .and(expr("(http_status BETWEEN 500 AND 599 AND (type IS NULL OR type <> 'exception')) OR (" + request
                + ")")))
        .select(col("hostname"), expr("date_trunc('HOUR', ts)").as("bucket_start"),
            expr("http_status BETWEEN 500 AND 599 AND (type IS NULL OR type <> 'exception')").as("error"),
            expr("CASE WHEN " + request + " THEN duration_ms END").as("duration"))
        .join(roles, "hostname").groupBy(col("role"), col("bucket_start"))
        .agg(expr("count_if(error)"),
            expr("coalesce(percentile_approx(duration, 0.95, " + PERCENTILE_ACCURACY + "), 0d)"),
            expr("count(duration)"));
  }

  private Dataset<Row> hourRows(io.opslake.schemas.TableDefinition table) throws IOException {
    return warehouse.read(spark, table)
        .where(col("dt").between(Date.valueOf(asOf.minusDays(HISTORY_DAYS - 1)), Date.valueOf(asOf))
            .and(col("grain").equalTo("hour")).and(col("count").gt(0)));
  }

  /** Host → service: the inventory's role where it names the host, else {@link Roles}. */
  private Dataset<Row> hostRoles(Dataset<Row> seen) {
    Map<String, String> inventoryRoles = new HashMap<>();
    if (inventory != null) {
      inventory.entries().forEach(entry -> inventoryRoles.put(entry.hostname(), entry.role()));
    }
    List<Row> rows = new ArrayList<>();
    for (Row row : seen.select(col("hostname")).distinct().collectAsList()) {
      String hostname = row.getString(0);
      rows.add(RowFactory.create(hostname, inventoryRoles.getOrDefault(hostname, Roles.of(hostname))));
    }
    return spark.createDataFrame(rows, HOST_ROLES);
  }

  /** (bucket_start, hostname) for every whole hour of the window an inventory entry covers. */
  private Dataset<Row> inventoryHours() {
    Instant windowStart = asOf.minusDays(HISTORY_DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant windowEnd = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Row> rows = new ArrayList<>();
    for (Inventory.Entry entry : inventory.entries()) {
      Instant from = entry.from().isBefore(windowStart) ? windowStart : entry.from();
      // The first whole hour: from rounded up to the hour.
      long seconds = from.getEpochSecond();
      from = Instant.ofEpochSecond(Math.floorDiv(seconds + 3599, 3600) * 3600);
      Instant to = entry.to() == null || entry.to().isAfter(windowEnd) ? windowEnd : entry.to();
      if (!from.plusSeconds(3600).isAfter(to)) {
        rows.add(RowFactory.create(entry.hostname(), Timestamp.from(from), Timestamp.from(to)));
      }
    }
    return spark.createDataFrame(rows, INVENTORY)
        .select(expr("explode(sequence(from_ts, to_ts - INTERVAL 1 HOUR, INTERVAL 1 HOUR))").as("bucket_start"),
            col("hostname"));
  }

  private static long[] slot(Map<String, TreeMap<Instant, long[]>> byRole, Row row) {
    return byRole.computeIfAbsent(row.getString(0), role -> new TreeMap<>())
        .computeIfAbsent(instant(row), hour -> new long[4]);
  }

  private static Instant instant(Row row) {
    return row.<Timestamp>getAs(1).toInstant();
  }
}
