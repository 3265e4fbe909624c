package io.opslake.ingest.format.accesslog;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses web server access logs: Apache's common and combined formats, nginx's default {@code
 * combined}, with an optional virtual-host prefix ({@code vhost_combined}) and trailing fields
 * (see {@link AccessLogLine} for the line and its defects). Each line is one {@code http_request}
 * event at the logged time:
 *
 * <ul>
 *   <li>attributes {@code method}, {@code url} (path and query), {@code protocol}, {@code
 *       http_status}, {@code response_bytes} (absent for {@code -}), {@code referrer}, {@code
 *       user_agent}, {@code ident}, {@code user}; the engine promotes {@code url}, {@code
 *       http_status} and {@code duration_ms} into their columns;
 *   <li>labels {@code client} (the client address) and {@code vhost};
 *   <li>a request time among the trailing fields ({@code $request_time}, {@code %D}): the first
 *       unquoted field that is a plain number, or written {@code rt=} / {@code request_time=}; a
 *       number with a decimal point is seconds (nginx), an integer is microseconds (Apache {@code
 *       %D}); it becomes {@code duration_ms} (and {@code request_time} as written);
 *   <li>a malformed request line keeps the request with its text in {@code request} and no
 *       method, url or protocol; every such defect is listed in attribute {@code defects}.
 * </ul>
 *
 * The message is the request line as logged. The host is the capture's host ({@link ParseContext#captureHost}: {@code --host},
 * else the file name's), or null. Lines out of time order are ordinary requests: servers log
 * a request when it ends but stamp it with its start. Blank lines are not records.
 *
 * <p>Cost: one pass over each line, no regular expressions.
 */
public final class AccessLogParser implements RecordParser {
  static final String TYPE = "http_request";

  private final TimestampPolicy timestamps;
  private final String hostname;

  public AccessLogParser(ParseContext context) {
    this.timestamps = context.timestamps();
    this.hostname = context.captureHost();
  }

  /** Whether a line looks like an access log line; used by the format detector. */
  public static boolean looksLike(String line) {
    return AccessLogLine.looksLike(line);
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    if (line.isBlank()) {
      return;
    }
    try {
      sink.event(lineNumber, event(line));
    } catch (RecordRejectedException | TimestampException e) {
      sink.reject(lineNumber, e.getMessage(), line);
    } catch (RuntimeException e) {
      // never expected; the line still ends in one place
      sink.reject(lineNumber, "unreadable access log line: " + e, line);
    }
  }

  @Override
  public void finish(RecordSink sink) {
    // Single-line format: nothing is buffered.
  }

  private ParsedEvent event(String line) {
    AccessLogLine request = AccessLogLine.parse(line);
    long micros = timestamps.check(request.timeMicros(line));
    Map<String, String> attributes = new LinkedHashMap<>();
    put(attributes, "method", request.method());
    put(attributes, "url", request.target());
    put(attributes, "protocol", request.protocol());
    attributes.put("http_status", Integer.toString(request.status()));
    put(attributes, "response_bytes", request.bytes() == null ? null : request.bytes().toString());
    put(attributes, "referrer", request.referrer());
    put(attributes, "user_agent", request.userAgent());
    put(attributes, "ident", request.ident());
    put(attributes, "user", request.user());
    String requestTime = requestTime(request.trailing());
    if (requestTime != null) {
      attributes.put("request_time", requestTime);
      attributes.put("duration_ms", durationMs(requestTime));
    }
    if (request.method() == null) {
      attributes.put("request", request.request());
    }
    if (!request.defects().isEmpty()) {
      attributes.put("defects", String.join("; ", request.defects()));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("client", request.client());
    put(labels, "vhost", request.vhost());
    return new ParsedEvent(micros, null, hostname, TYPE, null, request.request(), List.of(),
        Map.copyOf(labels), Map.copyOf(attributes), null);
  }

  /** The request time as written: the first plain number, or an {@code rt=}/{@code request_time=} field. */
  static String requestTime(List<String> trailing) {
    for (String field : trailing) {
      String value = field;
      if (field.startsWith("rt=")) {
        value = field.substring(3);
      } else if (field.startsWith("request_time=")) {
        value = field.substring("request_time=".length());
      }
      if (isPlainNumber(value)) {
        return value;
      }
    }
    return null;
  }

  /** Seconds when the number has a decimal point, microseconds when it is an integer. */
  static String durationMs(String requestTime) {
    BigDecimal number = new BigDecimal(requestTime);
    BigDecimal millis = requestTime.indexOf('.') >= 0 ? number.movePointRight(3) : number.movePointLeft(3);
    return millis.stripTrailingZeros().toPlainString();
  }

  private static boolean isPlainNumber(String text) {
    if (text.isEmpty() || text.length() > 18 || text.charAt(0) == '.' || text.charAt(text.length() - 1) == '.') {
      return false;
    }
    int dots = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots <= 1;
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
