package io.opslake.ingest.format.snapshot;

import io.opslake.ingest.format.EventTimes;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time a snapshot was taken, for snapshot files whose rows carry none: a first line {@code #
 * <ISO-8601 or epoch>} ({@code # 2026-10-01T00:05:00Z}, {@code # 1790813100}) or a UTC time in the
 * file name, basic ({@code es-shards-20261001T000500Z.txt}) or extended ({@code
 * lag-2026-10-01T00:05:00Z.txt}). A time line overrides the file name.
 */
public final class CaptureTime {
  /** The reject reason of rows whose snapshot has no time. */
  public static final String MISSING =
      "snapshot has no capture time: expected a first line '# <ISO-8601 or epoch seconds>' "
          + "(e.g. '# 2026-10-01T00:05:00Z') or a UTC time in the file name (e.g. es-shards-20261001T000500Z.txt)";

  private static final Pattern BASIC = Pattern.compile("(\\d{8}T\\d{6})Z");
  private static final Pattern EXTENDED = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})Z");
  private static final DateTimeFormatter BASIC_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

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
    try {
      Matcher basic = BASIC.matcher(fileName);
      if (basic.find()) {
        LocalDateTime time = LocalDateTime.parse(basic.group(1), BASIC_FORMAT);
        return policy.check(TimestampPolicy.toMicros(time.toInstant(ZoneOffset.UTC)));
      }
      Matcher extended = EXTENDED.matcher(fileName);
      if (extended.find()) {
        return policy.check(TimestampPolicy.toMicros(LocalDateTime.parse(extended.group(1)).toInstant(ZoneOffset.UTC)));
      }
    } catch (RuntimeException e) {
      // An impossible date such as 20261341T... or one outside the window: the name says nothing.
      return null;
    }
    return null;
  }
}
