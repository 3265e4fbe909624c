package io.opslake.ingest.format.statsd;

/**
 * Splits the capture timestamp a listener writes in front of a StatsD packet from the packet
 * itself: {@code 1790812801.123 page.load:547|ms}, {@code 2026-10-01T00:00:01Z page.load:547|ms}
 * or {@code 2026-10-01 00:00:01.5 page.load:547|ms}. A leading token counts as a timestamp when it
 * starts with a digit, is followed by whitespace and has no {@code |} in it; whether it actually
 * parses is decided later, by {@link io.opslake.ingest.format.TimestampPolicy}.
 *
 * @param timestamp the timestamp text, or null when the line has none
 * @param body the packet, with surrounding whitespace removed
 */
public record LeadingTimestamp(String timestamp, String body) {

  /** Splits one line; never throws. */
  public static LeadingTimestamp split(String line) {
    int start = skipWhitespace(line, 0);
    int end = trimmedEnd(line);
    if (start >= end) {
      return new LeadingTimestamp(null, "");
    }
    if (!isDigit(line.charAt(start))) {
      return new LeadingTimestamp(null, line.substring(start, end));
    }
    int tokenEnd = nextWhitespace(line, start, end);
    if (tokenEnd >= end || line.lastIndexOf('|', tokenEnd - 1) >= start) {
      return new LeadingTimestamp(null, line.substring(start, end));
    }
    // ISO-8601 with a space instead of 'T': the date and the time are two tokens.
    int bodyStart = skipWhitespace(line, tokenEnd);
    if (tokenEnd - start == 10 && line.charAt(start + 4) == '-' && startsWithClockTime(line, bodyStart)) {
      tokenEnd = nextWhitespace(line, bodyStart, end);
      if (tokenEnd >= end) {
        return new LeadingTimestamp(null, line.substring(start, end));
      }
      bodyStart = skipWhitespace(line, tokenEnd);
    }
    return new LeadingTimestamp(line.substring(start, tokenEnd), line.substring(bodyStart, end));
  }

  private static boolean startsWithClockTime(String line, int index) {
    return index + 2 < line.length()
        && isDigit(line.charAt(index))
        && isDigit(line.charAt(index + 1))
        && line.charAt(index + 2) == ':';
  }

  private static int skipWhitespace(String line, int index) {
    int i = index;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int nextWhitespace(String line, int index, int end) {
    int i = index;
    while (i < end && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int trimmedEnd(String line) {
    int end = line.length();
    while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
