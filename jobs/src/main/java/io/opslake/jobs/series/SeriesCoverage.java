package io.opslake.jobs.series;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The {@code series_days} rows of a run: for every day of its range and every series table and
 * kind, the input rows found, the points and keys written and how many keys have a minute grid.
 * Plain Java over counts the job collected (a few numbers per day), so the driver holds days ×
 * kinds rows, never series.
 */
final class SeriesCoverage {
  /** One series kind of one series table, and the input table it is built from. */
  record Kind(String seriesTable, String seriesKind, String inputTable) {}

  /** What one day of one kind held: input points used, distinct keys, keys with a minute grid. */
  record KeyStats(long points, long series, long minuteGridSeries) {
    static final KeyStats NONE = new KeyStats(0, 0, 0);
  }

  static final List<Kind> KINDS = List.of(
      new Kind("event_series", "type", "events"),
      new Kind("event_series", "type_host", "events"),
      new Kind("event_series", "fingerprint", "events"),
      new Kind("event_series", "template", "events"),
      new Kind("latency_series", "type", "events"),
      new Kind("latency_series", "url_group", "events"),
      new Kind("metric_series", "raw_metrics", "raw_metrics"),
      new Kind("metric_series", "metric_rates", "metric_rates"));

  private SeriesCoverage() {}

  /**
   * Rows in {@code series_days}' table order (data columns, then {@code dt}).
   *
   * @param inputRows per input table, rows per day (days without rows may be missing)
   * @param stats per series table, per day, per series kind (missing: none)
   */
  static List<Row> rows(List<LocalDate> dates, Map<String, Map<LocalDate, Long>> inputRows,
      Map<String, Map<LocalDate, Map<String, KeyStats>>> stats, long minuteFloor, String runId) {
    List<Row> rows = new ArrayList<>();
    for (LocalDate date : dates) {
      for (Kind kind : KINDS) {
        long input = inputRows.getOrDefault(kind.inputTable(), Map.of()).getOrDefault(date, 0L);
        KeyStats day = stats.getOrDefault(kind.seriesTable(), Map.of()).getOrDefault(date, Map.of())
            .getOrDefault(kind.seriesKind(), KeyStats.NONE);
        rows.add(RowFactory.create(kind.seriesTable(), kind.seriesKind(), kind.inputTable(), input, input > 0,
            day.points(), day.series(), day.minuteGridSeries(), minuteFloor, runId, Date.valueOf(date)));
      }
    }
    return List.copyOf(rows);
  }

  /**
   * The rows one series table holds for the counts of its days: every key has a day bucket and 24
   * hour buckets each day, and 1,440 minute buckets when it has a minute grid ({@link SeriesGrid}).
   *
   * @param stats per day, per series kind (null: the table got no rows)
   */
  static long rows(Map<LocalDate, Map<String, KeyStats>> stats) {
    if (stats == null) {
      return 0;
    }
    return stats.values().stream().flatMap(kinds -> kinds.values().stream())
        .mapToLong(day -> day.series() * 25 + day.minuteGridSeries() * 1440)
        .sum();
  }

  /** The days on which none of the input tables had a row. */
  static List<LocalDate> daysWithoutInput(List<LocalDate> dates, Map<String, Map<LocalDate, Long>> inputRows) {
    return dates.stream()
        .filter(date -> inputRows.values().stream().allMatch(days -> days.getOrDefault(date, 0L) == 0))
        .toList();
  }
}
