package io.opslake.ingest.format.plaintext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plain-text log record being read: its first line and the continuation lines (a Java stack
 * trace) folded into it, with the fold limits both plain-text parsers share. Past a limit, further
 * continuation lines are refused one by one (each becomes its own quarantine row).
 */
final class FoldedRecord {
  static final int MAX_CONTINUATION_LINES = 2_000;
  static final int MAX_RECORD_BYTES = 1 << 20;
  static final String PAST_LINE_LIMIT =
      "continuation line past the " + MAX_CONTINUATION_LINES + "-line fold limit";
  static final String PAST_SIZE_LIMIT = "continuation line past the 1 MiB fold limit";

  private final long lineNumber;
  private final String firstLine;
  private final List<String> continuation = new ArrayList<>();
  private long bytes;
  private boolean full;

  FoldedRecord(long lineNumber, String firstLine) {
    this.lineNumber = lineNumber;
    this.firstLine = firstLine;
    this.bytes = utf8Length(firstLine);
  }

  long lineNumber() {
    return lineNumber;
  }

  /** Folds the line in, or returns why it cannot be. */
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

  /** The record as read, for a quarantine row. */
  String rawText() {
    return continuation.isEmpty() ? firstLine : firstLine + '\n' + String.join("\n", continuation);
  }

  /**
   * The event message: the first line's message followed by the trace; puts {@code exception},
   * {@code exception_message} and {@code backtrace} into {@code attributes} when there is a trace.
   * Blank lines between a trace and the next record belong to neither.
   */
  String messageWithTrace(String message, Map<String, String> attributes) {
    int end = continuation.size();
    while (end > 0 && continuation.get(end - 1).isBlank()) {
      end--;
    }
    List<String> trace = continuation.subList(0, end);
    if (trace.isEmpty()) {
      return message;
    }
    String backtrace = String.join("\n", trace);
    String[] exception = StackTraces.firstException(trace);
    if (exception != null) {
      attributes.put("exception", exception[0]);
      if (exception[1] != null) {
        attributes.put("exception_message", exception[1]);
      }
    }
    attributes.put("backtrace", backtrace);
    return message + '\n' + backtrace;
  }

  static long utf8Length(String text) {
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
