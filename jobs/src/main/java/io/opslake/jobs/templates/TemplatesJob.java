package io.opslake.jobs.templates;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.md5;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.udf;

import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.Warehouse;
import io.opslake.schemas.Column;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Mines message templates from {@code raw_events.message} (all history or a date range) into the
 * {@code patterns} table, so that the result depends only on the multiset of messages, never on
 * their order or partitioning. Cost: two reads of the selected {@code raw_events} columns
 * (message, hostname, ts), two shuffles, and the driver memory described in step 2.
 *
 * <ol>
 *   <li>Executors mask every message ({@link Masker}) and count the distinct masked messages (one
 *       shuffle).
 *   <li>Up to {@code maxDistinct} of them, the driver collects them with their counts (memory:
 *       about the total length of the distinct masked messages; masking collapses ids, numbers and
 *       addresses, so this is thousands of rows for most services) and mines them with {@link
 *       TemplateMiner} in its deterministic order. Above it, the masked messages are hash
 *       partitioned into {@code ceil(distinct / maxDistinct)} groups, each group is mined on an
 *       executor the same way, and the driver mines the groups' templates (weighted by their
 *       counts) into the final ones: still deterministic, as a message's group depends only on its
 *       text, but a template seen in two groups is shaped from their templates rather than from
 *       the messages.
 *   <li>The final templates are broadcast as a {@link TemplateMatcher}; executors assign every
 *       event its template (the same lookup {@link TemplateIndex} does for reclassify, so the
 *       table's counts and the events' {@code template_id} agree) and aggregate per template
 *       (second shuffle): occurrences, first and last seen, distinct hosts, an example.
 *   <li>Rows are written partitioned by the UTC date of {@code first_seen} and committed by a
 *       {@link PartitionRebuild} of the whole table: every partition this run wrote, and every
 *       older partition it did not (emptied), is swapped, so the table always holds exactly one run.
 * </ol>
 */
public final class TemplatesJob {
  private final SparkSession spark;
  private final TemplatesOptions options;

  public TemplatesJob(SparkSession spark, TemplatesOptions options) {
    this.spark = spark;
    this.options = options;
  }

  public TemplatesResult run() throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    try (PartitionRebuild rebuild = warehouse.rebuild(spark, Tables.PATTERNS, "templates")) {
      return run(warehouse, rebuild, jsc);
    } finally {
      jsc.clearJobGroup();
    }
  }

  private TemplatesResult run(Warehouse warehouse, PartitionRebuild rebuild, JavaSparkContext jsc) throws IOException {
    String runId = rebuild.runId();
    Dataset<Row> events = warehouse.read(spark, Tables.RAW_EVENTS);
    if (options.from() != null) {
      events = events.where(col("dt").geq(lit(java.sql.Date.valueOf(options.from()))));
    }
    if (options.to() != null) {
      events = events.where(col("dt").leq(lit(java.sql.Date.valueOf(options.to()))));
    }
    Masker masker = new Masker();
    UserDefinedFunction mask = udf((UDF1<String, String>) masker::mask, DataTypes.StringType);
    Dataset<Row> messages = events.select(col("message"), col("hostname"), col("ts"))
        .withColumn("masked", mask.apply(col("message")))
        .where(col("masked").notEqual(""));

    jsc.setJobGroup("TEMPLATES " + runId, "TEMPLATES run=" + runId + " count distinct masked messages", false);
    Dataset<Row> distinct = messages.groupBy("masked").agg(count(lit(1)).as("n")).cache();
    long distinctCount = distinct.count();
    boolean partitioned = distinctCount > options.maxDistinct();
    jsc.setJobGroup("TEMPLATES " + runId, "TEMPLATES run=" + runId + " mine " + distinctCount + " masked messages", false);
    Map<String, Long> toMine = partitioned ? partitionTemplates(distinct, distinctCount) : collect(distinct);
    distinct.unpersist();
    List<String> templates = TemplateMiner.withDefaults().mineMasked(toMine).templates().stream()
        .map(MinedTemplate::template).toList();

    jsc.setJobGroup("TEMPLATES " + runId, "TEMPLATES run=" + runId + " assign and aggregate", false);
    Broadcast<TemplateMatcher> matcher = jsc.broadcast(TemplateMatcher.of(templates, TemplateMiner.DEFAULT_SETTINGS));
    UserDefinedFunction assign = udf((UDF1<String, String>) message -> matcher.value().templateOf(message),
        DataTypes.StringType);
    Dataset<Row> patterns = messages.withColumn("template", assign.apply(col("message")))
        .where(col("template").isNotNull())
        .groupBy("template")
        .agg(count(lit(1)).as("occurrences"), min("ts").as("first_seen"), max("ts").as("last_seen"),
            countDistinct("hostname").as("hosts"), min("message").as("example"))
        .withColumn("template_id", substring(md5(col("template")), 1, 16))
        .withColumn("mining_run_id", lit(runId))
        .withColumn("dt", to_date(col("first_seen")));
    List<org.apache.spark.sql.Column> columns = new ArrayList<>();
    for (Column column : Tables.PATTERNS.allColumns()) {
      columns.add(col(column.name()).cast(column.type().sparkType()));
    }
    patterns = patterns.select(columns.toArray(new org.apache.spark.sql.Column[0])).cache();
    long rows = patterns.count();

    rebuild.stage(patterns);
    patterns.unpersist();
    List<String> written = rebuild.stagedDates().stream().map(java.time.LocalDate::toString).toList();
    // Every older partition this run did not write is emptied: the table always holds exactly one run.
    rebuild.commit(RebuildScope.wholeTable());
    return new TemplatesResult(runId, toMine.values().stream().mapToLong(Long::longValue).sum(), distinctCount,
        partitioned, rows, written);
  }

  private static Map<String, Long> collect(Dataset<Row> distinct) {
    Map<String, Long> counts = new HashMap<>();
    for (Row row : distinct.collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    return counts;
  }

  /**
   * Mines hash partitions of the distinct masked messages on the executors; returns every
   * partition's templates with their counts (a template found in several partitions is summed).
   */
  private Map<String, Long> partitionTemplates(Dataset<Row> distinct, long distinctCount) {
    int groups = (int) Math.min(Integer.MAX_VALUE, (distinctCount + options.maxDistinct() - 1) / options.maxDistinct());
    StructType schema = new StructType().add("template", DataTypes.StringType).add("n", DataTypes.LongType);
    Dataset<Row> templates = distinct.repartition(groups, col("masked")).mapPartitions(
        (MapPartitionsFunction<Row, Row>) TemplatesJob::mineGroup, Encoders.row(schema));
    return collect(templates.groupBy("template").agg(org.apache.spark.sql.functions.sum("n").as("n")));
  }

  private static Iterator<Row> mineGroup(Iterator<Row> rows) {
    Map<String, Long> counts = new HashMap<>();
    rows.forEachRemaining(row -> counts.put(row.getString(0), row.getLong(1)));
    List<Row> out = new ArrayList<>();
    for (MinedTemplate template : TemplateMiner.withDefaults().mineMasked(counts).templates()) {
      out.add(RowFactory.create(template.template(), template.occurrences()));
    }
    return out.iterator();
  }
}
