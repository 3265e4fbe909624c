package io.opslake.jobs.repetition;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;

import io.opslake.schemas.Tables;
import io.opslake.storage.TableStore;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark side of {@link Repetition}, shared by the {@code repetition} job and the findings job's
 * {@code periodicity} step: reads the events of a window, finds each host's restarts, and measures
 * every fingerprint or template group with {@link Repetition#analyze} inside a task.
 *
 * <p>Spark cost: per group kind two aggregations (times per group and host, then per group; one
 * collected list of timestamps per group and host lives in a task's memory), two small ones for the
 * example and the dominant type, and a collect of the restart times and of one result per group to
 * the driver. Driver memory grows with the number of groups, not events.
 */
public final class RepetitionAnalysis {
  private RepetitionAnalysis() {}

  /**
   * One measured group.
   *
   * @param kind {@code fingerprint} or {@code template}
   * @param id the fingerprint or template id
   * @param type the group's most frequent type (ties: the smallest name), null when none
   * @param example message (else backtrace) of the group's smallest event id, cut to 300 characters
   * @param stats what {@link Repetition#analyze} measured
   * @param recursAfterRestart {@link Repetition.Stats#recursAfterRestart} unless the group is
   *     mostly restarts itself (a restart trivially follows itself)
   */
  public record Group(String kind, String id, String type, String example, Repetition.Stats stats,
      boolean recursAfterRestart) {}

  /** The events of {@code from..to} with the columns the analysis needs; the caller caches them if it reuses them. */
  public static Dataset<Row> events(SparkSession spark, TableStore store, LocalDate from, LocalDate to)
      throws IOException {
    return store.read(spark, Tables.EVENTS)
        .where(col("dt").between(Date.valueOf(from), Date.valueOf(to)))
        .select(col("fingerprint"), col("template_id"), coalesce(col("hostname"), lit("")).as("host"),
            unix_micros(col("ts")).as("t"), col("type"), col("event_id"),
            coalesce(col("message"), col("attributes").getItem("backtrace")).as("text"));
  }

  /** Each host's restarts (events of {@code restartTypes}), merged by {@link Repetition#mergeRestarts}. */
  public static Map<String, long[]> restarts(Dataset<Row> events, List<String> restartTypes) {
    Map<String, List<Long>> byHost = new HashMap<>();
    for (Row row : events.where(col("type").isin(restartTypes.toArray())).select("host", "t").collectAsList()) {
      byHost.computeIfAbsent(row.getString(0), h -> new ArrayList<>()).add(row.getLong(1));
    }
    Map<String, long[]> merged = new HashMap<>();
    byHost.forEach((host, times) ->
        merged.put(host, Repetition.mergeRestarts(times.stream().mapToLong(Long::longValue).toArray())));
    return merged;
  }

  /**
   * Every group of {@code column} ({@code fingerprint} or {@code template_id}) of {@code events}.
   *
   * @param windowMicros how soon after a restart an event counts as following it
   */
  public static List<Group> groups(Dataset<Row> events, String column, Map<String, long[]> restarts,
      long windowMicros, List<String> restartTypes) {
    Dataset<Row> groups = events.where(col(column).isNotNull()).withColumnRenamed(column, "group_id");
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
          series.sort(Comparator.comparing(Repetition.HostSeries::host));
          return RowFactory.create(row.getString(0), Repetition.analyze(series, restarts, windowMicros));
        })
        .collect();
    String kind = column.equals("fingerprint") ? "fingerprint" : "template";
    List<Group> result = new ArrayList<>(stats.size());
    for (Row row : stats) {
      String group = row.getString(0);
      Repetition.Stats s = (Repetition.Stats) row.get(1);
      String type = dominantType.get(group);
      result.add(new Group(kind, group, type, examples.get(group), s,
          s.recursAfterRestart() && !restartTypes.contains(type)));
    }
    result.sort(Comparator.comparing(Group::id));
    return List.copyOf(result);
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
}
