package io.opslake.jobs.repetition;

import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.Warehouse;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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
 * <p>The findings job's {@code periodicity} step runs the same {@link RepetitionAnalysis} over the
 * seven days up to its as-of date (methods {@code inter_arrival} and {@code after_restart}).
 *
 * <p>Spark cost: {@link RepetitionAnalysis}'s, for fingerprints and for templates, over the events
 * of the window (cached once). Driver memory grows with the number of groups, not events.
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
      Dataset<Row> events = RepetitionAnalysis.events(spark, warehouse, options.from(), options.to()).cache();
      Map<String, long[]> restarts = RepetitionAnalysis.restarts(events, options.restartTypes());
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

  private long analyze(Dataset<Row> events, String column, Map<String, long[]> restarts, long window, List<Row> out) {
    List<RepetitionAnalysis.Group> groups =
        RepetitionAnalysis.groups(events, column, restarts, window, options.restartTypes());
    for (RepetitionAnalysis.Group group : groups) {
      Repetition.Stats s = group.stats();
      out.add(RowFactory.create(group.kind(), group.id(), group.type(), group.example(), options.from().toString(),
          s.count(), s.hosts(), Timestamp.from(micros(s.firstMicros())), Timestamp.from(micros(s.lastMicros())),
          s.intervals(), s.intervalMedianSeconds(), s.intervalIqrSeconds(), s.burstiness(),
          s.pattern().name().toLowerCase(Locale.ROOT), s.periodSeconds(), s.restarts(), s.afterRestartMedianSeconds(),
          s.afterRestartShare(), s.restartsFollowedShare(), group.recursAfterRestart()));
    }
    return groups.size();
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
