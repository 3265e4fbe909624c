package io.opslake.ingest.format.capture;

import io.opslake.errors.OpslakeException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * What the user says about a one-off capture on the command line: {@code --capture-time}, {@code
 * --host} and {@code --year}. They win over a capture's header line and its file name (see {@link
 * CaptureName}); a record's own time or host (a {@code |T} field, a {@code host} member) still
 * wins over them.
 *
 * @param time the capture time, or null
 * @param host the host, or null
 * @param year the year of times written without one (syslog), or null
 */
public record CaptureOptions(Instant time, String host, Integer year) implements Serializable {
  public static final CaptureOptions NONE = new CaptureOptions(null, null, null);

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  public CaptureOptions {
    if (host != null && !HOST.matcher(host).matches()) {
      throw OpslakeException.usage(
          "Cannot ingest: --host " + host + " is not a host name (letters, digits, '.', '-', '_')");
    }
    if (year != null && (year < 2000 || year > 2999)) {
      throw OpslakeException.usage("Cannot ingest: --year " + year + " is not a year between 2000 and 2999");
    }
  }

  /**
   * Options from their command-line text; each may be null.
   *
   * @throws OpslakeException (usage) naming the option when a value cannot be read
   */
  public static CaptureOptions parse(String time, String host, String year) {
    return new CaptureOptions(time == null ? null : time(time), host, year == null ? null : year(year));
  }

  /** The capture time in epoch microseconds, or null. */
  public Long timeMicros() {
    return time == null ? null : time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
  }

  private static Instant time(String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException withZone) {
      try {
        return LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException withoutZone) {
        throw OpslakeException.usage("Cannot ingest: --capture-time " + text
            + " is not an ISO 8601 time (e.g. 2025-11-15T10:00:00Z; no zone means UTC)");
      }
    }
  }

  private static Integer year(String text) {
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw OpslakeException.usage("Cannot ingest: --year " + text + " is not a year between 2000 and 2999");
    }
  }
}
