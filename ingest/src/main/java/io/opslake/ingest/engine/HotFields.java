package io.opslake.ingest.engine;

import java.util.Map;

/**
 * Promotes the attributes analysts filter on most into typed columns of raw_events, so queries
 * need no casts: duration_ms, http_status, url. The attributes themselves are kept as sent.
 */
final class HotFields {
  private HotFields() {}

  static Double durationMs(Map<String, String> attributes) {
    Double millis = number(attributes.get("duration_ms"));
    if (millis == null) {
      millis = number(attributes.get("elapsed_ms"));
    }
    if (millis != null) {
      return millis;
    }
    Double seconds = number(attributes.get("execution_time"));
    if (seconds == null) {
      seconds = number(attributes.get("duration"));
    }
    return seconds == null ? null : seconds * 1000d;
  }

  static Integer httpStatus(Map<String, String> attributes) {
    for (String key : new String[] {"http_status", "status_code", "status"}) {
      Double value = number(attributes.get(key));
      if (value != null && value >= 100 && value <= 599 && value == Math.rint(value)) {
        return value.intValue();
      }
    }
    return null;
  }

  static String url(Map<String, String> attributes) {
    String url = attributes.get("url");
    if (url == null) {
      url = attributes.get("uri");
    }
    if (url == null) {
      url = attributes.get("path");
    }
    return url;
  }

  private static Double number(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
