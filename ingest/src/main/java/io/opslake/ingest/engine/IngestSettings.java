package io.opslake.ingest.engine;

import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.capture.CaptureOptions;
import io.opslake.schemas.MetricTypeDeclarations;
import java.io.Serializable;

/**
 * Run-wide settings every parse task needs.
 *
 * @param runId the ingest run id (also written into every row)
 * @param stagingUri root of this run's staging area
 * @param runDate the run's UTC start date (ISO), the quarantine partition
 * @param timestamps plausibility window for event times
 * @param maxLineBytes longer lines are quarantined
 * @param rowGroupBytes Parquet row-group size (memory per open output file)
 * @param maxOpenFiles open output files per task before the least recently used is closed
 * @param lineFormat the plain-text line layout from {@code --line-format}, or null
 * @param capture {@code --capture-time}, {@code --host}, {@code --year}
 * @param metricTypes declared metric kinds, which replace the parser's
 */
public record IngestSettings(
    String runId,
    String stagingUri,
    String runDate,
    TimestampPolicy timestamps,
    int maxLineBytes,
    long rowGroupBytes,
    int maxOpenFiles,
    String lineFormat,
    CaptureOptions capture,
    MetricTypeDeclarations metricTypes)
    implements Serializable {

  public IngestSettings {
    capture = capture == null ? CaptureOptions.NONE : capture;
    metricTypes = metricTypes == null ? MetricTypeDeclarations.NONE : metricTypes;
  }

  public IngestSettings(
      String runId, String stagingUri, String runDate, TimestampPolicy timestamps,
      int maxLineBytes, long rowGroupBytes, int maxOpenFiles, String lineFormat) {
    this(runId, stagingUri, runDate, timestamps, maxLineBytes, rowGroupBytes, maxOpenFiles, lineFormat, CaptureOptions.NONE, null);
  }

  public IngestSettings(
      String runId, String stagingUri, String runDate, TimestampPolicy timestamps,
      int maxLineBytes, long rowGroupBytes, int maxOpenFiles) {
    this(runId, stagingUri, runDate, timestamps, maxLineBytes, rowGroupBytes, maxOpenFiles, null, CaptureOptions.NONE, null);
  }
}
