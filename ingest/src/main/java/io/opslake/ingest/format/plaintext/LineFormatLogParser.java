package io.opslake.ingest.format.plaintext;

import io.opslake.errors.OpslakeException;
import io.opslake.ingest.format.Levels;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses plain-text logs in a layout the user names with {@code --line-format} (see {@link
 * LineFormat}), e.g. {@code <Date> <Time> <Pid> <Level> <Component>: <Content>} for HDFS logs.
 *
 * <ul>
 *   <li>A line that matches the layout starts a record; a line that does not continues the
 *       previous record (like a stack trace, with the same fold limits and {@code exception} /
 *       {@code backtrace} attributes as {@link PlainTextLogParser}).
 *   <li>{@code <Content>} is the message; the time comes from the time fields (see {@link
 *       LineFormatTime}); {@code <Level>} is mapped by {@link Levels} (an unknown word is kept as
 *       label {@code level}); every other non-empty field becomes a label named by the field in
 *       lower case ({@code <Component>} → {@code component}).
 *   <li>A record whose time cannot be read or is implausible is rejected whole, with the reason.
 *   <li>The host is the file name up to its first dot, as for {@link PlainTextLogParser}.
 * </ul>
 */
public final class LineFormatLogParser implements RecordParser {
  private final LineFormat format;
  private final TimestampPolicy timestamps;
  private final String hostname;
  private final LineFormatTime.YearSource years;
  private Pending pending;

  public LineFormatLogParser(ParseContext context) {
    this.format = validate(context.lineFormat());
    this.timestamps = context.timestamps();
    this.hostname = PlainTextLogParser.hostnameOf(context.fileName());
    this.years = new LineFormatTime.YearSource(context.capture().year(), context.captureTimeMicros());
  }

  /**
   * Compiles a layout for ingest, which needs a {@code <Content>} and a time field; throws
   * IllegalArgumentException with the reason otherwise.
   */
  public static LineFormat validate(String layout) {
    LineFormat format = LineFormat.compile(layout);
    if (!format.fields().contains(LineFormat.CONTENT)) {
      throw OpslakeException.usage("Cannot use line format " + layout + ": it has no <Content> field");
    }
    if (!format.fields().contains("Time") && !format.fields().contains("Timestamp")) {
      throw OpslakeException.usage(
          "Cannot use line format " + layout + ": it has no <Time> or <Timestamp> field");
    }
    return format;
  }

  @Override
  public boolean startsRecord(String line) {
    return format.parse(line) != null;
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    try {
      Map<String, String> fields = format.parse(line);
      if (fields != null) {
        finish(sink);
        pending = new Pending(lineNumber, line, fields);
      } else if (pending == null) {
        sink.reject(lineNumber, PlainTextLogParser.ORPHAN, line);
      } else {
        String refusal = pending.append(line);
        if (refusal != null) {
          sink.reject(lineNumber, refusal, line);
        }
      }
    } catch (RuntimeException e) {
      // never expected; reject the line so the sink still hears of it
      sink.reject(lineNumber, "unreadable log line: " + e, line);
    }
  }

  @Override
  public void finish(RecordSink sink) {
    Pending record = pending;
    pending = null;
    if (record == null) {
      return;
    }
    List<String> timeParts = new ArrayList<>();
    record.fields.forEach((name, value) -> {
      if (LineFormatTime.FIELDS.contains(name) && value != null && !value.isBlank()) {
        timeParts.add(value);
      }
    });
    LineFormatTime.Result time = LineFormatTime.parse(String.join(" ", timeParts), years);
    if (time.error() != null) {
      sink.reject(record.lineNumber, time.error(), record.rawText());
      return;
    }
    long micros;
    try {
      micros = timestamps.check(
          Math.addExact(Math.multiplyExact(time.epochSecond(), 1_000_000L), time.nanos() / 1_000));
    } catch (TimestampException | ArithmeticException e) {
      sink.reject(record.lineNumber, e.getMessage(), record.rawText());
      return;
    }
    sink.event(record.lineNumber, record.toEvent(micros, hostname));
  }

  /** A record whose continuation lines are still being read. */
  private static final class Pending {
    final long lineNumber;
    final Map<String, String> fields;
    final FoldedRecord folded;

    Pending(long lineNumber, String firstLine, Map<String, String> fields) {
      this.lineNumber = lineNumber;
      this.fields = fields;
      this.folded = new FoldedRecord(lineNumber, firstLine);
    }

    String append(String line) {
      return folded.append(line);
    }

    String rawText() {
      return folded.rawText();
    }

    ParsedEvent toEvent(long micros, String hostname) {
      String level = null;
      Map<String, String> labels = new LinkedHashMap<>();
      for (Map.Entry<String, String> field : fields.entrySet()) {
        String name = field.getKey();
        String value = field.getValue();
        if (value == null || value.isEmpty() || name.equals(LineFormat.CONTENT)
            || LineFormatTime.FIELDS.contains(name)) {
          continue;
        }
        if (name.equals("Level")) {
          level = Levels.normalize(value);
          if (level != null) {
            continue;
          }
        }
        labels.put(name.toLowerCase(Locale.ROOT), value);
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      String message = folded.messageWithTrace(fields.get(LineFormat.CONTENT), attributes);
      return new ParsedEvent(
          micros, null, hostname, null, level, message, List.of(),
          Collections.unmodifiableMap(labels), Collections.unmodifiableMap(attributes), null);
    }
  }
}
