package io.opslake.ingest.format;

import java.time.Instant;
import java.util.Objects;

/**
 * What a parser may know besides the lines: the file it reads (some formats take the hostname or
 * the capture time from the file name) and which timestamps are plausible.
 *
 * @param fileName the file's name without directories (e.g. {@code web01-2026-11-20.log.gz})
 * @param timestamps the plausibility window for event times
 * @param lineFormat a plain-text line layout given by the user ({@code --line-format}, see {@code
 *     plaintext.LineFormat}), or null to use the format's own layouts
 */
public record ParseContext(String fileName, TimestampPolicy timestamps, String lineFormat) {
  public ParseContext {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(timestamps, "timestamps");
  }

  public ParseContext(String fileName, TimestampPolicy timestamps) {
    this(fileName, timestamps, null);
  }

  public static ParseContext forTests(String fileName) {
    return new ParseContext(fileName, TimestampPolicy.endingAt(Instant.parse("2027-01-01T00:00:00Z")));
  }
}
