package io.opslake.ingest.format.appevents;

import io.opslake.ingest.format.EventTimes;
import io.opslake.ingest.format.Levels;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one app event as they are read, and the rules that turn them into a {@link
 * ParsedEvent}: which of several timestamp fields is the event time, which synonym wins (hostname
 * over host, level over severity, message over msg over additional_info's message), and what
 * happens to a receive time that cannot be read. One instance is reused for every line of a file.
 */
final class AppEventFields {
  /** Event-time fields, in order of preference; {@code received_at} is the last resort. */
  static final List<String> EVENT_TIME_KEYS =
      List.of("timestamp", "ts", "time", "@timestamp", "event_time");

  /** Keys that identify the emitter; at the top level or in additional_info they become labels. */
  static final Set<String> LABEL_KEYS =
      Set.of(
          "agent_id",
          "container_id",
          "framework_id",
          "framework_name",
          "executor_id",
          "application_name",
          "unit",
          "pid");

  static final String NO_TIMESTAMP =
      "event has no timestamp (looked for timestamp, ts, time, @timestamp, event_time,"
          + " received_at)";

  private final TimestampPolicy timestamps;
  private final String[] eventTimes = new String[EVENT_TIME_KEYS.size()];
  private String receivedAt;
  private String type;
  private String hostname;
  private String host;
  private String level;
  private String severity;
  private String message;
  private String msg;
  private String additionalInfoMessage;
  private String md5;
  private List<String> tags;
  private Map<String, String> labels;
  private Map<String, String> attributes;

  AppEventFields(TimestampPolicy timestamps) {
    this.timestamps = timestamps;
  }

  void reset() {
    Arrays.fill(eventTimes, null);
    receivedAt = null;
    type = null;
    hostname = null;
    host = null;
    level = null;
    severity = null;
    message = null;
    msg = null;
    additionalInfoMessage = null;
    md5 = null;
    // fresh collections per event: they are handed out with the ParsedEvent
    tags = null;
    labels = null;
    attributes = null;
  }

  void eventTime(int preference, String text) {
    eventTimes[preference] = text;
  }

  void receivedAt(String text) {
    receivedAt = text;
  }

  void type(String text) {
    type = text;
  }

  void hostname(String text) {
    hostname = text;
  }

  void host(String text) {
    host = text;
  }

  void level(String text) {
    level = text;
  }

  void severity(String text) {
    severity = text;
  }

  void message(String text) {
    message = text;
  }

  void msg(String text) {
    msg = text;
  }

  /** additional_info's {@code message}: the message when the event has none, and an attribute. */
  void additionalInfoMessage(String text) {
    additionalInfoMessage = text;
    attributes().put("message", text);
  }

  void md5(String text) {
    md5 = text;
  }

  void tag(String text) {
    if (tags == null) {
      tags = new ArrayList<>(4);
    }
    tags.add(text);
  }

  void label(String key, String value) {
    if (labels == null) {
      labels = new LinkedHashMap<>();
    }
    labels.put(key, value);
  }

  Map<String, String> attributes() {
    if (attributes == null) {
      attributes = new LinkedHashMap<>();
    }
    return attributes;
  }

  /**
   * The event, with its event time and receive time validated.
   *
   * @throws TimestampException when there is no usable event time; its message is the reason
   */
  ParsedEvent build() {
    long tsMicros;
    Long receivedAtMicros = null;
    String eventTime = firstEventTime();
    if (eventTime == null) {
      if (receivedAt == null) {
        throw new TimestampException(NO_TIMESTAMP);
      }
      tsMicros = EventTimes.parse(timestamps, receivedAt);
      receivedAtMicros = tsMicros;
    } else {
      tsMicros = EventTimes.parse(timestamps, eventTime);
      if (receivedAt != null) {
        try {
          receivedAtMicros = EventTimes.parse(timestamps, receivedAt);
        } catch (TimestampException unreadable) {
          // the event itself is fine; keep what the collector wrote for inspection
          attributes().put("received_at_raw", receivedAt);
        }
      }
    }
    String rawLevel = level != null ? level : severity;
    String normalizedLevel = Levels.normalize(rawLevel);
    if (rawLevel != null && normalizedLevel == null) {
      attributes().put("level_raw", rawLevel);
    }
    return new ParsedEvent(
        tsMicros,
        receivedAtMicros,
        hostname != null ? hostname : host,
        type,
        normalizedLevel,
        message != null ? message : msg != null ? msg : additionalInfoMessage,
        tags == null ? List.of() : Collections.unmodifiableList(tags),
        labels == null ? Map.of() : Collections.unmodifiableMap(labels),
        attributes == null ? Map.of() : Collections.unmodifiableMap(attributes),
        md5);
  }

  private String firstEventTime() {
    for (String candidate : eventTimes) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }
}
