package io.opslake.ingest.format.zap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.opslake.ingest.format.EventTimes;
import io.opslake.ingest.format.Levels;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import io.opslake.ingest.format.json.JsonLines;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses logs written by Go's zap JSON encoder, one entry per line:
 *
 * <pre>{@code
 * {"level":"info","ts":1790812801.123456,"caller":"stream/handler.go:88","msg":"stream opened",
 *  "logger":"kwanza","subscriber":"s-17","streams":42}
 * }</pre>
 *
 * <p>{@code ts} is epoch seconds (any unit works) or ISO-8601; zap's levels map onto opslake's
 * (dpanic → error, panic → fatal); {@code caller} and {@code logger} are labels, {@code stacktrace}
 * is kept as an attribute and every other field is flattened into attributes. Lines captured from
 * {@code docker-compose up} keep their {@link ComposePrefix}: the service becomes label {@code
 * compose_service} and, without its replica number, {@code application_name}. Zap has no host or
 * event type.
 */
public final class ZapLogParser implements RecordParser {
  private final TimestampPolicy timestamps;

  public ZapLogParser(ParseContext context) {
    this.timestamps = context.timestamps();
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    try {
      sink.event(lineNumber, parse(line));
    } catch (RecordRejectedException | TimestampException e) {
      sink.reject(lineNumber, e.getMessage(), line);
    } catch (RuntimeException e) {
      sink.reject(lineNumber, "unreadable zap entry: " + e, line);
    }
  }

  @Override
  public void finish(RecordSink sink) {
    // single-line format: nothing is ever buffered
  }

  private ParsedEvent parse(String line) {
    Map<String, String> labels = new LinkedHashMap<>();
    String json = line;
    if (json.isEmpty() || json.charAt(0) != '{') {
      String plain = ComposePrefix.stripAnsi(line);
      ComposePrefix prefix = ComposePrefix.split(plain);
      json = plain;
      if (prefix != null) {
        labels.put("compose_service", prefix.service());
        labels.put("application_name", prefix.application());
        json = prefix.body();
        if (!json.stripLeading().startsWith("{")) {
          throw new RecordRejectedException(
              "not JSON after the docker-compose prefix of "
                  + prefix.service()
                  + ": the service printed plain text");
        }
      }
    }
    try (JsonParser parser = JsonLines.parser(json)) {
      ParsedEvent event = readEntry(parser, labels);
      JsonLines.requireEnd(parser);
      return event;
    } catch (JsonProcessingException e) {
      throw new RecordRejectedException("malformed JSON: " + JsonLines.reason(e));
    } catch (IOException e) {
      throw new RecordRejectedException("unreadable zap entry: " + e.getMessage());
    }
  }

  private ParsedEvent readEntry(JsonParser parser, Map<String, String> labels)
      throws IOException {
    JsonLines.requireObjectStart(parser);
    String ts = null;
    String level = null;
    String message = null;
    Map<String, String> attributes = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (key) {
        case "ts" -> {
          if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
            throw new RecordRejectedException("field ts must be a number or a string, got a boolean");
          }
          ts = JsonLines.scalarText(parser, key);
        }
        case "level" -> level = JsonLines.scalarText(parser, key);
        case "msg" -> message = JsonLines.scalarText(parser, key);
        case "caller", "logger" -> {
          String text = JsonLines.scalarText(parser, key);
          if (text != null) {
            labels.put(key, text);
          }
        }
        default -> JsonLines.flatten(parser, key, attributes);
      }
    }
    if (ts == null) {
      throw new TimestampException("zap entry has no ts");
    }
    long tsMicros = EventTimes.parse(timestamps, ts);
    String normalizedLevel = Levels.normalize(level);
    if (level != null && normalizedLevel == null) {
      attributes.put("level_raw", level);
    }
    return new ParsedEvent(
        tsMicros,
        null,
        null,
        null,
        normalizedLevel,
        message,
        List.of(),
        Collections.unmodifiableMap(labels),
        Collections.unmodifiableMap(attributes),
        null);
  }
}
