package io.opslake.jobs.alerts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.opslake.schemas.Tables;
import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Backtests the rules of an alert rules file over a date range D1..D2 (docs/alerts.md): what each
 * rule variant would have raised, written to {@code alert_firings} (partitions D1..D2 rebuilt, one per
 * day of {@code started_at}), and one {@code alert_summary} row per variant (partition {@code dt=D2}),
 * scored against known incidents when they are given ({@link IncidentScore}).
 *
 * <p>Inputs: {@code event_series} and {@code latency_series} minute rows of D1..D2 (event counts,
 * latencies); {@code raw_metrics} {@code host.df.used} and {@code host.df.size} of D1..D2 and the
 * days of the longest disk fit window before D1 (disk rules); {@code events} of the whole history up
 * to D2, only for new-fingerprint rules (a fingerprint is new when it has no earlier event).
 *
 * <p>Spark cost: one shuffle of the selected series rows by (rule, key), each group sorted by time
 * ({@code flatMapSortedGroups}) and walked once minute by minute ({@link SeriesEvaluation}, every
 * variant of the rule in the same pass: O(minutes of the range × variants) time, O(longest window)
 * memory per group); one aggregation of {@code events} by fingerprint for new-fingerprint rules. No
 * series reaches the driver: it collects only the alerts (a few columns per alert) to compute the
 * summary rows.
 */
public final class AlertsBacktestJob {
  /** What the evaluation emits: alert_firings columns with times as epoch milliseconds. */
  private static final StructType EMITTED = new StructType()
      .add("rule", DataTypes.StringType, false)
      .add("variant", DataTypes.StringType, false)
      .add("rule_kind", DataTypes.StringType, false)
      .add("alert_key", DataTypes.StringType, false)
      .add("pending_ms", DataTypes.LongType, false)
      .add("started_ms", DataTypes.LongType, false)
      .add("ended_ms", DataTypes.LongType, false)
      .add("resolved", DataTypes.BooleanType, false)
      .add("firing_seconds", DataTypes.DoubleType, false)
      .add("flapping_refires", DataTypes.IntegerType, false)
      .add("peak_value", DataTypes.DoubleType, true)
      .add("threshold", DataTypes.DoubleType, true);

  private final SparkSession spark;
  private final AlertsBacktestOptions options;

  public AlertsBacktestJob(SparkSession spark, AlertsBacktestOptions options) {
    this.spark = spark;
    this.options = options;
  }

  public AlertsBacktestResult run() throws IOException {
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String step = "ALERTS BACKTEST " + options.from() + ".." + options.to();
    long from = options.from().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long to = options.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    Map<String, List<AlertRule>> byRule = new LinkedHashMap<>();
    options.rules().forEach(rule -> byRule.computeIfAbsent(rule.id(), id -> new ArrayList<>()).add(rule));
    try (PartitionRebuild firings = warehouse.rebuild(spark, Tables.ALERT_FIRINGS, "alerts");
        PartitionRebuild summary = warehouse.rebuild(spark, Tables.ALERT_SUMMARY, "alerts")) {
      jsc.setJobGroup("ALERTS " + firings.runId(), step + " evaluate", false);
      LongAccumulator keys = spark.sparkContext().longAccumulator("alert keys evaluated");
      Dataset<Row> emitted = spark.createDataFrame(List.of(), EMITTED)
          .unionByName(minuteAlerts(warehouse, byRule, from, to, keys))
          .unionByName(diskAlerts(warehouse, byRule, from, to, keys))
          .unionByName(newFingerprintAlerts(warehouse, byRule, from));
      firings.stage(emitted.select(col("rule"), col("variant"), col("alert_key"),
              expr("timestamp_millis(started_ms)").as("started_at"), expr("timestamp_millis(ended_ms)").as("ended_at"),
              col("peak_value"), col("firing_seconds"), col("flapping_refires"), col("resolved"),
              expr("timestamp_millis(pending_ms)").as("pending_since"), col("threshold"), col("rule_kind"),
              lit(firings.runId()).as("run_id"),
              expr("to_date(timestamp_millis(started_ms))").as("dt"))
          .repartition(col("dt")).sortWithinPartitions("rule", "variant", "started_at", "alert_key"));

      jsc.setJobGroup("ALERTS " + summary.runId(), step + " summary", false);
      List<AlertsBacktestResult.VariantSummary> variants = summarize(firings.staged());
      summary.stagePartition(options.to(), spark.createDataFrame(summaryRows(variants, summary.runId()),
          Tables.ALERT_SUMMARY.dataSchema()), 1);

      jsc.setJobGroup("ALERTS " + summary.runId(), step + " commit", false);
      List<String> runIds = new ArrayList<>();
      runIds.add(firings.commit(RebuildScope.range(options.from(), options.to())).runId());
      runIds.add(summary.commit(RebuildScope.dates(List.of(options.to()))).runId());
      return new AlertsBacktestResult(runIds, options.from(), options.to(), options.rulesFile(), keys.value(),
          variants, Duration.between(options.startedAt(), Instant.now()));
    } finally {
      jsc.clearJobGroup();
    }
  }

  /** Event-count and latency rules: the minute rows of their series, grouped by (rule, key), evaluated in time order. */
  private Dataset<Row> minuteAlerts(Warehouse warehouse, Map<String, List<AlertRule>> byRule, long from, long to,
      LongAccumulator keys) throws IOException {
    Column range = col("grain").equalTo("minute")
        .and(col("dt").between(Date.valueOf(options.from()), Date.valueOf(options.to())));
    Dataset<Row> eventSeries = warehouse.read(spark, Tables.EVENT_SERIES).where(range);
    Dataset<Row> latencySeries = warehouse.read(spark, Tables.LATENCY_SERIES).where(range);
    Dataset<Row> points = null;
    for (List<AlertRule> variants : byRule.values()) {
      AlertRule rule = variants.get(0);
      Dataset<Row> selected = switch (rule.kind()) {
        case EVENT_COUNT -> eventCountPoints(eventSeries, rule);
        case LATENCY -> latencySeries.where(rule.type() != null
                ? col("series_kind").equalTo("type").and(col("series_key").equalTo(rule.type()))
                : col("series_kind").equalTo("url_group").and(col("series_key").equalTo(rule.urlGroup())))
            .select(lit(rule.id()).as("rule"), col("series_key").as("alert_key"), expr("unix_millis(bucket_start)")
                .as("t"), col(rule.percentile() + "_ms").as("value"));
        default -> null;
      };
      if (selected != null) {
        points = points == null ? selected : points.unionByName(selected);
      }
    }
    if (points == null) {
      return spark.createDataFrame(List.of(), EMITTED);
    }
    return points
        .groupByKey((MapFunction<Row, String>) row -> row.getString(0) + "\t" + row.getString(1), Encoders.STRING())
        .flatMapSortedGroups(new Column[] {col("t")}, new EvaluateMinutes(byRule, from, to, keys),
            Encoders.row(EMITTED));
  }

  private static Dataset<Row> eventCountPoints(Dataset<Row> eventSeries, AlertRule rule) {
    Column where;
    Column key;
    if (rule.fingerprint() != null) {
      where = col("series_kind").equalTo("fingerprint").and(col("series_key").equalTo(rule.fingerprint()));
      key = col("series_key");
    } else if (rule.scope() == AlertRule.Scope.PER_HOST) {
      where = col("series_kind").equalTo("type_host").and(col("type").equalTo(rule.type()));
      key = col("hostname");
    } else {
      where = col("series_kind").equalTo("type").and(col("series_key").equalTo(rule.type()));
      key = col("series_key");
    }
    return eventSeries.where(where).select(lit(rule.id()).as("rule"), key.as("alert_key"),
        expr("unix_millis(bucket_start)").as("t"), col("count").cast("double").as("value"));
  }

  /** Disk rules: host.df.used and host.df.size per host and mount, evaluated at each used sample. */
  private Dataset<Row> diskAlerts(Warehouse warehouse, Map<String, List<AlertRule>> byRule, long from, long to,
      LongAccumulator keys) throws IOException {
    Dataset<Row> samples = null;
    for (List<AlertRule> variants : byRule.values()) {
      AlertRule rule = variants.get(0);
      if (rule.kind() != AlertRule.Kind.DISK_FULL) {
        continue;
      }
      long lookbackDays = variants.stream().mapToLong(variant -> variant.window().toDays() + 1).max().orElse(1);
      Column where = col("name").isin("host.df.used", "host.df.size")
          .and(col("dt").between(Date.valueOf(options.from().minusDays(lookbackDays)), Date.valueOf(options.to())));
      if (rule.mount() != null) {
        where = where.and(col("labels").getItem("mount").equalTo(rule.mount()));
      }
      Dataset<Row> selected = warehouse.read(spark, Tables.RAW_METRICS).where(where)
          .select(lit(rule.id()).as("rule"),
              concat_ws("|", coalesce(col("hostname"), lit("(none)")),
                  coalesce(col("labels").getItem("mount"), lit("(none)"))).as("alert_key"),
              expr("unix_millis(ts)").as("t"), col("name"), col("value"));
      samples = samples == null ? selected : samples.unionByName(selected);
    }
    if (samples == null) {
      return spark.createDataFrame(List.of(), EMITTED);
    }
    return samples
        .groupByKey((MapFunction<Row, String>) row -> row.getString(0) + "\t" + row.getString(1), Encoders.STRING())
        .flatMapSortedGroups(new Column[] {col("t"), col("name")}, new EvaluateDisk(byRule, from, to, keys),
            Encoders.row(EMITTED));
  }

  /** New-fingerprint rules: fingerprints of the type whose first event over the history up to D2 falls in the range. */
  private Dataset<Row> newFingerprintAlerts(Warehouse warehouse, Map<String, List<AlertRule>> byRule, long from)
      throws IOException {
    Dataset<Row> alerts = spark.createDataFrame(List.of(), EMITTED);
    for (List<AlertRule> variants : byRule.values()) {
      AlertRule rule = variants.get(0);
      if (rule.kind() != AlertRule.Kind.NEW_FINGERPRINT) {
        continue;
      }
      Dataset<Row> firstSeen = warehouse.read(spark, Tables.EVENTS)
          .where(col("type").equalTo(rule.type()).and(col("fingerprint").isNotNull())
              .and(col("dt").leq(Date.valueOf(options.to()))))
          .groupBy(col("fingerprint"))
          .agg(min(expr("unix_millis(ts)")).as("first_ms"),
              sum(when(col("dt").geq(Date.valueOf(options.from())), 1).otherwise(0)).cast("double").as("in_range"))
          .where(col("first_ms").geq(from));
      alerts = alerts.unionByName(firstSeen.select(lit(rule.id()).as("rule"), lit(rule.variant()).as("variant"),
          lit(rule.kind().text()).as("rule_kind"), col("fingerprint").as("alert_key"), col("first_ms").as("pending_ms"),
          col("first_ms").as("started_ms"), col("first_ms").as("ended_ms"), lit(true).as("resolved"),
          lit(0.0).as("firing_seconds"), lit(0).as("flapping_refires"), col("in_range").as("peak_value"),
          lit(null).cast("double").as("threshold")));
    }
    return alerts;
  }

  /** Per rule variant: alerts, keys, time firing, re-fires and, with incidents, the incident score. */
  private List<AlertsBacktestResult.VariantSummary> summarize(Dataset<Row> staged) {
    Map<String, List<Alert>> alerts = new HashMap<>();
    Map<String, java.util.Set<String>> keys = new HashMap<>();
    List<Row> rows = staged.select(col("rule"), col("variant"), col("alert_key"), expr("unix_millis(started_at)"),
        expr("unix_millis(ended_at)"), col("firing_seconds"), col("flapping_refires")).collectAsList();
    for (Row row : rows) {
      String variant = row.getString(0) + "\t" + row.getString(1);
      alerts.computeIfAbsent(variant, k -> new ArrayList<>()).add(new Alert(row.getLong(3), row.getLong(3),
          row.getLong(4), true, Math.round(row.getDouble(5) * 1000), row.getInt(6), Double.NaN));
      keys.computeIfAbsent(variant, k -> new java.util.HashSet<>()).add(row.getString(2));
    }
    List<AlertsBacktestResult.VariantSummary> summaries = new ArrayList<>();
    for (AlertRule rule : options.rules()) {
      String variant = rule.id() + "\t" + rule.variant();
      List<Alert> own = alerts.getOrDefault(variant, List.of());
      IncidentScore score = options.incidents().map(incidents -> IncidentScore.of(own, incidents)).orElse(null);
      summaries.add(new AlertsBacktestResult.VariantSummary(rule.id(), rule.variant(), rule.kind().text(),
          rule.description(), own.size(), keys.getOrDefault(variant, java.util.Set.of()).size(),
          own.stream().mapToLong(Alert::firingMillis).sum() / 1000.0,
          own.stream().mapToLong(Alert::refires).sum(), own.size() / (double) options.days(),
          score == null ? null : score.detected() + score.missed(), score == null ? null : score.detected(),
          score == null ? null : score.missed(), score == null ? null : score.medianDelaySeconds(),
          score == null ? null : score.maxDelaySeconds(), score == null ? null : (long) score.falseAlarms()));
    }
    return summaries;
  }

  private List<Row> summaryRows(List<AlertsBacktestResult.VariantSummary> variants, String runId) {
    List<Row> rows = new ArrayList<>();
    for (AlertsBacktestResult.VariantSummary variant : variants) {
      rows.add(RowFactory.create(variant.rule(), variant.variant(), variant.alerts(), variant.alertsPerDay(),
          variant.incidentsDetected(), variant.incidentsMissed(), variant.medianDelaySeconds(), variant.falseAlarms(),
          variant.maxDelaySeconds(), variant.incidents(), variant.keysAlerted(), variant.firingSeconds(),
          variant.flappingRefires(), variant.kind(), variant.description(), options.from().toString(),
          options.to().toString(), options.rulesFile(), runId));
    }
    return rows;
  }

  static Row emitted(SeriesEvaluation.VariantAlert found, String key) {
    AlertRule variant = found.variant();
    Alert alert = found.alert();
    boolean hasThreshold = variant.kind() == AlertRule.Kind.EVENT_COUNT || variant.kind() == AlertRule.Kind.LATENCY;
    return RowFactory.create(variant.id(), variant.variant(), variant.kind().text(), key, alert.pendingSince(),
        alert.start(), alert.end(), alert.resolved(), alert.firingMillis() / 1000.0, alert.refires(),
        Double.isFinite(alert.peak()) ? alert.peak() : null, hasThreshold ? variant.threshold() : null);
  }

  /** Evaluates one (rule, key) minute series. */
  private static final class EvaluateMinutes implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Map<String, List<AlertRule>> byRule;
    private final long from;
    private final long to;
    private final LongAccumulator keys;

    EvaluateMinutes(Map<String, List<AlertRule>> byRule, long from, long to, LongAccumulator keys) {
      this.byRule = new HashMap<>(byRule);
      this.from = from;
      this.to = to;
      this.keys = keys;
    }

    @Override
    public java.util.Iterator<Row> call(String group, java.util.Iterator<Row> rows) {
      keys.add(1);
      String rule = group.substring(0, group.indexOf('\t'));
      String key = group.substring(group.indexOf('\t') + 1);
      java.util.Iterator<SeriesEvaluation.MinutePoint> points = new java.util.Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public SeriesEvaluation.MinutePoint next() {
          Row row = rows.next();
          return new SeriesEvaluation.MinutePoint(row.getLong(2), row.isNullAt(3) ? null : row.getDouble(3));
        }
      };
      return SeriesEvaluation.minutes(byRule.get(rule), points, from, to).stream()
          .map(found -> emitted(found, key)).iterator();
    }
  }

  /** Evaluates one (rule, host|mount) disk series. */
  private static final class EvaluateDisk implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Map<String, List<AlertRule>> byRule;
    private final long from;
    private final long to;
    private final LongAccumulator keys;

    EvaluateDisk(Map<String, List<AlertRule>> byRule, long from, long to, LongAccumulator keys) {
      this.byRule = new HashMap<>(byRule);
      this.from = from;
      this.to = to;
      this.keys = keys;
    }

    @Override
    public java.util.Iterator<Row> call(String group, java.util.Iterator<Row> rows) {
      keys.add(1);
      String rule = group.substring(0, group.indexOf('\t'));
      String key = group.substring(group.indexOf('\t') + 1);
      // Streamed: size rows sort before the used rows of the same time and update the size in force.
      java.util.Iterator<SeriesEvaluation.DiskSample> samples = new java.util.Iterator<>() {
        private Double size;
        private SeriesEvaluation.DiskSample next = advance();

        private SeriesEvaluation.DiskSample advance() {
          while (rows.hasNext()) {
            Row row = rows.next();
            if (row.getString(3).equals("host.df.size")) {
              size = row.getDouble(4);
            } else {
              return new SeriesEvaluation.DiskSample(row.getLong(2), row.getDouble(4), size);
            }
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public SeriesEvaluation.DiskSample next() {
          SeriesEvaluation.DiskSample current = next;
          next = advance();
          return current;
        }
      };
      return SeriesEvaluation.disk(byRule.get(rule), samples, from, to).stream()
          .map(found -> emitted(found, key)).iterator();
    }
  }
}
