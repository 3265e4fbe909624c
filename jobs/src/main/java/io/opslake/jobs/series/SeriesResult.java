package io.opslake.jobs.series;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SeriesJob} run did.
 *
 * @param runIds the commit run ids, one per table, in commit order ({@code series_days} last)
 * @param from first day rebuilt
 * @param to last day rebuilt
 * @param days every day rebuilt (YYYY-MM-DD)
 * @param daysWithoutInput days on which events, raw_metrics and metric_rates all had no row: their
 *     series are unknown, not zero, and {@code series_days} says so
 * @param eventsRead rows of {@code events} in the range
 * @param rawMetricsRead rows of {@code raw_metrics} in the range
 * @param metricRatesRead rows of {@code metric_rates} in the range
 * @param rowsWritten per table (sorted by name), the rows written: series rows of every grain, coverage rows
 * @param elapsed wall-clock time
 */
@JsonPropertyOrder({"run_ids", "from", "to", "days", "days_without_input", "events_read", "raw_metrics_read",
    "metric_rates_read", "rows_written", "elapsed_seconds"})
public record SeriesResult(
    List<String> runIds,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate from,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate to,
    List<String> days,
    List<String> daysWithoutInput,
    long eventsRead,
    long rawMetricsRead,
    long metricRatesRead,
    Map<String, Long> rowsWritten,
    @JsonIgnore Duration elapsed) {
  public SeriesResult {
    runIds = List.copyOf(runIds);
    days = List.copyOf(days);
    daysWithoutInput = List.copyOf(daysWithoutInput);
    rowsWritten = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rowsWritten));
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
