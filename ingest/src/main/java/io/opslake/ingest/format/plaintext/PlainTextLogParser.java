package io.opslake.ingest.format.plaintext;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses plain-text application logs (Logback/Log4j layouts, see {@link LogLineHeader}) and folds
 * the lines that follow a record, such as a Java stack trace, into it: the message is the first
 * line's text plus the continuation lines, and attributes {@code exception}, {@code
 * exception_message} and {@code backtrace} describe the trace. The host is the log file's name up
 * to its first dot ({@code dc0-web01.app.log.gz} → {@code dc0-web01}).
 *
 * <p>A record holds at most {@value #MAX_CONTINUATION_LINES} continuation lines and {@value
 * #MAX_RECORD_BYTES} bytes of UTF-8 text; further continuation lines are rejected one by one so a
 * runaway trace cannot exhaust memory. A record whose timestamp is implausible is rejected whole.
 */
public final class PlainTextLogParser implements RecordParser {
  static final int MAX_CONTINUATION_LINES = 2_000;
  static final int MAX_RECORD_BYTES = 1 << 20;

  static final String ORPHAN = "continuation line without a preceding log record";
  static final String PAST_LINE_LIMIT =
      "continuation line past the " + MAX_CONTINUATION_LINES + "-line fold limit";
  static final String PAST_SIZE_LIMIT = "continuation line past the 1 MiB fold limit";

  private final TimestampPolicy timestamps;
  private final String hostname;
  private Pending pending;

  public PlainTextLogParser(ParseContext context) {
    this.timestamps = context.timestamps();
    this.hostname = hostnameOf(context.fileName());
  }

  /** {@code dc0-web01.app.log.gz} → {@code dc0-web01}; null for a name that starts with a dot. */
  static String hostnameOf(String fileName) {
    int dot = fileName.indexOf('.');
    String host = dot < 0 ? fileName : fileName.substring(0, dot);
    return host.isEmpty() ? null : host;
  }

  @Override
  public boolean startsRecord(String line) {
    return LogLineHeader.startsRecord(line);
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    try {
      if (LogLineHeader.startsRecord(line)) {
        finish(sink);
        pending = new Pending(lineNumber, line, LogLineHeader.parse(line, timestamps));
      } else if (pending == null) {
        sink.reject(lineNumber, ORPHAN, line);
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
    if (record.header.timestampError() != null) {
      sink.reject(record.lineNumber, record.header.timestampError(), record.rawText());
    } else {
      sink.event(record.lineNumber, record.toEvent(hostname));
    }
  }

  /** A record whose continuation lines are still being read. */
  private static final class Pending {
    final long lineNumber;
    final String firstLine;
    final LogLineHeader header;
    final List<String> continuation = new ArrayList<>();
    long bytes;
    boolean full;

    Pending(long lineNumber, String firstLine, LogLineHeader header) {
      this.lineNumber = lineNumber;
      this.firstLine = firstLine;
      this.header = header;
      this.bytes = utf8Length(firstLine);
    }

    /** Folds the line in, or says why it cannot be. */
    String append(String line) {
      if (full || continuation.size() >= MAX_CONTINUATION_LINES) {
        full = true;
        return continuation.size() >= MAX_CONTINUATION_LINES ? PAST_LINE_LIMIT : PAST_SIZE_LIMIT;
      }
      long size = utf8Length(line) + 1;
      if (bytes + size > MAX_RECORD_BYTES) {
        full = true;
        return PAST_SIZE_LIMIT;
      }
      bytes += size;
      continuation.add(line);
      return null;
    }

    String rawText() {
      return continuation.isEmpty()
          ? firstLine
          : firstLine + '\n' + String.join("\n", continuation);
    }

    ParsedEvent toEvent(String hostname) {
      int end = continuation.size();
      // blank lines between a trace and the next record belong to neither
      while (end > 0 && continuation.get(end - 1).isBlank()) {
        end--;
      }
      List<String> trace = continuation.subList(0, end);
      Map<String, String> labels = new LinkedHashMap<>();
      if (header.thread() != null) {
        labels.put("thread", header.thread());
      }
      if (header.logger() != null) {
        labels.put("logger", header.logger());
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      String message = header.message();
      if (!trace.isEmpty()) {
        String backtrace = String.join("\n", trace);
        message = message + '\n' + backtrace;
        String[] exception = StackTraces.firstException(trace);
        if (exception != null) {
          attributes.put("exception", exception[0]);
          if (exception[1] != null) {
            attributes.put("exception_message", exception[1]);
          }
        }
        attributes.put("backtrace", backtrace);
      }
      return new ParsedEvent(
          header.tsMicros(),
          null,
          hostname,
          null,
          header.level(),
          message,
          List.of(),
          Collections.unmodifiableMap(labels),
          Collections.unmodifiableMap(attributes),
          null);
    }

    private static long utf8Length(String text) {
      long length = text.length();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= 0x800 && !Character.isSurrogate(c)) {
          length += 2;
        } else if (c >= 0x80) {
          length += 1;
        }
      }
      return length;
    }
  }
}
