package io.opslake.jobs.events;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import io.opslake.ingest.commit.Warehouse;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Rebuilds the {@code events} partitions of a date range from {@code raw_events}: deduplicates by
 * event_id, applies the rules, adds fingerprint and template id, and swaps the partitions in
 * atomically ({@link Warehouse#replacePartitions}); a dry run only counts the type transitions.
 * Both write the transition table as CSV (see {@link ReclassifyOptions#report}).
 *
 * <p>Spark cost: one aggregation over event_id alone to find duplicates (a shuffle of the ids;
 * only ids seen twice reach the driver), one pass over the raw rows applying the rules in {@code
 * mapPartitions}, Spark's partitioned Parquet write (it sorts each task's rows by {@code dt}), and
 * a read of three columns of the staged output to count transitions. Same rules and same raw data
 * give identical rows.
 */
public final class ReclassifyJob {
  private final SparkSession spark;
  private final ReclassifyOptions options;

  public ReclassifyJob(SparkSession spark, ReclassifyOptions options) {
    this.spark = spark;
    this.options = options;
  }

  public ReclassifyResult run() throws IOException {
    Instant started = Instant.now();
    String runId = newRunId(started);
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String range = options.from() + ".." + options.to();
    try {
      Dataset<Row> raw = warehouse.read(spark, Tables.RAW_EVENTS)
          .where(col("dt").between(Date.valueOf(options.from()), Date.valueOf(options.to())));

      describe(jsc, runId, "RECLASSIFY dt=" + range + " find duplicate event ids");
      Map<String, String> keep = new HashMap<>();
      long duplicates = 0;
      for (Row row : raw.groupBy("event_id")
          .agg(count(lit(1)).as("n"), min(concat_ws("\u0001", col("ingest_run_id"), col("source_file"))).as("keep"))
          .where(col("n").gt(1)).collectAsList()) {
        keep.put(row.getString(0), row.getString(2));
        duplicates += row.getLong(1) - 1;
      }

      JavaRDD<Row> classified = raw.javaRDD().mapPartitions(new EventClassifier(options.rules(), options.templates(), keep));
      TransitionCounter counter;
      List<String> dates = new ArrayList<>();
      if (options.dryRun()) {
        describe(jsc, runId, "RECLASSIFY dt=" + range + " dry run: count transitions");
        counter = countTransitions(classified, Tables.EVENTS.columnIndex("original_type"),
            Tables.EVENTS.columnIndex("type"), Tables.EVENTS.columnIndex("event_id"));
      } else {
        Path staging = new Path(warehouse.stagingPath(runId), Tables.EVENTS.name());
        describe(jsc, runId, "RECLASSIFY dt=" + range + " apply rules " + options.rules().version());
        spark.createDataFrame(classified, Tables.EVENTS.tableSchema())
            .write().mode(SaveMode.ErrorIfExists).partitionBy("dt").parquet(staging.toString());
        describe(jsc, runId, "RECLASSIFY dt=" + range + " count transitions");
        counter = countTransitions(spark.read().parquet(staging.toString())
            .select("original_type", "type", "event_id").javaRDD(), 0, 1, 2);
        dates = datesToReplace(warehouse, staging);
        warehouse.replacePartitions(runId, Tables.EVENTS, dates, started);
      }
      List<ReclassifyResult.Transition> transitions = counter.transitions();
      long written = transitions.stream().mapToLong(ReclassifyResult.Transition::count).sum();
      String report = options.report().orElse(new Path(warehouse.root(), "_opslake/reclassify/" + runId + "/transitions.csv").toString());
      writeReport(warehouse.fileSystem(), new Path(Warehouse.qualify(report)), transitions);
      return new ReclassifyResult(runId, options.rules().file(), options.rules().version(), options.from(),
          options.to(), options.dryRun(), written + duplicates, duplicates, written, dates, transitions, report,
          Duration.between(started, Instant.now()));
    } catch (RuntimeException | IOException e) {
      warehouse.discardStaging(runId);
      throw e;
    } finally {
      jsc.clearJobGroup();
    }
  }

  /**
   * Every staged date, plus every date of the range that {@code events} holds but the rebuild did
   * not produce (its raw rows are gone), which is replaced by an empty partition.
   */
  private List<String> datesToReplace(Warehouse warehouse, Path staging) throws IOException {
    FileSystem fs = warehouse.fileSystem();
    TreeSet<String> dates = new TreeSet<>(partitionDates(fs, staging));
    for (String existing : partitionDates(fs, warehouse.tablePath(Tables.EVENTS))) {
      java.time.LocalDate date = java.time.LocalDate.parse(existing);
      if (!date.isBefore(options.from()) && !date.isAfter(options.to()) && dates.add(existing)) {
        fs.mkdirs(new Path(staging, "dt=" + existing));
      }
    }
    return List.copyOf(dates);
  }

  private static List<String> partitionDates(FileSystem fs, Path table) throws IOException {
    List<String> dates = new ArrayList<>();
    if (!fs.exists(table)) {
      return dates;
    }
    for (FileStatus status : fs.listStatus(table)) {
      String name = status.getPath().getName();
      if (status.isDirectory() && name.startsWith("dt=")) {
        dates.add(name.substring(3));
      }
    }
    return dates;
  }

  private static TransitionCounter countTransitions(JavaRDD<Row> rows, int from, int to, int id) {
    return rows.mapPartitions((Iterator<Row> partition) -> {
      TransitionCounter counter = new TransitionCounter();
      while (partition.hasNext()) {
        Row row = partition.next();
        counter.add(row.getString(from), row.getString(to), row.getString(id));
      }
      return List.of(counter).iterator();
    }).fold(new TransitionCounter(), TransitionCounter::merge);
  }

  /** The transition table as CSV: old_type,new_type,count,share,examples (space-separated ids). */
  static String reportCsv(List<ReclassifyResult.Transition> transitions) {
    StringBuilder csv = new StringBuilder("old_type,new_type,count,share,examples\n");
    for (ReclassifyResult.Transition t : transitions) {
      csv.append(t.from() == null ? "" : t.from()).append(',').append(t.to() == null ? "" : t.to()).append(',')
          .append(t.count()).append(',').append(String.format(Locale.ROOT, "%.6f", t.share())).append(',')
          .append(String.join(" ", t.examples())).append('\n');
    }
    return csv.toString();
  }

  private static void writeReport(FileSystem warehouseFs, Path path, List<ReclassifyResult.Transition> transitions)
      throws IOException {
    FileSystem fs = path.getFileSystem(warehouseFs.getConf());
    try (OutputStream out = fs.create(path, true);
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      writer.print(reportCsv(transitions));
    }
  }

  private static String newRunId(Instant started) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
        + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }

  private static void describe(JavaSparkContext jsc, String runId, String step) {
    jsc.setJobGroup("RECLASSIFY " + runId, step, false);
  }
}
