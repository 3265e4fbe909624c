package io.opslake.ingest.format.plaintext;

import io.opslake.ingest.format.Levels;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The first line of a plain-text log record as Logback and Log4j print it:
 *
 * <pre>
 * 2026-10-01 00:00:01,234 ERROR [http-nio-8080-exec-3] com.mysite.web.QueryHandler - Failed
 * </pre>
 *
 * The timestamp may use {@code T} instead of the space, {@code .} instead of {@code ,}, omit the
 * fraction, carry a zone ({@code Z}, {@code +0000}, {@code +00:00}; none means UTC) and sit in
 * square brackets. The level, the {@code [thread]} (before or after the level) and the {@code
 * logger -} parts are optional; whatever follows is the message. Read by hand, not by regular
 * expression, because every line of a log passes through {@link #timestampEnd}.
 *
 * @param tsMicros the event time, valid only when {@code timestampError} is null
 * @param timestampError why the timestamp is unusable (the whole record is rejected), or null
 * @param level lower-case level, or null
 * @param thread thread name, or null
 * @param logger logger name, or null
 * @param message the text after the header, possibly empty
 */
record LogLineHeader(
    long tsMicros, String timestampError, String level, String thread, String logger,
    String message) {

  /** Whether the line starts with a log timestamp, i.e. starts a record. */
  static boolean startsRecord(String line) {
    return timestampEnd(line) > 0;
  }

  /** Reads a line for which {@link #startsRecord} holds. */
  static LogLineHeader parse(String line, TimestampPolicy timestamps) {
    int end = timestampEnd(line);
    long micros = 0;
    String error = null;
    try {
      micros = timestamps.check(epochMicros(line));
    } catch (TimestampException e) {
      error = e.getMessage();
    } catch (DateTimeException | ArithmeticException e) {
      String text = line.substring(line.charAt(0) == '[' ? 1 : 0, end).replace("]", "").strip();
      error = "timestamp '" + text + "' is not a valid date and time";
    }
    Rest rest = new Rest(line, end);
    String thread = rest.thread();
    String level = rest.level();
    if (thread == null) {
      thread = rest.thread();
    }
    String logger = rest.logger();
    return new LogLineHeader(micros, error, level, thread, logger, rest.remainder());
  }

  /** Index just past the timestamp (and its closing bracket), or -1 if the line has none. */
  static int timestampEnd(String line) {
    int length = line.length();
    int i = length > 0 && line.charAt(0) == '[' ? 1 : 0;
    int start = i;
    if (length < start + 19
        || !digits(line, start, 4)
        || line.charAt(start + 4) != '-'
        || !digits(line, start + 5, 2)
        || line.charAt(start + 7) != '-'
        || !digits(line, start + 8, 2)
        || (line.charAt(start + 10) != ' ' && line.charAt(start + 10) != 'T')
        || !digits(line, start + 11, 2)
        || line.charAt(start + 13) != ':'
        || !digits(line, start + 14, 2)
        || line.charAt(start + 16) != ':'
        || !digits(line, start + 17, 2)) {
      return -1;
    }
    i = start + 19;
    if (i < length && (line.charAt(i) == '.' || line.charAt(i) == ',')) {
      int fraction = i + 1;
      while (fraction < length && fraction - i <= 9 && isDigit(line.charAt(fraction))) {
        fraction++;
      }
      if (fraction == i + 1) {
        return -1;
      }
      i = fraction;
    }
    i = zoneEnd(line, i);
    if (start == 1) {
      if (i >= length || line.charAt(i) != ']') {
        return -1;
      }
      i++;
    }
    return i == length || Character.isWhitespace(line.charAt(i)) ? i : -1;
  }

  /** Past an optional zone at {@code i}: {@code Z}, {@code ±HH}, {@code ±HHMM}, {@code ±HH:MM}. */
  private static int zoneEnd(String line, int i) {
    int length = line.length();
    if (i < length && line.charAt(i) == 'Z') {
      return i + 1;
    }
    int sign = i < length && line.charAt(i) == ' ' ? i + 1 : i;
    if (sign >= length || (line.charAt(sign) != '+' && line.charAt(sign) != '-')
        || !digits(line, sign + 1, 2)) {
      return i;
    }
    int end = sign + 3;
    if (digits(line, end, 2)) {
      return end + 2;
    }
    if (end < length && line.charAt(end) == ':' && digits(line, end + 1, 2)) {
      return end + 3;
    }
    return end;
  }

  private static long epochMicros(String line) {
    int s = line.charAt(0) == '[' ? 1 : 0;
    int nanos = 0;
    int i = s + 19;
    if (i < line.length() && (line.charAt(i) == '.' || line.charAt(i) == ',')) {
      int scale = 100_000_000;
      for (i++; i < line.length() && isDigit(line.charAt(i)) && scale > 0; i++, scale /= 10) {
        nanos += (line.charAt(i) - '0') * scale;
      }
    }
    LocalDateTime local =
        LocalDateTime.of(
            number(line, s, 4), number(line, s + 5, 2), number(line, s + 8, 2),
            number(line, s + 11, 2), number(line, s + 14, 2), number(line, s + 17, 2), nanos);
    long seconds = local.toEpochSecond(offset(line, i));
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1_000);
  }

  private static ZoneOffset offset(String line, int i) {
    int end = zoneEnd(line, i);
    if (end == i || line.charAt(end - 1) == 'Z') {
      return ZoneOffset.UTC;
    }
    int sign = line.charAt(i) == ' ' ? i + 1 : i;
    int hours = number(line, sign + 1, 2);
    int minutes = end - sign > 3 ? number(line, end - 2, 2) : 0;
    int total = hours * 3600 + minutes * 60;
    return ZoneOffset.ofTotalSeconds(line.charAt(sign) == '-' ? -total : total);
  }

  private static boolean digits(String line, int from, int count) {
    if (from + count > line.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (!isDigit(line.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int number(String line, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (line.charAt(i) - '0');
    }
    return value;
  }

  /** A cursor over the text after the timestamp. */
  private static final class Rest {
    private final String line;
    private int position;

    Rest(String line, int position) {
      this.line = line;
      this.position = position;
      skipSpaces();
    }

    String thread() {
      if (position >= line.length() || line.charAt(position) != '[') {
        return null;
      }
      int close = line.indexOf(']', position);
      if (close < 0) {
        return null;
      }
      String thread = line.substring(position + 1, close);
      position = close + 1;
      skipSpaces();
      return thread;
    }

    String level() {
      int end = wordEnd();
      String level = end > position ? logLevel(line.substring(position, end)) : null;
      if (level != null) {
        position = end;
        skipSpaces();
      }
      return level;
    }

    /** {@code com.mysite.web.QueryHandler - }: a word followed by a dash. */
    String logger() {
      int end = wordEnd();
      if (end == position
          || !line.startsWith(" -", end)
          || (end + 2 < line.length() && line.charAt(end + 2) != ' ')) {
        return null;
      }
      String logger = line.substring(position, end);
      position = Math.min(line.length(), end + 3);
      return logger;
    }

    String remainder() {
      return line.substring(Math.min(position, line.length()));
    }

    private int wordEnd() {
      int end = position;
      while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
        end++;
      }
      return end;
    }

    private void skipSpaces() {
      while (position < line.length() && Character.isWhitespace(line.charAt(position))) {
        position++;
      }
    }

    private static String logLevel(String word) {
      return switch (word.toUpperCase(java.util.Locale.ROOT)) {
        case "TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "SEVERE" ->
            Levels.normalize(word);
        default -> null;
      };
    }
  }
}
