package io.opslake.jobs.findings;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.opslake.schemas.Tables;
import io.opslake.storage.TableStore;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
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
import org.apache.spark.storage.StorageLevel;

/**
 * The {@code correlations} rows of one as-of date D (docs/findings.md#correlations): for each {@link
 * Grain}, the candidate series of the window are paired and each pair's best lag is found by {@link
 * LaggedCorrelation} (first differences, so two trending series are not news; Bonferroni over the
 * lags); the p-values of every pair of both grains are then adjusted together by {@link
 * BenjaminiHochberg}, and every pair tried is written, ranked.
 *
 * <p>Candidates: {@code event_series} kind {@code type_host} (counts) and {@code metric_series}
 * kind {@code raw_metrics} ({@code avg}); the kinds {@code type} and {@code metric_rates} are sums
 * and rates of these, so pairs across them would only restate their definition. A series is a
 * candidate when it has a value in at least {@link #MIN_PRESENT_SHARE} of the window's buckets and
 * changes from one bucket to the next in at least {@link #MIN_MOVING_SHARE} of them; the {@link
 * Grain#candidates} that change most often are paired (ties: the most events or datapoints behind
 * the series, then by key).
 *
 * <p>Spark cost: one scan of the window's rows per grain and one shuffle grouping them by series,
 * sorted by time ({@code groupByKey} + {@code flatMapSortedGroups}), which yields one vector per
 * series (168 hourly or 1,440 minute values). The driver collects one (key, activity) pair per
 * series to choose the candidates, never a vector. Pairs are formed without the driver: the K
 * candidates are split into {@link #BLOCKS} blocks, each vector is sent to the B block pairs it
 * belongs to (one shuffle of K × B vectors), and each block pair's task correlates its pairs:
 * K(K−1)/2 pairs × (2L+1) lags × n steps in all (hour: 19,900 × 25 × 168 ≈ 84 M multiply-adds;
 * minute: 1,225 × 61 × 1,440 ≈ 108 M). The driver then collects one (pair, p-value, |r|) triple
 * per pair (at most 21,125) for Benjamini–Hochberg and the ranks, which are broadcast-joined back.
 */
final class CorrelationFindings {
  /**
   * One grain's settings.
   *
   * @param name {@code hour} or {@code minute}
   * @param windowDays days up to D in the window
   * @param stepSeconds seconds per bucket
   * @param maxLag lags tried: −maxLag..maxLag buckets
   * @param candidates series paired at most
   */
  record Grain(String name, int windowDays, int stepSeconds, int maxLag, int candidates) implements Serializable {}

  static final Grain HOUR = new Grain("hour", 7, 3_600, 12, 200);
  static final Grain MINUTE = new Grain("minute", 1, 60, 30, 50);
  static final List<Grain> GRAINS = List.of(HOUR, MINUTE);
  static final double MIN_PRESENT_SHARE = 0.9;
  static final double MIN_MOVING_SHARE = 0.1;
  static final int BLOCKS = 4;

  private static final StructType VECTOR = new StructType()
      .add("grain", DataTypes.StringType, false)
      .add("series_table", DataTypes.StringType, false)
      .add("series_kind", DataTypes.StringType, false)
      .add("series_key", DataTypes.StringType, false)
      .add("what", DataTypes.StringType, false)
      .add("moving", DataTypes.IntegerType, false)
      .add("weight", DataTypes.DoubleType, false)
      .add("window_from", DataTypes.StringType, false)
      // The grid's doubles, big-endian: a compact shuffle without boxing.
      .add("values", DataTypes.BinaryType, false);

  private static final StructType ROUTED = new StructType()
      .add("block_pair", DataTypes.StringType, false)
      .add("index", DataTypes.IntegerType, false)
      .add("vector", VECTOR, false);

  private static final StructType PER_PAIR = new StructType()
      .add("pair_id", DataTypes.StringType, false)
      .add("grain", DataTypes.StringType, false)
      .add("series_a_table", DataTypes.StringType, false)
      .add("series_a_kind", DataTypes.StringType, false)
      .add("series_a_key", DataTypes.StringType, false)
      .add("series_b_table", DataTypes.StringType, false)
      .add("series_b_kind", DataTypes.StringType, false)
      .add("series_b_key", DataTypes.StringType, false)
      .add("n", DataTypes.IntegerType, false)
      .add("lag_seconds", DataTypes.LongType, false)
      .add("leading_key", DataTypes.StringType, true)
      .add("r", DataTypes.DoubleType, false)
      .add("p_value", DataTypes.DoubleType, false)
      .add("window_from", DataTypes.StringType, false)
      .add("window_to", DataTypes.StringType, false)
      .add("sentence", DataTypes.StringType, false);

  private static final StructType ADJUSTED = new StructType()
      .add("pair_id", DataTypes.StringType, false)
      .add("p_adjusted", DataTypes.DoubleType, false)
      .add("correlation_rank", DataTypes.IntegerType, false);

  /**
   * The rows, the pairs tried and the significant ones; the rows' inputs stay persisted until the
   * caller has staged them and calls {@link #unpersist}.
   */
  record Outcome(Dataset<Row> rows, long pairs, long significant, List<Dataset<Row>> persisted) {
    void unpersist() {
      persisted.forEach(Dataset::unpersist);
    }
  }

  private CorrelationFindings() {}

  static Outcome rows(SparkSession spark, TableStore store, LocalDate asOf, Map<String, Set<Long>> coverage,
      String runId) throws IOException {
    Dataset<Row> vectors = null;
    for (Grain grain : GRAINS) {
      Dataset<Row> grainVectors = vectors(spark, store, asOf, grain, coverage);
      vectors = vectors == null ? grainVectors : vectors.union(grainVectors);
    }
    vectors = vectors.persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Integer> index = candidates(vectors.select("grain", "series_table", "series_kind", "series_key",
        "moving", "weight").collectAsList());
    Dataset<Row> pairs = vectors
        .flatMap(new Route(index), Encoders.row(ROUTED))
        .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
        .flatMapGroups(new Correlate(asOf), Encoders.row(PER_PAIR))
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<Row> tests = pairs.select("pair_id", "p_value", "r").collectAsList();
    List<Row> adjusted = adjust(tests);
    long significant = adjusted.stream().filter(row -> row.getDouble(1) <= 0.05).count();
    String uncorrected = "; not significant once the run's " + tests.size()
        + " pairs are accounted for (Benjamini–Hochberg)";
    Dataset<Row> rows = pairs
        .join(broadcast(spark.createDataFrame(adjusted, ADJUSTED)), "pair_id")
        .withColumn("significant", col("p_adjusted").leq(0.05))
        .withColumn("sentence", when(col("p_value").lt(0.05).and(not(col("significant"))),
            concat(col("sentence"), lit(uncorrected))).otherwise(col("sentence")))
        .withColumn("run_id", lit(runId))
        .select(Arrays.stream(Tables.CORRELATIONS.dataSchema().fieldNames()).map(Column::new).toArray(Column[]::new));
    return new Outcome(rows, tests.size(), significant, List.of(vectors, pairs));
  }

  /** One vector per series of the grain's window that passes the candidate filters. */
  private static Dataset<Row> vectors(SparkSession spark, TableStore store, LocalDate asOf, Grain grain,
      Map<String, Set<Long>> coverage) throws IOException {
    Date from = Date.valueOf(asOf.minusDays(grain.windowDays() - 1));
    Column window = col("dt").between(from, Date.valueOf(asOf)).and(col("grain").equalTo(grain.name()));
    Dataset<Row> events = store.read(spark, Tables.EVENT_SERIES)
        .where(window.and(col("series_kind").equalTo("type_host")))
        .select(lit("event_series").as("series_table"), col("series_kind"), col("series_key"),
            concat(col("type"), lit(" events on "), col("hostname")).as("what"),
            unix_seconds(col("bucket_start")).as("second"), col("count").cast("double").as("value"),
            col("count").cast("double").as("weight"));
    Dataset<Row> metrics = store.read(spark, Tables.METRIC_SERIES)
        .where(window.and(col("series_kind").equalTo("raw_metrics")).and(col("avg").isNotNull()))
        .select(lit("metric_series").as("series_table"), col("series_kind"), col("series_key"),
            col("series_key").as("what"), unix_seconds(col("bucket_start")).as("second"), col("avg").as("value"),
            col("count").cast("double").as("weight"));
    return events.unionByName(metrics)
        .groupByKey((MapFunction<Row, String>) row -> row.getString(0) + '\t' + row.getString(1) + '\t'
            + row.getString(2), Encoders.STRING())
        .flatMapSortedGroups(new Column[] {col("second")}, new Vectorize(asOf, grain, coverage), Encoders.row(VECTOR));
  }

  /**
   * The candidates of each grain: the {@link Grain#candidates} series that change most often, then
   * by weight (events counted, datapoints aggregated), then by table, kind and key; numbered per grain in (table, kind, key) order; keyed by grain, table, kind
   * and key joined with tabs.
   */
  static Map<String, Integer> candidates(List<Row> activity) {
    Map<String, Integer> index = new HashMap<>();
    for (Grain grain : GRAINS) {
      List<Row> rows = new ArrayList<>(activity.stream().filter(row -> row.getString(0).equals(grain.name())).toList());
      Comparator<Row> byKey = Comparator.comparing((Row row) -> row.getString(1)).thenComparing(row -> row.getString(2))
          .thenComparing(row -> row.getString(3));
      rows.sort(Comparator.comparing((Row row) -> -row.getInt(4)).thenComparing(row -> -row.getDouble(5))
          .thenComparing(byKey));
      List<Row> chosen = new ArrayList<>(rows.subList(0, Math.min(grain.candidates(), rows.size())));
      chosen.sort(byKey);
      for (int i = 0; i < chosen.size(); i++) {
        index.put(vectorKey(chosen.get(i)), i);
      }
    }
    return index;
  }

  private static String vectorKey(Row row) {
    return row.getString(0) + '\t' + row.getString(1) + '\t' + row.getString(2) + '\t' + row.getString(3);
  }

  /** Benjamini–Hochberg over every pair, and the rank by adjusted p-value, then |r|, then pair id. */
  static List<Row> adjust(List<Row> tests) {
    double[] p = tests.stream().mapToDouble(row -> row.getDouble(1)).toArray();
    double[] adjusted = BenjaminiHochberg.adjust(p);
    Integer[] order = new Integer[tests.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> adjusted[i])
        .thenComparingDouble(i -> -Math.abs(tests.get(i).getDouble(2)))
        .thenComparing(i -> tests.get(i).getString(0)));
    List<Row> rows = new ArrayList<>(tests.size());
    for (int rank = 0; rank < order.length; rank++) {
      int i = order[rank];
      rows.add(RowFactory.create(tests.get(i).getString(0), adjusted[i], rank + 1));
    }
    return rows;
  }

  /** Builds one series' grid from its sorted points; emits it when it is a candidate. */
  private static final class Vectorize implements FlatMapGroupsFunction<String, Row, Row>, Serializable {
    private final LocalDate asOf;
    private final Grain grain;
    private final Map<String, Set<Long>> coverage;

    Vectorize(LocalDate asOf, Grain grain, Map<String, Set<Long>> coverage) {
      this.asOf = asOf;
      this.grain = grain;
      this.coverage = new HashMap<>(coverage);
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> points) {
      Row first = points.next();
      long end = asOf.toEpochDay();
      long from = windowStart(asOf, grain, coverage);
      boolean counts = first.getString(0).equals("event_series");
      Set<Long> daysWithInput = coverage.getOrDefault(TrendFindings.coverageKey(first.getString(0),
          first.getString(1)), Set.of());
      RegularGrid.Weighted grid =
          RegularGrid.of(from, end, grain.stepSeconds(), counts, daysWithInput, first, points, 4, 5, 6);
      double[] values = grid.values();
      int present = 0;
      int moving = 0;
      for (int i = 0; i < values.length; i++) {
        present += Double.isNaN(values[i]) ? 0 : 1;
        moving += i > 0 && !Double.isNaN(values[i]) && !Double.isNaN(values[i - 1]) && values[i] != values[i - 1]
            ? 1 : 0;
      }
      if (present < MIN_PRESENT_SHARE * values.length || moving < MIN_MOVING_SHARE * values.length) {
        return List.<Row>of().iterator();
      }
      ByteBuffer packed = ByteBuffer.allocate(8 * values.length);
      packed.asDoubleBuffer().put(values);
      return List.of(RowFactory.create(grain.name(), first.getString(0), first.getString(1), first.getString(2),
          first.getString(3), moving, grid.weight(), LocalDate.ofEpochDay(from).toString(), packed.array()))
          .iterator();
    }
  }

  /**
   * The window's first day: the later of D − (windowDays − 1) and the first day on which either
   * candidate kind had input, so a history shorter than the window is not all missing values.
   */
  static long windowStart(LocalDate asOf, Grain grain, Map<String, Set<Long>> coverage) {
    long end = asOf.toEpochDay();
    long start = end - grain.windowDays() + 1;
    return java.util.stream.Stream.of(TrendFindings.coverageKey("event_series", "type_host"),
            TrendFindings.coverageKey("metric_series", "raw_metrics"))
        .flatMap(kind -> coverage.getOrDefault(kind, Set.of()).stream())
        .filter(day -> day >= start && day <= end)
        .min(Long::compare)
        .orElse(start);
  }

  /** Sends each candidate vector to the block pairs that hold it. */
  private static final class Route implements FlatMapFunction<Row, Row>, Serializable {
    private final Map<String, Integer> index;

    Route(Map<String, Integer> index) {
      this.index = new HashMap<>(index);
    }

    @Override
    public Iterator<Row> call(Row vector) {
      Integer i = index.get(vectorKey(vector));
      if (i == null) {
        return List.<Row>of().iterator();
      }
      int block = i % BLOCKS;
      List<Row> routed = new ArrayList<>(BLOCKS);
      for (int other = 0; other < BLOCKS; other++) {
        String pair = vector.getString(0) + '\t' + Math.min(block, other) + '\t' + Math.max(block, other);
        routed.add(RowFactory.create(pair, i, vector));
      }
      return routed.iterator();
    }
  }

  /** Correlates the pairs of one block pair (both blocks, or one block with itself), in a task. */
  private static final class Correlate implements FlatMapGroupsFunction<String, Row, Row>, Serializable {
    private final LocalDate asOf;

    Correlate(LocalDate asOf) {
      this.asOf = asOf;
    }

    @Override
    public Iterator<Row> call(String blockPair, Iterator<Row> routed) {
      String[] parts = blockPair.split("\t");
      Grain grain = GRAINS.stream().filter(g -> g.name().equals(parts[0])).findFirst().orElseThrow();
      int low = Integer.parseInt(parts[1]);
      int high = Integer.parseInt(parts[2]);
      List<Row> members = new ArrayList<>();
      routed.forEachRemaining(members::add);
      members.sort(Comparator.comparingInt(row -> row.getInt(1)));
      List<double[]> values = new ArrayList<>(members.size());
      for (Row member : members) {
        byte[] packed = (byte[]) member.getStruct(2).get(8);
        double[] unpacked = new double[packed.length / 8];
        ByteBuffer.wrap(packed).asDoubleBuffer().get(unpacked);
        values.add(unpacked);
      }
      List<Row> rows = new ArrayList<>();
      for (int u = 0; u < members.size(); u++) {
        for (int v = u + 1; v < members.size(); v++) {
          int blockU = members.get(u).getInt(1) % BLOCKS;
          int blockV = members.get(v).getInt(1) % BLOCKS;
          if (Math.min(blockU, blockV) != low || Math.max(blockU, blockV) != high) {
            continue;
          }
          Optional<LaggedCorrelation.Result> result =
              LaggedCorrelation.of(values.get(u), values.get(v), grain.maxLag());
          if (result.isPresent()) {
            rows.add(row(grain, members.get(u).getStruct(2), members.get(v).getStruct(2), result.get()));
          }
        }
      }
      return rows.iterator();
    }

    private Row row(Grain grain, Row a, Row b, LaggedCorrelation.Result result) {
      long lagSeconds = (long) result.lag() * grain.stepSeconds();
      String leading = result.lag() > 0 ? a.getString(3) : result.lag() < 0 ? b.getString(3) : null;
      double unitSeconds = grain.stepSeconds() == 60 ? 60 : 3_600;
      String sentence = result.sentence(a.getString(4), b.getString(4), unitSeconds / grain.stepSeconds(),
          unitSeconds == 60 ? "minutes" : "hours") + " in the " + (grain.stepSeconds() == 60 ? "minute" : "hourly")
          + " series of " + a.getString(7) + ".." + asOf;
      String pairId = String.join("\t", grain.name(), a.getString(1), a.getString(2), a.getString(3), b.getString(1),
          b.getString(2), b.getString(3));
      return RowFactory.create(pairId, grain.name(), a.getString(1), a.getString(2), a.getString(3), b.getString(1),
          b.getString(2), b.getString(3), result.n(), lagSeconds, leading, result.r(), result.pValue(),
          a.getString(7), asOf.toString(), sentence);
    }
  }
}
