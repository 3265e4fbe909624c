package io.opslake.jobs.findings;

import io.opslake.schemas.Tables;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The {@code seasonality} rows of one as-of date D: every hour-grain series of {@link HourlySeries}
 * (event counts per type and per type × host, p95 latency per type, metric means) with at least
 * {@link SeasonalProfile#MIN_HOURS} hours from its first value in the 28 days up to D to the end of
 * D, grouped per series and sorted by hour ({@code flatMapSortedGroups}), profiled in its task by
 * {@link SeasonalProfile}. Spark cost: one scan of the hour rows of 28 days of the three series
 * tables and one shuffle of them by series (672 small rows per series); nothing is collected.
 */
final class SeasonalityFindings {
  private SeasonalityFindings() {}

  static Dataset<Row> rows(Dataset<Row> hourly, LocalDate asOf, Map<String, Set<Long>> coverage, String runId) {
    return HourlySeries.grouped(hourly).flatMapSortedGroups(HourlySeries.byTime(),
        new PerSeries(asOf, coverage, runId), Encoders.row(Tables.SEASONALITY.dataSchema()));
  }

  /** Profiles one series inside a task. */
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
      Row[] first = new Row[1];
      HourlySeries.Dense series = HourlySeries.dense(rows, asOf, daysWithInput(key), first);
      Instant start = Instant.ofEpochMilli(series.startMillis());
      Optional<SeasonalProfile> found = SeasonalProfile.of(series.values(), start);
      if (found.isEmpty()) {
        return List.<Row>of().iterator();
      }
      SeasonalProfile profile = found.get();
      Seasonality.Result dominant = profile.dominant();
      Row row = first[0];
      return List.of(RowFactory.create(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
          row.getString(4), row.getString(5), dominant.n(), dominant.missing(),
          profile.weeklyDominant() ? "weekly" : "daily", dominant.period(), dominant.strength(),
          profile.daily().strength(), profile.weekly().strength(), SeasonalProfile.json(profile.hourOfDayFactors()),
          SeasonalProfile.json(profile.dayOfWeekFactors()), dominant.sentence(HourlySeries.what(row)),
          start.toString(), asOf.toString(), runId)).iterator();
    }

    private Set<Long> daysWithInput(String key) {
      int cut = key.indexOf('\t', key.indexOf('\t') + 1);
      return coverage.getOrDefault(key.substring(0, cut), Set.of());
    }
  }
}
