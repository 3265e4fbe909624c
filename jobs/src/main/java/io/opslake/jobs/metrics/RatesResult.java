package io.opslake.jobs.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link RatesJob} run did.
 *
 * @param runId the run id (also the name of its commit record)
 * @param dates the {@code metric_rates} partitions rebuilt (YYYY-MM-DD)
 * @param series series with at least one counter or rate row in the dates or their lookback days
 * @param pointsRead counter and rate rows read, lookback days included
 * @param derived rates derived from counters and written
 * @param producer producer rates copied and written
 * @param resets intervals skipped because the counter decreased
 * @param gaps intervals skipped because they exceeded the maximum interval
 * @param overCap intervals skipped because their rate exceeded the maximum rate
 * @param duplicates counter samples dropped for a repeated timestamp
 * @param invalid counter samples dropped for a negative or non-finite value
 * @param shadowedSeries counter series not derived because the same series has producer rates
 * @param elapsed wall-clock time
 */
@JsonPropertyOrder({"run_id", "dates", "series", "points_read", "rates_written", "derived", "producer", "resets",
    "gaps"})
public record RatesResult(String runId, List<String> dates, long series, long pointsRead, long derived, long producer,
    long resets, long gaps, long overCap, long duplicates, long invalid, long shadowedSeries,
    @JsonIgnore Duration elapsed) {
  public RatesResult {
    dates = List.copyOf(dates);
  }

  @JsonProperty("elapsed_seconds")
  public double elapsedSeconds() {
    return elapsed.toMillis() / 1000.0;
  }

  /** Rows written to {@code metric_rates}. */
  @JsonProperty("rates_written")
  public long ratesWritten() {
    return derived + producer;
  }
}
