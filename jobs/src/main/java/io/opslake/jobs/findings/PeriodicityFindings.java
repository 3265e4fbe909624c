package io.opslake.jobs.findings;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.opslake.jobs.repetition.Repetition;
import io.opslake.jobs.repetition.RepetitionAnalysis;
import io.opslake.jobs.repetition.RepetitionOptions;
import io.opslake.schemas.Tables;
import io.opslake.storage.TableStore;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code periodicity} rows of one as-of date D, from four methods (docs/findings.md#periodicity):
 *
 * <ul>
 *   <li>{@code acf}: {@link Periodicity#of} on the minute counts of the {@link #MINUTE_WINDOW_DAYS}
 *       days up to D ({@code event_series} kinds {@code type} and {@code type_host}; lags up to {@link
 *       #MINUTE_MAX_LAG} minutes: GC every 7 minutes, an hourly cron) and on the hourly series of the
 *       {@link #HOUR_WINDOW_DAYS} days up to D (the same event counts and the {@code avg} of {@code
 *       metric_series} kind {@code raw_metrics}; lags up to a week: a nightly job, a weekly cycle);
 *   <li>{@code periodogram}: {@link Periodicity#spectralPeak} on the same hourly series, reported when
 *       the ACF did not find that period (a daily cycle in a few days of data);
 *   <li>{@code inter_arrival} and {@code after_restart}: {@link RepetitionAnalysis}, the {@code
 *       repetition} job's code, on the {@code events} of the {@link #MINUTE_WINDOW_DAYS} days up to D:
 *       fingerprints and templates whose per-host inter-arrival times are regular, and those that
 *       recur a fixed delay after each restart of their host (a connection leak).
 * </ul>
 *
 * <p>A series' window starts at the later of the window's first day and the first day with input of
 * its table and kind ({@code series_days}); an event-count bucket without a row is 0 on a day with
 * input and missing otherwise, a metric bucket without an {@code avg} is missing. Event-count series
 * need at least {@link #MIN_ACTIVE_BUCKETS} non-zero buckets.
 *
 * <p>Spark cost: one scan of the minute rows of 7 days and of the hour rows of 28 days ({@code dt}
 * pruned, grain and kind filtered by Parquet statistics), one shuffle grouping them by series,
 * sorted by time within each group ({@code groupByKey} + {@code flatMapSortedGroups}); per series
 * O(n log n) for the ACF (a week of minutes, 10,080 points) and O(n²) for the hourly periodogram (672
 * points). The event methods cost what {@link RepetitionAnalysis} costs on 7 days of events and bring
 * one result per fingerprint and template to the driver; no series is collected.
 */
final class PeriodicityFindings {
  static final int MINUTE_WINDOW_DAYS = 7;
  static final int HOUR_WINDOW_DAYS = 28;
  static final int MINUTE_MAX_LAG = 360;
  static final int HOUR_MAX_LAG = 168;
  static final int MIN_ACTIVE_BUCKETS = 10;

  /**
   * The least autocorrelation an {@code acf} row needs. {@link Periodicity#of} accepts 0.1, which on
   * thousands of minute points is significant yet explains 1 % of the variance: on the scenario the
   * weak peaks of sparse random events (r 0.10–0.14) were the false positives; the hourly cron on a
   * whole fleet is 0.26, GC 0.5–1.
   */
  static final double MIN_ACF_STRENGTH = 0.2;

  private PeriodicityFindings() {}

  /** The rows of the series methods ({@code acf}, {@code periodogram}), with the table's data columns. */
  static Dataset<Row> seriesRows(SparkSession spark, TableStore store, LocalDate asOf,
      Map<String, Set<Long>> coverage, String runId) throws IOException {
    Dataset<Row> points = points(spark, store, asOf, "minute", MINUTE_WINDOW_DAYS)
        .unionByName(points(spark, store, asOf, "hour", HOUR_WINDOW_DAYS));
    return points
        .groupByKey((MapFunction<Row, String>) row -> row.getString(0) + '\t' + row.getString(1) + '\t'
            + row.getString(2) + '\t' + row.getString(3), Encoders.STRING())
        .flatMapSortedGroups(new Column[] {col("second")}, new PerSeries(asOf, coverage, runId),
            Encoders.row(Tables.PERIODICITY.dataSchema()));
  }

  /**
   * The series rows without the hourly periods of a series whose minute counts have a period below
   * an hour: a 420 s cycle makes its hourly counts alternate with the beat lcm(420, 3600) = 7 hours,
   * a true period of the hourly series but only an alias of the real one. Reads {@code rows} twice:
   * the caller persists them.
   */
  static Dataset<Row> withoutAliases(Dataset<Row> rows) {
    Dataset<Row> subHourly = rows
        .where(col("grain").equalTo("minute").and(col("period_seconds").lt(3_600)))
        .select("series_table", "series_kind", "series_key")
        .distinct();
    Dataset<Row> hourly = rows.where(col("grain").equalTo("hour")).as("hourly");
    Column sameSeries = col("hourly.series_table").equalTo(col("sub.series_table"))
        .and(col("hourly.series_kind").equalTo(col("sub.series_kind")))
        .and(col("hourly.series_key").equalTo(col("sub.series_key")));
    return rows.where(col("grain").equalTo("minute"))
        .unionByName(hourly.join(subHourly.as("sub"), sameSeries, "left_anti"));
  }

  /** Minute or hour points of the window up to {@code asOf}: table, kind, key, grain, what, second, value. */
  private static Dataset<Row> points(SparkSession spark, TableStore store, LocalDate asOf, String grain, int days)
      throws IOException {
    Column window = col("dt").between(Date.valueOf(asOf.minusDays(days - 1)), Date.valueOf(asOf))
        .and(col("grain").equalTo(grain));
    Dataset<Row> events = store.read(spark, Tables.EVENT_SERIES)
        .where(window.and(col("series_kind").isin("type", "type_host")))
        .select(lit("event_series").as("series_table"), col("series_kind"), col("series_key"), lit(grain).as("grain"),
            when(col("series_kind").equalTo("type"),
                concat(col("type"), lit(" events")))
                .otherwise(concat(col("type"), lit(" events on "), col("hostname")))
                .as("what"),
            unix_seconds(col("bucket_start")).as("second"),
            col("count").cast("double").as("value"));
    if (grain.equals("minute")) {
      return events;
    }
    Dataset<Row> metrics = store.read(spark, Tables.METRIC_SERIES)
        .where(window.and(col("series_kind").equalTo("raw_metrics")).and(col("avg").isNotNull()))
        .select(lit("metric_series").as("series_table"), col("series_kind"), col("series_key"), lit(grain).as("grain"),
            col("series_key").as("what"), unix_seconds(col("bucket_start")).as("second"),
            col("avg").as("value"));
    return events.unionByName(metrics);
  }

  /**
   * The rows of the event methods ({@code inter_arrival}, {@code after_restart}) for the fingerprints
   * and templates of the {@link #MINUTE_WINDOW_DAYS} days up to D, with the table's data columns.
   */
  static List<Row> eventGroupRows(SparkSession spark, TableStore store, LocalDate asOf, String runId)
      throws IOException {
    LocalDate from = asOf.minusDays(MINUTE_WINDOW_DAYS - 1);
    Dataset<Row> events = RepetitionAnalysis.events(spark, store, from, asOf).cache();
    try {
      List<String> restartTypes = RepetitionOptions.DEFAULT_RESTART_TYPES;
      long window = RepetitionOptions.DEFAULT_RESTART_WINDOW.toNanos() / 1000;
      Map<String, long[]> restarts = RepetitionAnalysis.restarts(events, restartTypes);
      List<Row> rows = new ArrayList<>();
      for (String column : List.of("fingerprint", "template_id")) {
        for (RepetitionAnalysis.Group group : RepetitionAnalysis.groups(events, column, restarts, window, restartTypes)) {
          rows.addAll(eventGroupRows(group, from, asOf, runId));
        }
      }
      return rows;
    } finally {
      events.unpersist();
    }
  }

  /** The periodicity rows of one measured group: none, one or both methods. */
  static List<Row> eventGroupRows(RepetitionAnalysis.Group group, LocalDate from, LocalDate asOf, String runId) {
    Repetition.Stats stats = group.stats();
    String what = (group.type() == null ? "events" : group.type() + " events") + " of " + group.kind() + " "
        + shortId(group.id()) + (group.example() == null ? "" : " (\"" + cut(group.example(), 60) + "\")");
    List<Row> rows = new ArrayList<>();
    if (stats.pattern() == Repetition.Pattern.PERIODIC) {
      double median = stats.intervalMedianSeconds();
      double strength = Math.max(0, Math.min(1, 1 - stats.intervalIqrSeconds() / median));
      String sentence = what + " recur every " + duration(median) + " on each host (median of " + stats.intervals()
          + " intervals on " + stats.hosts() + " hosts, interquartile range " + duration(stats.intervalIqrSeconds())
          + ")";
      rows.add(row(group, "inter_arrival", stats.periodSeconds(), strength, stats.intervals(), from, asOf,
          sentence, runId));
    }
    if (group.recursAfterRestart()) {
      double delay = stats.afterRestartMedianSeconds();
      String sentence = what + " recur " + duration(delay) + " after each restart of their host (median delay; "
          + FindingText.format("%.0f", 100 * stats.restartsFollowedShare()) + " % of " + stats.restarts()
          + " restarts followed within " + RepetitionOptions.DEFAULT_RESTART_WINDOW.toMinutes() + " minutes, "
          + FindingText.format("%.0f", 100 * stats.afterRestartShare()) + " % of the events within that window)";
      rows.add(row(group, "after_restart", delay, stats.afterRestartShare(), stats.restarts(), from, asOf, sentence,
          runId));
    }
    return rows;
  }

  private static Row row(RepetitionAnalysis.Group group, String method, double period, double strength, long n,
      LocalDate from, LocalDate asOf, String sentence, String runId) {
    return RowFactory.create("events", group.kind(), group.id(), method, null, period, strength, null, n, 1,
        from.toString(), asOf.toString(), sentence, runId);
  }

  /** "7.00 minutes", "24.0 hours", "45.0 seconds": the unit that keeps the number readable. */
  static String duration(double seconds) {
    if (seconds >= 2 * 86_400) {
      return FindingText.number(seconds / 86_400) + " days";
    }
    if (seconds >= 2 * 3_600) {
      return FindingText.number(seconds / 3_600) + " hours";
    }
    if (seconds >= 120) {
      return FindingText.number(seconds / 60) + " minutes";
    }
    return FindingText.number(seconds) + " seconds";
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  private static String cut(String text, int length) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > length ? line.substring(0, length) + "…" : line;
  }

  /** Builds one series' regular grid from its sorted points and runs the ACF and the periodogram, in a task. */
  private static final class PerSeries implements FlatMapGroupsFunction<String, Row, Row>, Serializable {
    private final LocalDate asOf;
    private final Map<String, Set<Long>> coverage;
    private final String runId;

    PerSeries(LocalDate asOf, Map<String, Set<Long>> coverage, String runId) {
      this.asOf = asOf;
      this.coverage = new HashMap<>(coverage);
      this.runId = runId;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> points) {
      Row first = points.next();
      String table = first.getString(0);
      String kind = first.getString(1);
      boolean minute = first.getString(3).equals("minute");
      int step = minute ? 60 : 3_600;
      long end = asOf.toEpochDay();
      Set<Long> daysWithInput = coverage.getOrDefault(TrendFindings.coverageKey(table, kind), Set.of());
      long start = end - (minute ? MINUTE_WINDOW_DAYS : HOUR_WINDOW_DAYS) + 1;
      Optional<Long> firstInput = daysWithInput.stream().filter(day -> day >= start && day <= end).min(Long::compare);
      if (firstInput.isEmpty()) {
        return List.<Row>of().iterator();
      }
      long from = firstInput.get();
      boolean counts = table.equals("event_series");
      double[] values = RegularGrid.of(from, end, step, counts, daysWithInput, first, points, 5, 6);
      int active = 0;
      for (double value : values) {
        active += !Double.isNaN(value) && value != 0 ? 1 : 0;
      }
      if (counts && active < MIN_ACTIVE_BUCKETS) {
        return List.<Row>of().iterator();
      }
      String what = first.getString(4);
      String window = " in the " + (minute ? "minute" : "hourly") + (counts ? " counts" : " averages") + " of "
          + LocalDate.ofEpochDay(from) + ".." + asOf;
      List<Row> rows = new ArrayList<>();
      List<Periodicity.Period> periods = Periodicity.of(values, minute ? MINUTE_MAX_LAG : HOUR_MAX_LAG).stream()
          .filter(period -> period.strength() >= MIN_ACF_STRENGTH)
          .toList();
      for (int rank = 0; rank < periods.size(); rank++) {
        rows.add(row(first, "acf", periods.get(rank), rank + 1, step, from, "autocorrelation", what, window));
      }
      if (!minute) {
        Optional<Periodicity.Period> peak = Periodicity.spectralPeak(values);
        if (peak.isPresent() && periods.stream().noneMatch(found -> Math.abs(found.lag() - peak.get().lag()) <= 1)) {
          rows.add(row(first, "periodogram", peak.get(), 1, step, from, "Fisher's g", what, window));
        }
      }
      return rows.iterator();
    }

    private Row row(Row first, String method, Periodicity.Period period, int rank, int step, long from,
        String statistic, String what, String window) {
      double seconds = (double) period.lag() * step;
      String unit = duration(seconds);
      String unitName = unit.substring(unit.indexOf(' ') + 1);
      double unitSeconds = switch (unitName) {
        case "days" -> 86_400;
        case "hours" -> 3_600;
        case "minutes" -> 60;
        default -> 1;
      };
      String sentence = period.sentence(what, unitSeconds / step, unitName, statistic) + window;
      return RowFactory.create(first.getString(0), first.getString(1), first.getString(2), method, first.getString(3),
          seconds, period.strength(), period.pValue(), (long) period.n(), rank, LocalDate.ofEpochDay(from).toString(),
          asOf.toString(), sentence, runId);
    }
  }
}
