package io.opslake.jobs.anomaly;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the timestamps of a series CSV: {@code 2014-04-01 00:00:00} (as in public benchmark
 * files, optionally with a fraction) and ISO 8601 ({@code 2014-04-01T00:00:00Z}, with an offset,
 * or without a zone). A time without a zone is UTC.
 */
final class SeriesTimestamps {
  private SeriesTimestamps() {}

  /** Epoch milliseconds of {@code text}, or null when it is not one of the accepted forms. */
  static Long parse(String text) {
    if (text == null || text.length() < 16) {
      return null;
    }
    String iso = text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      if (iso.endsWith("Z") || iso.endsWith("z")) {
        return Instant.parse(iso.substring(0, iso.length() - 1) + 'Z').toEpochMilli();
      }
      if (iso.length() > 19 && (iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10)) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
