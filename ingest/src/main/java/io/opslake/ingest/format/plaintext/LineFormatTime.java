package io.opslake.ingest.format.plaintext;

import io.opslake.ingest.format.ClfTime;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the time of a line in a user-given {@link LineFormat}: the values of its time fields
 * ({@code <Timestamp>}, or {@code <Year>}, {@code <Month>}, {@code <Date>}, {@code <Day>} and
 * {@code <Time>} in layout order) joined by one space. Understood layouts: ISO 8601 and {@code
 * yyyy-MM-dd HH:mm:ss[,SSS]} (a zone is optional), {@code yyMMdd HHmmss} (HDFS), {@code yy/MM/dd
 * HH:mm:ss} and {@code yyyy/MM/dd HH:mm:ss}, the Common Log Format's {@code dd/MMM/yyyy:HH:mm:ss
 * Z} ({@code 17/May/2015:10:05:03 +0000}, brackets optional; see {@link ClfTime}), and syslog's {@code MMM d HH:mm:ss} when a year
 * field or the date carries the year ({@code yyyy MMM d HH:mm:ss}, {@code MMM d yyyy HH:mm:ss}).
 * A syslog time without a year ({@code Jun 14 15:16:01}) takes {@code --year}, else the year of
 * the capture time ({@code --capture-time}, else the file name's), where a month after the
 * capture's month belongs to the year before; with neither it is refused rather than guessed (the
 * year of a file's first line is not knowable from a split in the middle of it). Times without a
 * zone are UTC.
 */
final class LineFormatTime {
  /** Field names that make up the time, in no particular order. */
  static final List<String> FIELDS = List.of("Timestamp", "Year", "Month", "Date", "Day", "Time");

  private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}.*");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final DateTimeFormatter ISO_OFFSET =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
          .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
          .optionalStart().appendOffset("+HH", "Z").optionalEnd()
          .toFormatter(Locale.ROOT);
  private static final List<DateTimeFormatter> LOCAL =
      List.of(
          pattern("uuMMdd HHmmss"),
          pattern("uu/MM/dd HH:mm:ss"),
          pattern("uuuu/MM/dd HH:mm:ss"),
          pattern("uuuu MMM d HH:mm:ss"),
          pattern("MMM d uuuu HH:mm:ss"));
  private static final DateTimeFormatter NO_YEAR = pattern("MMM d HH:mm:ss");

  private LineFormatTime() {}

  /** A parsed time: epoch seconds and nanos, or the reason it cannot be read. */
  record Result(long epochSecond, int nanos, String error) {}

  /**
   * Where a time without a year takes its year from.
   *
   * @param year {@code --year}, or null
   * @param captureMicros the capture time ({@code --capture-time}, else the file name's), or null
   */
  record YearSource(Integer year, Long captureMicros) {
    static final YearSource NONE = new YearSource(null, null);

    /** The year of a time in {@code month}, or null when there is no source. */
    Integer yearOf(int month) {
      if (year != null) {
        return year;
      }
      if (captureMicros == null) {
        return null;
      }
      LocalDateTime capture = LocalDateTime.ofEpochSecond(Math.floorDiv(captureMicros, 1_000_000L), 0, ZoneOffset.UTC);
      // a month after the capture's month was written the year before (a December line in a January capture)
      return month > capture.getMonthValue() ? capture.getYear() - 1 : capture.getYear();
    }
  }

  static Result parse(String raw) {
    return parse(raw, YearSource.NONE);
  }

  static Result parse(String raw, YearSource years) {
    String text = SPACES.matcher(raw.strip()).replaceAll(" ");
    if (ISO.matcher(text).matches()) {
      String iso = (text.substring(0, 10) + 'T' + text.substring(11)).replace(',', '.').replace(" ", "");
      try {
        var parsed = ISO_OFFSET.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        OffsetDateTime time = parsed instanceof OffsetDateTime offset
            ? offset
            : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
        return new Result(time.toEpochSecond(), time.getNano(), null);
      } catch (DateTimeException e) {
        return new Result(0, 0, "time '" + text + "' is not a valid date and time");
      }
    }
    if (ClfTime.matches(text)) {
      try {
        long micros = ClfTime.micros(text);
        return new Result(Math.floorDiv(micros, 1_000_000L), 0, null);
      } catch (DateTimeException | ArithmeticException e) {
        return new Result(0, 0, "time '" + text + "' is not a valid date and time");
      }
    }
    for (DateTimeFormatter formatter : LOCAL) {
      try {
        LocalDateTime time = LocalDateTime.parse(text, formatter);
        return new Result(time.toEpochSecond(ZoneOffset.UTC), time.getNano(), null);
      } catch (DateTimeParseException e) {
        // try the next layout
      }
    }
    try {
      TemporalAccessor noYear = NO_YEAR.parse(text);
      int month = noYear.get(ChronoField.MONTH_OF_YEAR);
      Integer year = years.yearOf(month);
      if (year == null) {
        return new Result(0, 0, "time '" + text + "' has no year: pass --year or --capture-time,"
            + " or put the capture time in the file name");
      }
      try {
        LocalDateTime time = LocalDateTime.of(year, month, noYear.get(ChronoField.DAY_OF_MONTH),
            noYear.get(ChronoField.HOUR_OF_DAY), noYear.get(ChronoField.MINUTE_OF_HOUR),
            noYear.get(ChronoField.SECOND_OF_MINUTE));
        return new Result(time.toEpochSecond(ZoneOffset.UTC), 0, null);
      } catch (DateTimeException e) {
        return new Result(0, 0, "time '" + text + "' is not a valid date in " + year);
      }
    } catch (DateTimeParseException e) {
      return new Result(0, 0, "time '" + text + "' matches no known date and time layout");
    }
  }

  private static DateTimeFormatter pattern(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .toFormatter(Locale.ROOT)
        .withResolverStyle(java.time.format.ResolverStyle.STRICT);
  }
}
