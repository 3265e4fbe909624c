package io.opslake.ingest.format.accesslog;

import io.opslake.ingest.format.ClfTime;
import io.opslake.ingest.format.RecordRejectedException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;

/**
 * One access log line split into its fields, read by hand (no regular expression):
 *
 * <pre>
 *   [vhost[:port] ]client ident user [dd/MMM/yyyy:HH:mm:ss ±hhmm] "request" status size ["referrer" "user agent"] [trailing fields]
 * </pre>
 *
 * Everything up to the size is the Common Log Format core and must be well-formed, otherwise the
 * line is rejected ({@link RecordRejectedException} with the reason). After it the line is read
 * leniently: a referrer or user agent whose quote is never closed takes the rest of the line and
 * is named in {@link #defects()}; a request line that is not {@code METHOD target PROTOCOL}
 * (scanners send TLS handshakes to plain HTTP ports, Apache logs {@code "-"} for a request that
 * timed out) is kept as {@link #request()} with no method, target or protocol.
 *
 * @param vhost the virtual host prefix ({@code %v:%p}), or null
 * @param client the client address ({@code %h}, {@code $remote_addr})
 * @param ident the identd name, or null for {@code -}
 * @param user the authenticated user, or null for {@code -}
 * @param timeStart index of the time inside the line
 * @param request the request line as logged, unescaped
 * @param method the method, or null when the request line is malformed
 * @param target the path and query, or null when the request line is malformed
 * @param protocol the protocol ({@code HTTP/1.1}), or null when the request line is malformed
 * @param status the HTTP status, 100..599
 * @param bytes the response size, or null for {@code -}
 * @param referrer the referrer, or null when absent or {@code -}
 * @param userAgent the user agent, or null when absent or {@code -}
 * @param trailing unquoted fields after the user agent ({@code $request_time}, {@code %D}, ...), in order
 * @param defects what was wrong with the line although it is still a request, or empty
 */
record AccessLogLine(
    String vhost,
    String client,
    String ident,
    String user,
    int timeStart,
    String request,
    String method,
    String target,
    String protocol,
    int status,
    Long bytes,
    String referrer,
    String userAgent,
    List<String> trailing,
    List<String> defects) {

  static final String NO_TIME = "access log line has no '[dd/MMM/yyyy:HH:mm:ss +hhmm]' time";
  static final String NO_REQUEST = "access log line has no quoted request after the time";
  static final String UNCLOSED_REQUEST = "access log request has no closing quote";
  static final String MALFORMED_REQUEST = "request line is not METHOD target PROTOCOL";

  /** Whether a line has the shape of an access log line (for format detection; cheap). */
  static boolean looksLike(String line) {
    int bracket = line.indexOf(" [");
    return bracket > 0 && bracket < 300 && ClfTime.matchesAt(line, bracket + 2)
        && line.startsWith("] \"", bracket + 2 + ClfTime.LENGTH) && prefixFields(line.substring(0, bracket)) >= 3;
  }

  /**
   * Splits a line.
   *
   * @throws RecordRejectedException when the core fields are missing or malformed
   */
  static AccessLogLine parse(String line) {
    int bracket = line.indexOf(" [");
    if (bracket <= 0 || !ClfTime.matchesAt(line, bracket + 2)) {
      throw new RecordRejectedException(NO_TIME);
    }
    String[] prefix = line.substring(0, bracket).trim().split(" +");
    if (prefix.length < 3 || prefix.length > 4) {
      throw new RecordRejectedException("access log line has " + prefix.length
          + " fields before the time (expected <client> <ident> <user>, optionally behind a virtual host)");
    }
    int shift = prefix.length - 3;
    int timeStart = bracket + 2;
    int afterTime = timeStart + ClfTime.LENGTH;
    if (!line.startsWith("] \"", afterTime)) {
      throw new RecordRejectedException(NO_REQUEST);
    }
    Cursor cursor = new Cursor(line, afterTime + 3);
    String request = cursor.quoted();
    if (request == null) {
      throw new RecordRejectedException(UNCLOSED_REQUEST);
    }
    int status = status(cursor.word());
    Long bytes = bytes(cursor.word());
    List<String> defects = new ArrayList<>();
    String referrer = cursor.optionalQuoted("referrer", defects);
    String userAgent = cursor.optionalQuoted("user agent", defects);
    List<String> trailing = new ArrayList<>();
    while (!cursor.atEnd()) {
      if (cursor.atQuote()) {
        cursor.optionalQuoted("trailing field", defects);
      } else {
        trailing.add(cursor.word());
      }
    }
    String[] parts = request.split(" ", -1);
    boolean wellFormed = parts.length == 3 && isMethod(parts[0]) && !parts[1].isEmpty() && parts[2].startsWith("HTTP/");
    if (!wellFormed) {
      defects.add(MALFORMED_REQUEST);
    }
    return new AccessLogLine(
        shift == 1 ? prefix[0] : null, prefix[shift], dash(prefix[shift + 1]), dash(prefix[shift + 2]), timeStart,
        request, wellFormed ? parts[0] : null, wellFormed ? parts[1] : null, wellFormed ? parts[2] : null,
        status, bytes, dash(referrer), dash(userAgent), List.copyOf(trailing), List.copyOf(defects));
  }

  /**
   * The event time in epoch microseconds.
   *
   * @throws RecordRejectedException when the date does not exist (31/Feb/2026)
   */
  long timeMicros(String line) {
    try {
      return ClfTime.micros(line, timeStart);
    } catch (DateTimeException | ArithmeticException e) {
      throw new RecordRejectedException(
          "access log time '" + line.substring(timeStart, timeStart + ClfTime.LENGTH) + "' is not a valid date");
    }
  }

  private static int prefixFields(String prefix) {
    String trimmed = prefix.trim();
    return trimmed.isEmpty() ? 0 : trimmed.split(" +").length;
  }

  private static int status(String word) {
    if (word.length() == 3 && Character.isDigit(word.charAt(0)) && Character.isDigit(word.charAt(1))
        && Character.isDigit(word.charAt(2))) {
      int status = Integer.parseInt(word);
      if (status >= 100 && status <= 599) {
        return status;
      }
    }
    throw new RecordRejectedException("access log status '" + abbreviate(word) + "' is not an HTTP status (100-599)");
  }

  private static Long bytes(String word) {
    if (word.equals("-")) {
      return null;
    }
    if (!word.isEmpty() && word.length() <= 18 && word.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Long.parseLong(word);
    }
    throw new RecordRejectedException("access log response size '" + abbreviate(word) + "' is not a number or '-'");
  }

  private static boolean isMethod(String word) {
    if (word.isEmpty() || word.length() > 20) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static String dash(String value) {
    return value == null || value.equals("-") || value.isEmpty() ? null : value;
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** Reads words and quoted strings left to right. */
  private static final class Cursor {
    private final String line;
    private int at;

    Cursor(String line, int at) {
      this.line = line;
      this.at = at;
    }

    boolean atEnd() {
      skipSpaces();
      return at >= line.length();
    }

    boolean atQuote() {
      skipSpaces();
      return at < line.length() && line.charAt(at) == '"';
    }

    /** The next space-delimited word ("" at the end). */
    String word() {
      skipSpaces();
      int start = at;
      while (at < line.length() && line.charAt(at) != ' ') {
        at++;
      }
      return line.substring(start, at);
    }

    /** The string after an opening quote at {@code at}, unescaped; null (and no move) when never closed. */
    String quoted() {
      StringBuilder value = new StringBuilder();
      int i = at;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
          value.append(line.charAt(i + 1));
          i += 2;
        } else if (c == '"') {
          at = i + 1;
          return value.toString();
        } else {
          value.append(c);
          i++;
        }
      }
      return null;
    }

    /** A quoted field if one comes next, else null; an unclosed one takes the rest of the line. */
    String optionalQuoted(String what, List<String> defects) {
      if (!atQuote()) {
        return null;
      }
      at++;
      String value = quoted();
      if (value == null) {
        value = line.substring(at);
        at = line.length();
        defects.add(what + " quote is not closed");
      }
      return value;
    }

    private void skipSpaces() {
      while (at < line.length() && line.charAt(at) == ' ') {
        at++;
      }
    }
  }
}
