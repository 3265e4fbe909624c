package io.opslake.ingest.format;

import io.opslake.ingest.format.capture.CaptureName;
import io.opslake.ingest.format.capture.CaptureOptions;
import java.time.Instant;
import java.util.Objects;

/**
 * What a parser may know besides the lines: the file it reads (some formats take the hostname or
 * the capture time from the file name), which timestamps are plausible, and what the user said
 * about the capture.
 *
 * @param fileName the file's name without directories (e.g. {@code web01-2026-11-20.log.gz})
 * @param timestamps the plausibility window for event times
 * @param lineFormat a plain-text line layout given by the user ({@code --line-format}, see {@code
 *     plaintext.LineFormat}), or null to use the format's own layouts
 * @param capture {@code --capture-time}, {@code --host}, {@code --year}
 */
public record ParseContext(String fileName, TimestampPolicy timestamps, String lineFormat, CaptureOptions capture) {
  public ParseContext {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(timestamps, "timestamps");
    capture = capture == null ? CaptureOptions.NONE : capture;
  }

  public ParseContext(String fileName, TimestampPolicy timestamps, String lineFormat) {
    this(fileName, timestamps, lineFormat, CaptureOptions.NONE);
  }

  public ParseContext(String fileName, TimestampPolicy timestamps) {
    this(fileName, timestamps, null, CaptureOptions.NONE);
  }

  public static ParseContext forTests(String fileName) {
    return new ParseContext(fileName, TimestampPolicy.endingAt(Instant.parse("2027-01-01T00:00:00Z")));
  }

  public static ParseContext forTests(String fileName, CaptureOptions capture) {
    return new ParseContext(fileName, TimestampPolicy.endingAt(Instant.parse("2027-01-01T00:00:00Z")), null, capture);
  }

  /** What the file name says (see {@link CaptureName}). */
  public CaptureName captureName() {
    return CaptureName.parse(fileName);
  }

  /** The capture's host for formats without a header line: {@code --host}, else the file name's, or null. */
  public String captureHost() {
    return capture.host() != null ? capture.host() : captureName().host();
  }

  /**
   * The capture's time for formats without a header line: {@code --capture-time}, else the file
   * name's, or null. Not yet checked against {@link #timestamps()}.
   */
  public Long captureTimeMicros() {
    return capture.time() != null ? capture.timeMicros() : captureName().timeMicros();
  }
}
