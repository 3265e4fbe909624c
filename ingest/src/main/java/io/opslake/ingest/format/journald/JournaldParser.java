package io.opslake.ingest.format.journald;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.opslake.ingest.format.Levels;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import io.opslake.ingest.format.json.JsonLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code journalctl -o json} output, one journal entry per line.
 *
 * <p>The event time is {@code _SOURCE_REALTIME_TIMESTAMP} (when the sender stamped the entry)
 * if present and plausible, else {@code __REALTIME_TIMESTAMP} (when journald received it), both
 * microseconds as decimal strings; when the source time is used the journald time becomes the
 * receive time. {@code PRIORITY} is the syslog level, {@code MESSAGE} the message (journald writes
 * binary messages as an array of byte values, decoded here as UTF-8 with replacement characters).
 * Emitter identity becomes labels ({@link JournaldLabels}); every other field is kept as an
 * attribute under its journald name ({@code __CURSOR}, {@code _TRANSPORT}, ...). Journald has no
 * event type. One streaming pass per line, like the app-event parser.
 */
public final class JournaldParser implements RecordParser {
  static final String REALTIME = "__REALTIME_TIMESTAMP";
  static final String SOURCE_REALTIME = "_SOURCE_REALTIME_TIMESTAMP";

  private final TimestampPolicy timestamps;

  public JournaldParser(ParseContext context) {
    this.timestamps = context.timestamps();
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    try (JsonParser parser = JsonLines.parser(line)) {
      Entry entry = readEntry(parser);
      JsonLines.requireEnd(parser);
      sink.event(lineNumber, entry.toEvent());
    } catch (JsonProcessingException e) {
      sink.reject(lineNumber, "malformed JSON: " + JsonLines.reason(e), line);
    } catch (RecordRejectedException | TimestampException e) {
      sink.reject(lineNumber, e.getMessage(), line);
    } catch (IOException | RuntimeException e) {
      sink.reject(lineNumber, "unreadable journal entry: " + e, line);
    }
  }

  @Override
  public void finish(RecordSink sink) {
    // single-line format: nothing is ever buffered
  }

  private Entry readEntry(JsonParser parser) throws IOException {
    JsonLines.requireObjectStart(parser);
    Entry entry = new Entry();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (key) {
        case REALTIME -> entry.realtime = JsonLines.scalarText(parser, key);
        case SOURCE_REALTIME -> entry.sourceRealtime = JsonLines.scalarText(parser, key);
        case "_HOSTNAME" -> entry.hostname = JsonLines.scalarText(parser, key);
        case "PRIORITY" -> entry.priority = JsonLines.scalarText(parser, key);
        case "MESSAGE" -> entry.message = message(parser, value);
        default -> {
          String label = JournaldLabels.labelFor(key);
          if (label != null && value == JsonToken.VALUE_STRING) {
            entry.labels.put(key, parser.getText());
          } else {
            JsonLines.flatten(parser, key, entry.attributes);
          }
        }
      }
    }
    return entry;
  }

  private static String message(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      return JsonLines.scalarText(parser, "MESSAGE");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonToken element;
    while ((element = parser.nextToken()) == JsonToken.VALUE_NUMBER_INT) {
      // journald writes unsigned bytes; anything wider is not a byte and is cut to one
      bytes.write(parser.getIntValue());
    }
    if (element != JsonToken.END_ARRAY) {
      throw new RecordRejectedException(
          "field MESSAGE must be a string or an array of byte values, got an array holding "
              + JsonLines.describe(element));
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  /** One journal entry as read; keys of {@link #labels} are still journald's field names. */
  private final class Entry {
    String realtime;
    String sourceRealtime;
    String hostname;
    String priority;
    String message;
    final Map<String, String> labels = new LinkedHashMap<>();
    final Map<String, String> attributes = new LinkedHashMap<>();

    ParsedEvent toEvent() {
      long tsMicros;
      Long receivedAtMicros = null;
      Long sourceMicros = sourceRealtime == null ? null : sourceTime();
      if (sourceMicros != null) {
        tsMicros = sourceMicros;
        receivedAtMicros = realtime == null ? null : receivedTime();
      } else if (realtime != null) {
        tsMicros = micros(REALTIME, realtime);
      } else {
        throw new TimestampException("journal entry has no " + REALTIME);
      }
      String level = Levels.fromSyslogPriority(priority);
      if (priority != null && level == null) {
        attributes.put("PRIORITY", priority);
      }
      return new ParsedEvent(
          tsMicros,
          receivedAtMicros,
          hostname,
          null,
          level,
          message,
          List.of(),
          Collections.unmodifiableMap(JournaldLabels.rename(labels)),
          Collections.unmodifiableMap(attributes),
          null);
    }

    /** The sender's time, or null (kept as an attribute) when journald's own time can stand in. */
    private Long sourceTime() {
      try {
        return micros(SOURCE_REALTIME, sourceRealtime);
      } catch (TimestampException e) {
        if (realtime == null) {
          throw e;
        }
        attributes.put(SOURCE_REALTIME, sourceRealtime);
        return null;
      }
    }

    private Long receivedTime() {
      try {
        return micros(REALTIME, realtime);
      } catch (TimestampException e) {
        attributes.put(REALTIME, realtime);
        return null;
      }
    }

    private long micros(String field, String text) {
      long value;
      try {
        value = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "…";
        throw new TimestampException(
            field + " '" + shown + "' is not a number of microseconds");
      }
      return timestamps.check(value);
    }
  }
}
