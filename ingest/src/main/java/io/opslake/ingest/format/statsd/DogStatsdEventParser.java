package io.opslake.ingest.format.statsd;

import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns DogStatsD events and service checks into events.
 *
 * <ul>
 *   <li>{@code _e{titleLength,textLength}:title|text|d:secs|h:host|p:priority|t:alert_type|k:key|s:source|#tags}
 *       becomes type {@code dogstatsd_event}, message {@code title + "\n" + text}, level from the
 *       alert type (error → error, warning → warn, otherwise info) and attributes {@code priority},
 *       {@code alert_type}, {@code aggregation_key}, {@code source_type_name} when present. The
 *       lengths are UTF-8 byte counts as the protocol defines them; character counts are accepted
 *       too, since some clients send those.
 *   <li>{@code _sc|name|status|d:secs|h:host|#tags|m:message} becomes type {@code service_check},
 *       level from the status (0 info, 1 warn, 2 error, 3 unknown → warn), message the {@code m:}
 *       text (or null) and attributes {@code check_name} and {@code status} (ok, warning, critical,
 *       unknown). {@code m:} is the last field and may contain {@code |}.
 * </ul>
 *
 * Escaped newlines ({@code \n} as two characters) in titles, texts and messages are restored. The
 * time is the {@code d:} field, otherwise the leading capture timestamp, which is also stored as
 * the receive time when both are present. The host is the {@code h:} field, otherwise a {@code
 * host:} tag. Tags are kept as written and also as labels, like metric tags.
 */
final class DogStatsdEventParser {
  static final String EVENT_PREFIX = "_e{";
  static final String SERVICE_CHECK_PREFIX = "_sc|";
  static final String EVENT_TYPE = "dogstatsd_event";
  static final String SERVICE_CHECK_TYPE = "service_check";
  static final String NO_EVENT_TIMESTAMP =
      "DogStatsD event has no timestamp (expected a |d:<epoch> field or a leading timestamp)";
  static final String NO_SERVICE_CHECK_TIMESTAMP =
      "DogStatsD service check has no timestamp (expected a |d:<epoch> field or a leading timestamp)";

  private static final String[] STATUS_NAMES = {"ok", "warning", "critical", "unknown"};
  private static final String[] STATUS_LEVELS = {"info", "warn", "error", "warn"};

  private final TimestampPolicy timestamps;

  DogStatsdEventParser(TimestampPolicy timestamps) {
    this.timestamps = timestamps;
  }

  ParsedEvent event(String body, String leadingTimestamp) {
    int close = body.indexOf('}');
    int comma = body.indexOf(',');
    if (close < 0 || comma < 0 || comma > close) {
      throw new StatsdRejection("DogStatsD event header does not hold '{titleLength,textLength}'");
    }
    int titleLength = length(body.substring(EVENT_PREFIX.length(), comma), "title");
    int textLength = length(body.substring(comma + 1, close), "text");
    if (close + 1 >= body.length() || body.charAt(close + 1) != ':') {
      throw new StatsdRejection("DogStatsD event has no ':' after its length header");
    }
    int titleStart = close + 2;
    int titleEnd = endOf(body, titleStart, titleLength, false);
    if (titleEnd < 0) {
      throw new StatsdRejection("DogStatsD event title does not match its declared length " + titleLength);
    }
    if (titleLength == 0) {
      throw new StatsdRejection("DogStatsD event has an empty title");
    }
    int textEnd = endOf(body, titleEnd + 1, textLength, true);
    if (textEnd < 0) {
      throw new StatsdRejection("DogStatsD event text does not match its declared length " + textLength);
    }
    String title = unescape(body.substring(titleStart, titleEnd));
    String text = unescape(body.substring(titleEnd + 1, textEnd));

    Map<String, String> attributes = new LinkedHashMap<>();
    EventFields fields = readFields(body, textEnd, attributes);
    Times times = times(fields.epochSeconds, leadingTimestamp, NO_EVENT_TIMESTAMP);
    String level = levelOfAlertType(attributes.get("alert_type"));
    return new ParsedEvent(
        times.tsMicros, times.receivedAtMicros, fields.hostname(), EVENT_TYPE, level,
        title + "\n" + text, fields.tags.tags(), fields.tags.labels(), Map.copyOf(attributes), null);
  }

  ParsedEvent serviceCheck(String body, String leadingTimestamp) {
    int nameStart = SERVICE_CHECK_PREFIX.length();
    int nameEnd = body.indexOf('|', nameStart);
    if (nameEnd < 0) {
      throw new StatsdRejection("DogStatsD service check has no status");
    }
    String name = body.substring(nameStart, nameEnd).trim();
    if (name.isEmpty()) {
      throw new StatsdRejection("DogStatsD service check has an empty name");
    }
    int statusEnd = body.indexOf('|', nameEnd + 1);
    String statusText = body.substring(nameEnd + 1, statusEnd < 0 ? body.length() : statusEnd);
    int status = statusText.length() == 1 ? statusText.charAt(0) - '0' : -1;
    if (status < 0 || status > 3) {
      throw new StatsdRejection(
          "DogStatsD service check status '" + StatsdNumbers.abbreviate(statusText) + "' is not 0, 1, 2 or 3");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("check_name", name);
    attributes.put("status", STATUS_NAMES[status]);
    EventFields fields = readFields(body, statusEnd, attributes);
    Times times = times(fields.epochSeconds, leadingTimestamp, NO_SERVICE_CHECK_TIMESTAMP);
    return new ParsedEvent(
        times.tsMicros, times.receivedAtMicros, fields.hostname(), SERVICE_CHECK_TYPE, STATUS_LEVELS[status],
        fields.message, fields.tags.tags(), fields.tags.labels(), Map.copyOf(attributes), null);
  }

  private Times times(String epochSeconds, String leadingTimestamp, String missingReason) {
    if (epochSeconds == null) {
      if (leadingTimestamp == null) {
        throw new StatsdRejection(missingReason);
      }
      return new Times(timestamps.parseText(leadingTimestamp), null);
    }
    long tsMicros = StatsdNumbers.epochSecondsToMicros(epochSeconds, "DogStatsD timestamp field d:", timestamps);
    Long receivedAt = null;
    if (leadingTimestamp != null) {
      try {
        receivedAt = timestamps.parseText(leadingTimestamp);
      } catch (TimestampException e) {
        // The emitter's own time is valid; a garbled capture time only loses the receive time.
      }
    }
    return new Times(tsMicros, receivedAt);
  }

  /** Reads the {@code |x:...} fields that follow position {@code firstPipe} (or none if negative). */
  private static EventFields readFields(String body, int firstPipe, Map<String, String> attributes) {
    EventFields fields = new EventFields();
    int start = firstPipe;
    while (start >= 0 && start < body.length()) {
      if (body.startsWith("m:", start + 1)) {
        // The message is the last field and may itself contain '|'.
        fields.message = unescape(body.substring(start + 3));
        break;
      }
      int end = body.indexOf('|', start + 1);
      String field = body.substring(start + 1, end < 0 ? body.length() : end);
      start = end;
      if (field.startsWith("#")) {
        fields.tags.addField(field.substring(1));
      } else if (field.length() >= 2 && field.charAt(1) == ':') {
        String value = field.substring(2);
        switch (field.charAt(0)) {
          case 'd' -> fields.epochSeconds = value;
          case 'h' -> fields.hostField = value.isEmpty() ? null : value;
          case 'p' -> attributes.put("priority", value);
          case 't' -> attributes.put("alert_type", value);
          case 'k' -> attributes.put("aggregation_key", value);
          case 's' -> attributes.put("source_type_name", value);
          case 'c' -> fields.tags.putLabel(StatsdParser.CONTAINER_LABEL, value);
          default -> {
            // Unknown protocol extension: nothing opslake stores.
          }
        }
      }
    }
    return fields;
  }

  private static String levelOfAlertType(String alertType) {
    if ("error".equals(alertType)) {
      return "error";
    }
    return "warning".equals(alertType) ? "warn" : "info";
  }

  private static int length(String text, String what) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.length() > 9) {
      throw new StatsdRejection("DogStatsD event " + what + " length '" + StatsdNumbers.abbreviate(text) + "' is not a number");
    }
    int value = 0;
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c < '0' || c > '9') {
        throw new StatsdRejection("DogStatsD event " + what + " length '" + StatsdNumbers.abbreviate(text) + "' is not a number");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * Where a field of {@code length} starting at {@code start} ends, counting UTF-8 bytes first and
   * characters second; the end must fall on a {@code |} (or the end of the body when allowed).
   *
   * @return the end index, or -1 when neither count lands on a delimiter
   */
  private static int endOf(String body, int start, int length, boolean mayEndBody) {
    int byByteCount = advanceUtf8Bytes(body, start, length);
    if (endsField(body, byByteCount, mayEndBody)) {
      return byByteCount;
    }
    long byCharCount = (long) start + length;
    return byCharCount <= body.length() && endsField(body, (int) byCharCount, mayEndBody) ? (int) byCharCount : -1;
  }

  private static boolean endsField(String body, int index, boolean mayEndBody) {
    if (index < 0 || index > body.length()) {
      return false;
    }
    return index == body.length() ? mayEndBody : body.charAt(index) == '|';
  }

  private static int advanceUtf8Bytes(String body, int start, int bytes) {
    int index = start;
    int remaining = bytes;
    while (remaining > 0 && index < body.length()) {
      int codePoint = body.codePointAt(index);
      remaining -= codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      index += Character.charCount(codePoint);
    }
    return remaining == 0 ? index : -1;
  }

  private static String unescape(String text) {
    return text.indexOf("\\n") < 0 ? text : text.replace("\\n", "\n");
  }

  private record Times(long tsMicros, Long receivedAtMicros) {}

  /** What the optional fields of one event or service check say. */
  private static final class EventFields {
    final DogStatsdTags tags = new DogStatsdTags();
    String epochSeconds;
    String hostField;
    String message;

    String hostname() {
      return hostField != null ? hostField : tags.hostname();
    }
  }
}
