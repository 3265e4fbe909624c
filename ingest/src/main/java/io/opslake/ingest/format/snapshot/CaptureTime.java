package io.opslake.ingest.format.snapshot;

import io.opslake.ingest.format.EventTimes;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import io.opslake.ingest.format.capture.CaptureName;

/**
 * The time a snapshot was taken, for snapshot files whose rows carry none: a line {@code #
 * <ISO-8601 or epoch>} ({@code # 2026-10-01T00:05:00Z}, {@code # 1790813100}) before the snapshot,
 * or the capture time of the file ({@code --capture-time}, else the time in its name, see {@link
 * CaptureName}). {@code --capture-time} overrides time lines, a time line overrides the name.
 */
public final class CaptureTime {
  /** The reject reason of rows whose snapshot has no time. */
  public static final String MISSING =
      "snapshot has no capture time: expected a first line '# <ISO-8601 or epoch seconds>' "
          + "(e.g. '# 2026-10-01T00:05:00Z'), --capture-time, or a UTC time in the file name "
          + "(e.g. es-shards-20261001T000500Z.txt or es-cat-shards_es-n1_2025-11-15T10-01-00Z.txt)";

  private CaptureTime() {}

  /** Whether a line is a capture-time line ({@code #} first). */
  public static boolean isTimeLine(String trimmed) {
    return !trimmed.isEmpty() && trimmed.charAt(0) == '#';
  }

  /**
   * The microseconds of a {@code # <time>} line.
   *
   * @throws TimestampException with a reason when the text after {@code #} is not a plausible time
   */
  public static long fromLine(String trimmed, TimestampPolicy policy) {
    String text = trimmed.substring(1).trim();
    try {
      return EventTimes.parse(policy, text);
    } catch (TimestampException e) {
      throw new TimestampException("capture time line '" + Units.abbreviate(trimmed) + "': " + e.getMessage());
    }
  }

  /** The microseconds of the time in a file name, or null when it has none or it is implausible. */
  public static Long fromFileName(String fileName, TimestampPolicy policy) {
    Long micros = CaptureName.parse(fileName).timeMicros();
    try {
      return micros == null ? null : policy.check(micros);
    } catch (TimestampException e) {
      return null;
    }
  }
}
