package io.opslake.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an ingest run did.
 *
 * @param runId the run id
 * @param status succeeded or failed
 * @param message why it failed, or null
 * @param filesRead input files parsed
 * @param filesSkipped input files skipped because their content was already ingested
 * @param duplicatesSkipped records in the skipped files
 * @param bySource counts per input format id
 * @param rowsByTable rows published per table (raw tables stay untouched on a failed run)
 * @param badRatio quarantined / records read
 * @param elapsed wall-clock time of the run
 * @param metricDates the {@code raw_metrics} partitions (YYYY-MM-DD, ascending) this run published
 *     rows into; empty on a failed run. Derived tables rebuilt by date (e.g. {@code metric_rates})
 *     use it to know which days to recompute.
 */
@JsonPropertyOrder({"run_id", "status", "message", "elapsed_seconds", "files_read", "files_skipped",
    "duplicates_skipped", "records_read", "quarantined", "bad_ratio", "bytes_parsed", "sources", "rows_written",
    "metric_dates"})
public record IngestResult(
    String runId,
    String status,
    String message,
    long filesRead,
    long filesSkipped,
    long duplicatesSkipped,
    @JsonProperty("sources") Map<String, SourceCounts> bySource,
    @JsonProperty("rows_written") Map<String, Long> rowsByTable,
    double badRatio,
    @JsonProperty("bytes_parsed") long bytesRead,
    @JsonIgnore Duration elapsed,
    List<String> metricDates) {

  public IngestResult {
    // Keep the caller's order (sources by name, tables as defined) for stable summaries.
    bySource = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bySource));
    rowsByTable = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowsByTable));
    metricDates = List.copyOf(new TreeSet<>(metricDates));
  }

  @JsonIgnore
  public boolean succeeded() {
    return "succeeded".equals(status);
  }

  @JsonProperty("records_read")
  public long recordsRead() {
    return bySource.values().stream().mapToLong(SourceCounts::read).sum();
  }

  @JsonProperty("quarantined")
  public long quarantined() {
    return bySource.values().stream().mapToLong(SourceCounts::quarantined).sum();
  }

  @JsonProperty("elapsed_seconds")
  public double elapsedSeconds() {
    return elapsed.toMillis() / 1000.0;
  }

  /** Counts for one input format. */
  public record SourceCounts(long files, long read, long events, long metrics, long quarantined, long bytes) {}
}
