package io.opslake.ingest.format;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Turns the timestamps producers write into epoch microseconds and decides whether they are
 * plausible. Producers write seconds, milliseconds, microseconds or nanoseconds since the epoch
 * (integer or fractional, as numbers or strings) or ISO-8601 text; the unit of a number is told
 * by its magnitude, which is unambiguous for any time after 1973:
 *
 * <pre>
 *   |value| &lt; 1e11  seconds       (1e11 s is the year 5138)
 *   |value| &lt; 1e14  milliseconds
 *   |value| &lt; 1e17  microseconds
 *   otherwise       nanoseconds
 * </pre>
 *
 * A time is plausible inside [{@link #earliest()}, {@link #latest()}]: by default from 2000-01-01
 * to one day after the run started (clock skew), so a date in 2090 or a zero epoch is rejected.
 */
public record TimestampPolicy(Instant earliest, Instant latest) implements java.io.Serializable {
  public static final Instant DEFAULT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  public TimestampPolicy {
    if (!earliest.isBefore(latest)) {
      throw new IllegalArgumentException(
          "Cannot build timestamp window: " + earliest + " is not before " + latest);
    }
  }

  /** The default window for a run that starts at {@code runStart}. */
  public static TimestampPolicy forRunStartingAt(Instant runStart) {
    return new TimestampPolicy(DEFAULT_EARLIEST, runStart.plus(1, ChronoUnit.DAYS));
  }

  public static TimestampPolicy endingAt(Instant latest) {
    return new TimestampPolicy(DEFAULT_EARLIEST, latest);
  }

  /** Converts an epoch number of unknown unit to microseconds (see class comment). */
  public static long epochToMicros(double value) {
    double magnitude = Math.abs(value);
    if (magnitude < 1e11) {
      return Math.round(value * 1_000_000d);
    } else if (magnitude < 1e14) {
      return Math.round(value * 1_000d);
    } else if (magnitude < 1e17) {
      return Math.round(value);
    }
    return Math.round(value / 1_000d);
  }

  /** Integer variant, exact for nanosecond inputs. */
  public static long epochToMicros(long value) {
    long magnitude = Math.abs(value);
    if (magnitude < 100_000_000_000L) {
      return value * 1_000_000L;
    } else if (magnitude < 100_000_000_000_000L) {
      return value * 1_000L;
    } else if (magnitude < 100_000_000_000_000_000L) {
      return value;
    }
    return value / 1_000L;
  }

  /**
   * Parses text that is either an epoch number, ISO-8601 ({@code 2026-11-20T10:00:00Z}, with an
   * offset, with a space instead of {@code T}, or without zone meaning UTC) or a Common Log Format
   * time ({@code 17/May/2015:10:05:03 +0000}, see {@link ClfTime}).
   *
   * @throws TimestampException with a sentence saying what is wrong
   */
  public long parseText(String text) {
    if (text == null || text.isBlank()) {
      throw new TimestampException("timestamp is missing");
    }
    String trimmed = text.trim();
    long digits = plainDigits(trimmed);
    if (digits >= 0) {
      return check(epochToMicros(digits));
    }
    char first = trimmed.charAt(0);
    if ((first >= '0' && first <= '9' || first == '-')
        && trimmed.length() < 25
        && trimmed.indexOf('T') < 0
        && trimmed.indexOf(':') < 0
        && trimmed.indexOf('-', 1) < 0) {
      try {
        if (trimmed.indexOf('.') >= 0 || trimmed.indexOf('e') >= 0 || trimmed.indexOf('E') >= 0) {
          return check(epochToMicros(Double.parseDouble(trimmed)));
        }
        return check(epochToMicros(Long.parseLong(trimmed)));
      } catch (NumberFormatException e) {
        throw new TimestampException("timestamp '" + abbreviate(trimmed) + "' is not a number");
      }
    }
    if (ClfTime.matches(trimmed)) {
      try {
        return check(ClfTime.micros(trimmed));
      } catch (java.time.DateTimeException | ArithmeticException e) {
        throw new TimestampException("timestamp '" + abbreviate(trimmed) + "' is not a valid date and time");
      }
    }
    return check(parseIso(trimmed));
  }

  /** The value of 1 to 18 ASCII digits, or -1: the common epoch-number case without exceptions. */
  private static long plainDigits(String text) {
    int length = text.length();
    if (length == 0 || length > 18) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Validates an epoch number of unknown unit. */
  public long fromEpoch(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new TimestampException("timestamp " + value + " is not a finite number");
    }
    return check(epochToMicros(value));
  }

  public long fromEpoch(long value) {
    return check(epochToMicros(value));
  }

  /** Validates microseconds since the epoch. */
  public long check(long micros) {
    if (micros < toMicros(earliest)) {
      throw new TimestampException(
          "timestamp " + describe(micros) + " is before the plausible window (starts " + earliest + ")");
    }
    if (micros > toMicros(latest)) {
      throw new TimestampException(
          "timestamp " + describe(micros) + " is after the plausible window (ends " + latest + ")");
    }
    return micros;
  }

  private static long parseIso(String text) {
    String normalized = text.length() > 10 && text.charAt(10) == ' '
        ? text.substring(0, 10) + 'T' + text.substring(11)
        : text;
    try {
      return toMicros(OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException withOffset) {
      try {
        return toMicros(LocalDateTime.parse(normalized, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException withoutOffset) {
        throw new TimestampException("timestamp '" + abbreviate(text) + "' is neither an epoch number nor ISO-8601");
      }
    }
  }

  public static long toMicros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  private static String describe(long micros) {
    try {
      return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return micros + " µs since epoch";
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** A timestamp that is missing, malformed or implausible; its message is a quarantine reason. */
  public static final class TimestampException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimestampException(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "[%s, %s]", earliest, latest);
  }
}
