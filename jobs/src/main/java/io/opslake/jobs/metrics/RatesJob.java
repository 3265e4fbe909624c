package io.opslake.jobs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.TableStore;
import io.opslake.storage.Warehouse;
import io.opslake.schemas.MetricTypeDeclarations;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
 * Rebuilds {@code metric_rates} partitions from {@code raw_metrics}: counters become per-second
 * rates ({@link CounterRates}, rules in docs/metrics.md), producer rates are copied unchanged
 * ({@link SeriesRates}).
 *
 * <p>One Spark job with one shuffle. It reads the {@code counter} and {@code rate} rows of each
 * date and of the day before it (so a date's first sample has its predecessor), minus counters of
 * {@link RatesOptions#deltaSources()}; groups them by series (name, hostname, labels, source:
 * {@code groupByKey}, shuffling ts, value, kind, unit and the series columns of those rows); and
 * derives each series in one task, holding that series' rows in memory (a day at a 10 s interval
 * is under 9,000 rows). Rows ending on the target dates are staged and committed by a {@link
 * PartitionRebuild} scoped to those dates, so a rerun replaces those days, never adds to them; a
 * target date that yields no rows but had rows before is replaced by an empty day.
 *
 * <p>Out-of-order input needs no care here: a group's rows arrive in no particular order after the
 * shuffle anyway, and {@link CounterRates} sorts them.
 *
 * <p>The counts come from accumulators updated in the write's result stage, which Spark applies
 * once per partition even when a task is retried.
 */
public final class RatesJob {
  /** What {@code flatMapGroups} emits: metric_rates columns with ts as micros and dt as text. */
  private static final StructType DERIVED_SCHEMA = new StructType()
      .add("ts_micros", DataTypes.LongType, false)
      .add("name", DataTypes.StringType, false)
      .add("rate", DataTypes.DoubleType, false)
      .add("interval_seconds", DataTypes.DoubleType, true)
      .add("unit", DataTypes.StringType, true)
      .add("kind_source", DataTypes.StringType, false)
      .add("hostname", DataTypes.StringType, true)
      .add("labels", Tables.METRIC_RATES.dataSchema().apply("labels").dataType(), false)
      .add("source", DataTypes.StringType, false)
      .add("dt", DataTypes.StringType, false);

  private final SparkSession spark;
  private final RatesOptions options;

  public RatesJob(SparkSession spark, RatesOptions options) {
    this.spark = spark;
    this.options = options;
  }

  public RatesResult run() throws IOException {
    Instant started = options.startedAt();
    Warehouse warehouse = Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration());
    Set<LocalDate> readDates = new TreeSet<>(options.dates());
    options.dates().forEach(date -> readDates.add(date.minusDays(1)));

    Dataset<Row> rows = warehouse.read(spark, Tables.RAW_METRICS)
        .where(col("dt").isin(readDates.toArray()))
        .withColumn("kind", declaredKind(options.metricTypes()))
        .where(col("kind").isin(SeriesRates.KIND_COUNTER, SeriesRates.KIND_RATE))
        .where(not(col("kind").equalTo(SeriesRates.KIND_COUNTER).and(col("source").isin(options.deltaSources().toArray()))))
        .select(expr("unix_micros(ts)").as("ts_micros"), col("value"), col("kind"), col("unit"),
            col("name"), col("hostname"), col("labels"), col("source"));
    Counters counters = new Counters(spark);
    DeriveSeries derive = new DeriveSeries(options.maxInterval(), options.maxRate(),
        options.dates().stream().map(LocalDate::toEpochDay).collect(Collectors.toSet()), counters);
    Dataset<Row> rates = rows
        .groupByKey((MapFunction<Row, String>) RatesJob::seriesKey, Encoders.STRING())
        .flatMapGroups(derive, Encoders.row(DERIVED_SCHEMA))
        .select(expr("timestamp_micros(ts_micros)").as("ts"), col("name"), col("rate"), col("interval_seconds"),
            col("unit"), col("kind_source"), col("hostname"), col("labels"), col("source"),
            expr("to_date(dt)").as("dt"));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    PartitionRebuild.Result committed;
    try (PartitionRebuild rebuild = warehouse.rebuild(spark, Tables.METRIC_RATES, "rates")) {
      jsc.setJobGroup("RATES " + rebuild.runId(), "RATES dt=" + describe(options.dates()) + " derive and stage", false);
      rebuild.stage(rates);
      jsc.setJobGroup("RATES " + rebuild.runId(), "RATES dt=" + describe(options.dates()) + " commit", false);
      // A target day that yields no rows but had some before is emptied.
      committed = rebuild.commit(RebuildScope.dates(options.dates()));
    } finally {
      jsc.clearJobGroup();
    }
    return new RatesResult(committed.runId(), options.dates().stream().map(LocalDate::toString).toList(),
        counters.series.value(), counters.pointsRead.value(),
        counters.derived.value(), counters.producer.value(), counters.resets.value(), counters.gaps.value(),
        counters.overCap.value(), counters.duplicates.value(), counters.invalid.value(), counters.shadowed.value(),
        Duration.between(started, Instant.now()));
  }

  /**
   * {@code raw_metrics.kind} with the user's declarations applied: the kind of the first
   * declaration whose pattern matches the name, else the stored kind. A plain {@code CASE WHEN name
   * RLIKE ...} chain, so Spark evaluates it without a UDF.
   */
  static Column declaredKind(MetricTypeDeclarations declarations) {
    Column kind = col("kind");
    List<MetricTypeDeclarations.Declaration> list = declarations.declarations();
    for (int i = list.size() - 1; i >= 0; i--) {
      kind = when(col("name").rlike(list.get(i).regex()), lit(list.get(i).kind())).otherwise(kind);
    }
    return kind;
  }

  /**
   * The dates to rebuild after an ingest wrote {@code raw_metrics} rows into {@code written}: those
   * dates, plus each following day that already has {@code raw_metrics} rows, because its first
   * rates take their predecessor from the day before.
   */
  public static List<LocalDate> datesAfterIngest(TableStore store, List<String> written) throws IOException {
    Set<LocalDate> dates = new TreeSet<>();
    for (String date : written) {
      LocalDate day = LocalDate.parse(date);
      dates.add(day);
      if (store.hasPartition(Tables.RAW_METRICS, day.plusDays(1))) {
        dates.add(day.plusDays(1));
      }
    }
    return List.copyOf(dates);
  }

  /** {@code 2026-10-01..2026-10-03} for consecutive dates, else the dates joined by commas. */
  static String describe(List<LocalDate> dates) {
    LocalDate first = dates.get(0);
    LocalDate last = dates.get(dates.size() - 1);
    if (dates.size() > 2 && first.plusDays(dates.size() - 1).equals(last)) {
      return first + ".." + last;
    }
    return dates.stream().map(LocalDate::toString).collect(Collectors.joining(","));
  }

  /** Name, hostname, labels (sorted by key) and source, separated by characters metric names never hold. */
  static String seriesKey(Row row) {
    StringBuilder key = new StringBuilder(row.<String>getAs("name")).append('\u0000');
    String hostname = row.getAs("hostname");
    key.append(hostname == null ? "\u0001" : hostname).append('\u0000');
    Map<String, String> labels = new TreeMap<>(row.<String, String>getJavaMap(row.fieldIndex("labels")));
    labels.forEach((name, value) -> key.append(name).append('\u0002').append(value).append('\u0003'));
    return key.append('\u0000').append(row.<String>getAs("source")).toString();
  }

  /** The job's counts; accumulators are registered on the driver and updated in tasks. */
  static final class Counters implements Serializable {
    final LongAccumulator series;
    final LongAccumulator pointsRead;
    final LongAccumulator derived;
    final LongAccumulator producer;
    final LongAccumulator resets;
    final LongAccumulator gaps;
    final LongAccumulator overCap;
    final LongAccumulator duplicates;
    final LongAccumulator invalid;
    final LongAccumulator shadowed;

    Counters(SparkSession spark) {
      series = spark.sparkContext().longAccumulator("rates series");
      pointsRead = spark.sparkContext().longAccumulator("rates points read");
      derived = spark.sparkContext().longAccumulator("rates derived");
      producer = spark.sparkContext().longAccumulator("rates producer");
      resets = spark.sparkContext().longAccumulator("rates resets");
      gaps = spark.sparkContext().longAccumulator("rates gaps");
      overCap = spark.sparkContext().longAccumulator("rates over cap");
      duplicates = spark.sparkContext().longAccumulator("rates duplicates");
      invalid = spark.sparkContext().longAccumulator("rates invalid");
      shadowed = spark.sparkContext().longAccumulator("rates shadowed series");
    }
  }

  /** One series' rows in, its metric_rates rows out. */
  static final class DeriveSeries implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private final Duration maxInterval;
    private final double maxRate;
    private final Set<Long> epochDays;
    private final Counters counters;

    DeriveSeries(Duration maxInterval, double maxRate, Set<Long> epochDays, Counters counters) {
      this.maxInterval = maxInterval;
      this.maxRate = maxRate;
      this.epochDays = Set.copyOf(epochDays);
      this.counters = counters;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> rows) {
      Row first = rows.next();
      List<SeriesRates.Sample> samples = new ArrayList<>();
      samples.add(sample(first));
      rows.forEachRemaining(row -> samples.add(sample(row)));
      SeriesRates.Result result = SeriesRates.of(samples, new CounterRates(maxInterval, maxRate),
          micros -> epochDays.contains(Math.floorDiv(micros, MICROS_PER_DAY)));

      counters.series.add(1);
      counters.pointsRead.add(samples.size());
      counters.resets.add(result.resets());
      counters.gaps.add(result.gaps());
      counters.overCap.add(result.overCap());
      counters.duplicates.add(result.duplicates());
      counters.invalid.add(result.invalid());
      counters.shadowed.add(result.counterShadowed() ? 1 : 0);
      List<Row> out = new ArrayList<>(result.rates().size());
      for (SeriesRates.Rate rate : result.rates()) {
        (SeriesRates.PRODUCER.equals(rate.kindSource()) ? counters.producer : counters.derived).add(1);
        String dt = LocalDate.ofEpochDay(Math.floorDiv(rate.tsMicros(), MICROS_PER_DAY)).toString();
        out.add(RowFactory.create(rate.tsMicros(), first.getAs("name"), rate.rate(), rate.intervalSeconds(),
            rate.unit(), rate.kindSource(), first.getAs("hostname"), first.getMap(first.fieldIndex("labels")),
            first.getAs("source"), dt));
      }
      return out.iterator();
    }

    private static SeriesRates.Sample sample(Row row) {
      return new SeriesRates.Sample(row.getLong(0), row.getDouble(1), row.getString(2), row.getString(3));
    }
  }
}
