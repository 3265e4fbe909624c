package io.opslake.ingest.format.snapshot;

import io.opslake.ingest.format.statsd.LeadingTimestamp;

/**
 * Gathers a pretty-printed JSON snapshot that spans lines, as a raw capture holds it: Go's
 * {@code /debug/vars} handler writes one variable per line between a {@code {} line and a
 * {@code }} line, and {@code curl ... | jq .} indents every member. A document starts with a line
 * that is just <code>{</code> (optionally behind a capture time, {@code 2025-11-15T10:00:00Z {})
 * and ends at the line where its braces balance; braces inside strings do not count.
 *
 * <p>Hand-written rather than a streaming JSON parser because ingest is line-based (splits,
 * line numbers, quarantine of the raw text): this only decides where a document ends, and
 * Jackson parses the gathered text. A document larger than {@link #MAX_CHARS} is given up.
 */
public final class MultiLineDocument {
  /** Longest document gathered, in characters (a Go service's /debug/vars is a few KB to a few MB). */
  public static final int MAX_CHARS = 16 << 20;

  private final StringBuilder text = new StringBuilder();
  private final long firstLine;
  private int depth;
  private boolean inString;
  private boolean escaped;

  private MultiLineDocument(String line, long lineNumber) {
    this.firstLine = lineNumber;
    append(line);
  }

  /** Whether {@code line} opens a multi-line document: its body (after a capture time) is a lone <code>{</code>. */
  public static boolean opens(String line) {
    return startsRecord(line) && LeadingTimestamp.split(line).body().equals("{");
  }

  /**
   * Whether {@code line} starts a snapshot record at all: a document (one line or many) begins at
   * column 0 with <code>{</code> or with a capture time; members of a pretty-printed document are
   * indented or start with a quote or a closing bracket.
   */
  public static boolean startsRecord(String line) {
    if (line.isEmpty()) {
      return false;
    }
    if (line.charAt(0) == '{') {
      return true;
    }
    LeadingTimestamp split = LeadingTimestamp.split(line);
    return split.timestamp() != null && split.body().startsWith("{");
  }

  /** A document opened by {@code line} (see {@link #opens}). */
  public static MultiLineDocument open(String line, long lineNumber) {
    return new MultiLineDocument(line, lineNumber);
  }

  /** Adds the next line; true when the document's braces now balance (it is complete). */
  public boolean add(String line) {
    text.append('\n');
    append(line);
    return depth == 0;
  }

  public boolean tooLong() {
    return text.length() > MAX_CHARS;
  }

  /** The 1-based number of the document's first line: the line its records and rejects carry. */
  public long firstLine() {
    return firstLine;
  }

  public String text() {
    return text.toString();
  }

  private void append(String line) {
    text.append(line);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      }
    }
  }
}
