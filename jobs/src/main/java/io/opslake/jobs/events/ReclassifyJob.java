package io.opslake.jobs.events;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import com.univocity.parsers.csv.CsvWriter;
import io.opslake.jobs.csv.CsvFormat;
import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.Warehouse;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Rebuilds the {@code events} partitions of a date range from {@code raw_events}: deduplicates by
 * event_id, applies the rules, adds fingerprint and template id, and swaps the partitions in
 * atomically (a {@link PartitionRebuild} over the date range); a dry run only counts the type transitions.
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
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String range = options.from() + ".." + options.to();
    try (PartitionRebuild rebuild = warehouse.rebuild(spark, Tables.EVENTS, "reclassify")) {
      String runId = rebuild.runId();
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

      TemplateAssigner templates = TemplateAssigners.forWarehouse(spark, warehouse);
      JavaRDD<Row> classified = raw.javaRDD().mapPartitions(new EventClassifier(options.rules(), templates, keep));
      TransitionCounter counter;
      List<String> dates = new ArrayList<>();
      if (options.dryRun()) {
        describe(jsc, runId, "RECLASSIFY dt=" + range + " dry run: count transitions");
        counter = countTransitions(classified, Tables.EVENTS.columnIndex("original_type"),
            Tables.EVENTS.columnIndex("type"), Tables.EVENTS.columnIndex("event_id"));
      } else {
        describe(jsc, runId, "RECLASSIFY dt=" + range + " apply rules " + options.rules().version());
        rebuild.stage(spark.createDataFrame(classified, Tables.EVENTS.tableSchema()));
        describe(jsc, runId, "RECLASSIFY dt=" + range + " count transitions");
        counter = countTransitions(rebuild.staged().select("original_type", "type", "event_id").javaRDD(), 0, 1, 2);
        // A day of the range that events holds but raw_events no longer does is emptied.
        dates = rebuild.commit(RebuildScope.range(options.from(), options.to())).replacedDates();
      }
      List<ReclassifyResult.Transition> transitions = counter.transitions();
      long written = transitions.stream().mapToLong(ReclassifyResult.Transition::count).sum();
      String report = options.report().orElse(new Path(warehouse.root(), "_opslake/reclassify/" + runId + "/transitions.csv").toString());
      writeReport(warehouse.fileSystem(), new Path(Warehouse.qualify(report)), transitions);
      return new ReclassifyResult(runId, options.rules().file(), options.rules().version(), options.from(),
          options.to(), options.dryRun(), written + duplicates, duplicates, written, dates, transitions, report,
          Duration.between(started, Instant.now()));
    } finally {
      jsc.clearJobGroup();
    }
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

  /**
   * The transition table as CSV: old_type,new_type,count,share,examples (space-separated ids),
   * quoted where a value needs it ({@link CsvFormat}).
   */
  static String reportCsv(List<ReclassifyResult.Transition> transitions) {
    StringWriter text = new StringWriter();
    CsvWriter csv = CsvFormat.writer(text);
    csv.writeHeaders("old_type", "new_type", "count", "share", "examples");
    for (ReclassifyResult.Transition t : transitions) {
      csv.writeRow(t.from(), t.to(), Long.toString(t.count()), String.format(Locale.ROOT, "%.6f", t.share()),
          String.join(" ", t.examples()));
    }
    csv.close();
    return text.toString();
  }

  private static void writeReport(FileSystem warehouseFs, Path path, List<ReclassifyResult.Transition> transitions)
      throws IOException {
    FileSystem fs = path.getFileSystem(warehouseFs.getConf());
    try (OutputStream out = fs.create(path, true);
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      writer.print(reportCsv(transitions));
    }
  }

  private static void describe(JavaSparkContext jsc, String runId, String step) {
    jsc.setJobGroup("RECLASSIFY " + runId, step, false);
  }
}
