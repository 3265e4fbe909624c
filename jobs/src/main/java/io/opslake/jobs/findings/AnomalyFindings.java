package io.opslake.jobs.findings;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.opslake.schemas.Tables;
import io.opslake.storage.TableStore;
import java.io.IOException;
import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code anomalies} rows of one as-of date D, two kinds of work:
 *
 * <ul>
 *   <li>per series ({@code point} and {@code level_shift}): every hour-grain series of {@link
 *       HourlySeries} over the 28 days up to D, grouped per series and sorted by hour ({@code
 *       flatMapSortedGroups}), judged in its task by {@link SeriesAnomalies} (the causal {@code
 *       StreamingDetector}, episodes merged by {@link AlarmEpisodes}); only D's episodes are emitted,
 *       and for event counts only those whose peak lies beyond Poisson noise ({@link
 *       AlarmEpisodes#beyondCountNoise});
 *   <li>per type ({@code host_outlier}): the day rows of {@code event_series} kind {@code
 *       type_host} of the 28 days up to D; the fleet of a type is every host with events on D that
 *       had the type in those days (count 0 when none on D), each host's total of D joined on,
 *       grouped per type and judged by {@link FleetOutliers}.
 * </ul>
 *
 * <p>Spark cost: one scan of the hour rows of 28 days (shared with seasonality when the caller
 * caches them) and one shuffle by series; one scan of the {@code type_host} day rows of the 28 days,
 * a distinct, an aggregation by host, two joins and one shuffle by type. Nothing is collected.
 */
final class AnomalyFindings {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private AnomalyFindings() {}

  static Dataset<Row> rows(SparkSession spark, TableStore store, Dataset<Row> hourly, LocalDate asOf,
      Map<String, Set<Long>> coverage, String runId) throws IOException {
    Dataset<Row> series = HourlySeries.grouped(hourly).flatMapSortedGroups(HourlySeries.byTime(),
        new PerSeries(asOf, coverage, runId), Encoders.row(Tables.ANOMALIES.dataSchema()));
    return series.unionByName(hostOutliers(spark, store, asOf, runId));
  }

  private static Dataset<Row> hostOutliers(SparkSession spark, TableStore store, LocalDate asOf, String runId)
      throws IOException {
    Dataset<Row> days = store.read(spark, Tables.EVENT_SERIES)
        .where(col("dt").between(Date.valueOf(asOf.minusDays(HourlySeries.LOOKBACK_DAYS - 1)), Date.valueOf(asOf))
            .and(col("grain").equalTo("day")).and(col("series_kind").equalTo("type_host")).and(col("count").gt(0)))
        .select(col("dt"), col("type"), col("hostname"), col("count"));
    Dataset<Row> onDay = days.where(col("dt").equalTo(Date.valueOf(asOf)))
        .select(col("type").as("day_type"), col("hostname").as("day_host"), col("count").as("day_count"));
    // The fleet of a type: hosts with events on D that have had the type in the lookback.
    Dataset<Row> everSeen = days.select(col("type"), col("hostname")).distinct();
    Dataset<Row> totals = onDay.groupBy(col("day_host")).agg(sum(col("day_count")).as("total"));
    return everSeen.join(totals, everSeen.col("hostname").equalTo(totals.col("day_host")))
        .select(col("type"), col("hostname"), col("total"))
        .join(onDay, col("type").equalTo(col("day_type")).and(col("hostname").equalTo(col("day_host"))),
            "left")
        .select(col("type"), col("hostname"), coalesce(col("day_count"), lit(0L)).as("count"), col("total"))
        .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
        .flatMapGroups(new PerType(asOf, runId), Encoders.row(Tables.ANOMALIES.dataSchema()));
  }

  /** Runs the detector over one series inside a task. */
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
    public Iterator<Row> call(String key, Iterator<Row> rows) {
      int cut = key.indexOf('\t', key.indexOf('\t') + 1);
      Row[] first = new Row[1];
      HourlySeries.Dense series = HourlySeries.dense(rows, asOf, coverage.getOrDefault(key.substring(0, cut),
          Set.of()), first);
      long dayStart = asOf.toEpochDay() * HourlySeries.DAY_MILLIS;
      List<Row> out = new ArrayList<>();
      Row row = first[0];
      int history = series.presentBefore(dayStart);
      boolean counts = row.getString(5).equals("count");
      for (AlarmEpisodes.Episode episode : SeriesAnomalies.onDay(series, dayStart)) {
        AlarmEpisodes.Point peak = episode.peak();
        if (counts && !AlarmEpisodes.beyondCountNoise(peak.observed(), peak.expected())) {
          continue;
        }
        boolean up = !(peak.observed() < peak.expected());
        out.add(RowFactory.create(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
            row.getString(4), row.getString(5), episode.kind(), up ? "up" : "down",
            new Timestamp(episode.startMillis()), new Timestamp(episode.endMillis()), episode.buckets(),
            new Timestamp(peak.startMillis()), Double.isNaN(peak.expected()) ? null : peak.expected(),
            peak.observed(), peak.score(), sentence(HourlySeries.what(row), episode, up), history, runId));
      }
      return out.iterator();
    }
  }

  /** "page_load events per hour spiked to 412 at 2026-10-09 14:00 UTC, expected about 35 (score 0.93)". */
  static String sentence(String what, AlarmEpisodes.Episode episode, boolean up) {
    AlarmEpisodes.Point peak = episode.peak();
    String expected = Double.isNaN(peak.expected()) ? "" : ", expected about " + FindingText.number(peak.expected());
    String score = " (score " + FindingText.format("%.2f", peak.score()) + ")";
    Instant start = Instant.ofEpochMilli(episode.startMillis());
    if (episode.kind().equals("level_shift")) {
      return what + " shifted " + (up ? "up" : "down") + " from " + HOUR.format(start) + " to "
          + CLOCK.format(Instant.ofEpochMilli(episode.endMillis())) + " UTC (" + hours(episode.buckets())
          + "), peaking at " + FindingText.number(peak.observed()) + " at " + CLOCK.format(
              Instant.ofEpochMilli(peak.startMillis())) + expected + score;
    }
    return what + (up ? " spiked to " : " dipped to ") + FindingText.number(peak.observed()) + " at "
        + HOUR.format(Instant.ofEpochMilli(peak.startMillis())) + expected
        + (episode.buckets() > 1 ? " (" + hours(episode.buckets()) + " from " + CLOCK.format(start) + ")" : "")
        + score;
  }

  private static String hours(int buckets) {
    return buckets + (buckets == 1 ? " hour" : " hours");
  }

  /** Compares the hosts of one event type inside a task. */
  private static final class PerType implements FlatMapGroupsFunction<String, Row, Row>, Serializable {
    private final LocalDate asOf;
    private final String runId;

    PerType(LocalDate asOf, String runId) {
      this.asOf = asOf;
      this.runId = runId;
    }

    @Override
    public Iterator<Row> call(String type, Iterator<Row> rows) {
      List<FleetOutliers.HostCount> fleet = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        fleet.add(new FleetOutliers.HostCount(row.getString(1), row.getLong(2), row.getLong(3)));
      }
      Timestamp start = new Timestamp(asOf.toEpochDay() * HourlySeries.DAY_MILLIS);
      Timestamp end = new Timestamp((asOf.toEpochDay() + 1) * HourlySeries.DAY_MILLIS);
      List<Row> out = new ArrayList<>();
      for (FleetOutliers.Outlier outlier : FleetOutliers.of(fleet)) {
        String sentence = outlier.host() + ": " + percent(outlier.rate()) + " of its events on " + asOf + " were "
            + type + ", " + FindingText.format("%.1f", outlier.rate() / outlier.peerRate())
            + "x the median of its " + outlier.peers() + " peers (" + percent(outlier.peerRate()) + "; robust z "
            + FindingText.format("%.1f", outlier.z()) + ", " + outlier.count() + " events, about "
            + FindingText.number(outlier.expected()) + " expected)";
        out.add(RowFactory.create("event_series", "type_host", type + '|' + outlier.host(), type, outlier.host(),
            "count", "host_outlier", "up", start, end, 1, start, outlier.expected(), (double) outlier.count(),
            outlier.score(), sentence, 0, runId));
      }
      return out.iterator();
    }

    private static String percent(double share) {
      return FindingText.format(share >= 0.1 ? "%.0f %%" : "%.1f %%", 100 * share);
    }
  }
}
