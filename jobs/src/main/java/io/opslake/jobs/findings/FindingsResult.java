package io.opslake.jobs.findings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link FindingsJob} run did.
 *
 * @param runIds the commit run ids, one per table, in commit order ({@code trends}, {@code novelty},
 *     {@code seasonality}, {@code anomalies}, {@code periodicity}, {@code correlations})
 * @param asOf the as-of date, the partition written
 * @param seriesExamined day-grain series read for trends (each with at least one value in the 365 days
 *     up to the as-of date)
 * @param significantTrends trend rows with {@code significant} true (adjusted p ≤ 0.05)
 * @param newSeries novelty rows with status {@code new}
 * @param stoppedSeries novelty rows with status {@code stopped}
 * @param rowsWritten per table (sorted by name), the rows written
 * @param elapsed wall-clock time
 */
@JsonPropertyOrder({"run_ids", "as_of", "series_examined", "significant_trends", "new_series", "stopped_series",
    "rows_written", "elapsed_seconds"})
public record FindingsResult(
    List<String> runIds,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate asOf,
    long seriesExamined,
    long significantTrends,
    long newSeries,
    long stoppedSeries,
    Map<String, Long> rowsWritten,
    @JsonIgnore Duration elapsed) {
  public FindingsResult {
    runIds = List.copyOf(runIds);
    rowsWritten = Collections.unmodifiableMap(new TreeMap<>(rowsWritten));
  }

  @JsonProperty("elapsed_seconds")
  public double elapsedSeconds() {
    return elapsed.toMillis() / 1000.0;
  }

  /** Rows written to {@code table}, 0 when it got none. */
  public long rowsWritten(String table) {
    return rowsWritten.getOrDefault(table, 0L);
  }
}
