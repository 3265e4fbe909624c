package io.opslake.jobs.repetition;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;

import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.Warehouse;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the {@code repetition} partition {@code dt=<to>}: one row per fingerprint and per
 * template of {@code events} in the window, measured by {@link Repetition}.
 *
 * <p>Spark cost: two aggregations per group kind (times per group and host, then per group; one
 * collected list of timestamps per group and host lives in a task's memory), two small ones for
 * the example and the dominant type, and a collect of the restart times and of one result row
 * per group to the driver. Driver memory grows with the number of groups, not events.
 */
public final class RepetitionJob {
  private final SparkSession spark;
  private final RepetitionOptions options;

  public RepetitionJob(SparkSession spark, RepetitionOptions options) {
    this.spark = spark;
    this.options = options;
  }

  /** Rows written per group kind, and the partition. */
  public record RepetitionResult(String runId, String partition, long fingerprints, long templates,
      long periodic, long bursty, long recurringAfterRestart) {}

  public RepetitionResult run() throws IOException {
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try (PartitionRebuild rebuild = warehouse.rebuild(spark, Tables.REPETITION, "repetition")) {
      String runId = rebuild.runId();
      jsc.setJobGroup("REPETITION " + runId, "REPETITION dt=" + options.from() + ".." + options.to(), false);
      Dataset<Row> events = warehouse.read(spark, Tables.EVENTS)
          .where(col("dt").between(Date.valueOf(options.from()), Date.valueOf(options.to())))
          .select(col("fingerprint"), col("template_id"), coalesce(col("hostname"), lit("")).as("host"),
              unix_micros(col("ts")).as("t"), col("type"), col("event_id"),
              coalesce(col("message"), col("attributes").getItem("backtrace")).as("text"))
          .cache();
      Map<String, long[]> restarts = restarts(events);
      long window = options.restartWindow().toNanos() / 1000;
      List<Row> rows = new ArrayList<>();
      long fingerprints = analyze(events, "fingerprint", restarts, window, rows);
      long templates = analyze(events, "template_id", restarts, window, rows);
      events.unpersist();

      rebuild.stagePartition(options.to(), spark.createDataFrame(rows, Tables.REPETITION.dataSchema()), 1);
      rebuild.commit(RebuildScope.dates(List.of(options.to())));
      int pattern = Tables.REPETITION.columnIndex("pattern");
      int recurs = Tables.REPETITION.columnIndex("recurs_after_restart");
      return new RepetitionResult(runId, "dt=" + options.to(), fingerprints, templates,
          rows.stream().filter(r -> r.getString(pattern).equals("periodic")).count(),
          rows.stream().filter(r -> r.getString(pattern).equals("bursty")).count(),
          rows.stream().filter(r -> r.getBoolean(recurs)).count());
    } finally {
      jsc.clearJobGroup();
    }
  }

  private Map<String, long[]> restarts(Dataset<Row> events) {
    Map<String, List<Long>> byHost = new HashMap<>();
    for (Row row : events.where(col("type").isin(options.restartTypes().toArray())).select("host", "t").collectAsList()) {
      byHost.computeIfAbsent(row.getString(0), h -> new ArrayList<>()).add(row.getLong(1));
    }
    Map<String, long[]> merged = new HashMap<>();
    byHost.forEach((host, times) ->
        merged.put(host, Repetition.mergeRestarts(times.stream().mapToLong(Long::longValue).toArray())));
    return merged;
  }

  private long analyze(Dataset<Row> events, String kind, Map<String, long[]> restarts, long window, List<Row> out) {
    Dataset<Row> groups = events.where(col(kind).isNotNull()).withColumnRenamed(kind, "group_id");
    Map<String, String> dominantType = dominantTypes(groups);
    Map<String, String> examples = new HashMap<>();
    for (Row row : groups.groupBy("group_id").agg(min(struct(col("event_id"), col("text"))).as("first")).collectAsList()) {
      String text = row.getStruct(1).getString(1);
      examples.put(row.getString(0), text == null ? null : text.length() > 300 ? text.substring(0, 300) : text);
    }
    List<Row> stats = groups.groupBy("group_id", "host").agg(sort_array(collect_list(col("t"))).as("times"))
        .groupBy("group_id").agg(collect_list(struct(col("host"), col("times"))).as("series"))
        .javaRDD()
        .map(row -> {
          List<Repetition.HostSeries> series = new ArrayList<>();
          for (Row host : row.<Row>getList(1)) {
            List<Long> times = host.getList(1);
            series.add(new Repetition.HostSeries(host.getString(0), times.stream().mapToLong(Long::longValue).toArray()));
          }
          series.sort(java.util.Comparator.comparing(Repetition.HostSeries::host));
          return RowFactory.create(row.getString(0), Repetition.analyze(series, restarts, window));
        })
        .collect();
    String kindName = kind.equals("fingerprint") ? "fingerprint" : "template";
    for (Row row : stats) {
      String group = row.getString(0);
      Repetition.Stats s = (Repetition.Stats) row.get(1);
      // A restart trivially follows itself; only other events can recur after restarts.
      boolean recurs = s.recursAfterRestart() && !options.restartTypes().contains(dominantType.get(group));
      out.add(RowFactory.create(kindName, group, dominantType.get(group), examples.get(group), options.from().toString(),
          s.count(), s.hosts(), Timestamp.from(micros(s.firstMicros())), Timestamp.from(micros(s.lastMicros())),
          s.intervals(), s.intervalMedianSeconds(), s.intervalIqrSeconds(), s.burstiness(),
          s.pattern().name().toLowerCase(Locale.ROOT), s.periodSeconds(), s.restarts(), s.afterRestartMedianSeconds(),
          s.afterRestartShare(), s.restartsFollowedShare(), recurs));
    }
    return stats.size();
  }

  /** The most frequent type per group; ties go to the smallest type name. */
  private static Map<String, String> dominantTypes(Dataset<Row> groups) {
    Map<String, String> types = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    for (Row row : groups.where(col("type").isNotNull()).groupBy("group_id", "type").count().collectAsList()) {
      String group = row.getString(0);
      long count = row.getLong(2);
      Long best = counts.get(group);
      if (best == null || count > best || (count == best && row.getString(1).compareTo(types.get(group)) < 0)) {
        counts.put(group, count);
        types.put(group, row.getString(1));
      }
    }
    return types;
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
