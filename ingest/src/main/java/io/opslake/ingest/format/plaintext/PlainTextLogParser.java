package io.opslake.ingest.format.plaintext;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
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
  static final String ORPHAN = "continuation line without a preceding log record";

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
    final LogLineHeader header;
    final FoldedRecord folded;

    Pending(long lineNumber, String firstLine, LogLineHeader header) {
      this.lineNumber = lineNumber;
      this.header = header;
      this.folded = new FoldedRecord(lineNumber, firstLine);
    }

    String append(String line) {
      return folded.append(line);
    }

    String rawText() {
      return folded.rawText();
    }

    ParsedEvent toEvent(String hostname) {
      Map<String, String> labels = new LinkedHashMap<>();
      if (header.thread() != null) {
        labels.put("thread", header.thread());
      }
      if (header.logger() != null) {
        labels.put("logger", header.logger());
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      String message = folded.messageWithTrace(header.message(), attributes);
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
  }
}
