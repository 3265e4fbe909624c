package io.opslake.ingest.engine;

import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.capture.CaptureOptions;
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
    CaptureOptions capture)
    implements Serializable {

  public IngestSettings {
    capture = capture == null ? CaptureOptions.NONE : capture;
  }

  public IngestSettings(
      String runId, String stagingUri, String runDate, TimestampPolicy timestamps,
      int maxLineBytes, long rowGroupBytes, int maxOpenFiles, String lineFormat) {
    this(runId, stagingUri, runDate, timestamps, maxLineBytes, rowGroupBytes, maxOpenFiles, lineFormat, CaptureOptions.NONE);
  }

  public IngestSettings(
      String runId, String stagingUri, String runDate, TimestampPolicy timestamps,
      int maxLineBytes, long rowGroupBytes, int maxOpenFiles) {
    this(runId, stagingUri, runDate, timestamps, maxLineBytes, rowGroupBytes, maxOpenFiles, null, CaptureOptions.NONE);
  }
}
