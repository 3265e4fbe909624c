package io.opslake.ingest.format.appevents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import io.opslake.ingest.format.json.JsonLines;
import java.io.IOException;

/**
 * Parses app events written as JSON lines, one object per line, e.g.
 *
 * <pre>{@code
 * {"md5":"…","type":"page_load","hostname":"dc0-web01","timestamp":1790812801234,
 *  "received_at":1790812801301,"tags":["metrics"],"additional_info":{"execution_time":0.547}}
 * }</pre>
 *
 * <p>Known fields map onto the event's columns (see {@link AppEventFields} for precedence);
 * additional_info is flattened into attributes without a prefix, any other field with its own key
 * as prefix; emitter identity keys ({@link AppEventFields#LABEL_KEYS}) become labels.
 *
 * <p>This is the ingest hot path: one streaming pass with Jackson's {@link JsonParser}, no tree,
 * no regular expressions, and no allocation beyond the event's own strings and maps.
 */
public final class AppEventJsonParser implements RecordParser {
  private final AppEventFields fields;

  public AppEventJsonParser(ParseContext context) {
    this.fields = new AppEventFields(context.timestamps());
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    read(line, lineNumber, line, sink);
  }

  @Override
  public void finish(RecordSink sink) {
    // single-line format: nothing is ever buffered
  }

  /**
   * Reads one JSON object and reports it as one event or one rejection; {@code raw} is what a
   * rejection shows (the EDN parser passes the EDN line it translated into {@code json}).
   */
  void read(String json, long lineNumber, String raw, RecordSink sink) {
    fields.reset();
    try (JsonParser parser = JsonLines.parser(json)) {
      readObject(parser);
      JsonLines.requireEnd(parser);
    } catch (JsonProcessingException e) {
      sink.reject(lineNumber, "malformed JSON: " + JsonLines.reason(e), raw);
      return;
    } catch (RecordRejectedException e) {
      sink.reject(lineNumber, e.getMessage(), raw);
      return;
    } catch (IOException | RuntimeException e) {
      sink.reject(lineNumber, "unreadable JSON: " + e, raw);
      return;
    }
    try {
      sink.event(lineNumber, fields.build());
    } catch (TimestampException e) {
      sink.reject(lineNumber, e.getMessage(), raw);
    }
  }

  private void readObject(JsonParser parser) throws IOException {
    JsonLines.requireObjectStart(parser);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      field(parser, key);
    }
  }

  private void field(JsonParser parser, String key) throws IOException {
    switch (key) {
      case "timestamp", "ts", "time", "@timestamp", "event_time" ->
          fields.eventTime(AppEventFields.EVENT_TIME_KEYS.indexOf(key), timeText(parser, key));
      case "received_at" -> fields.receivedAt(timeText(parser, key));
      case "type" -> fields.type(JsonLines.scalarText(parser, key));
      case "hostname" -> fields.hostname(JsonLines.scalarText(parser, key));
      case "host" -> fields.host(JsonLines.scalarText(parser, key));
      case "level" -> fields.level(JsonLines.scalarText(parser, key));
      case "severity" -> fields.severity(JsonLines.scalarText(parser, key));
      case "message" -> fields.message(JsonLines.scalarText(parser, key));
      case "msg" -> fields.msg(JsonLines.scalarText(parser, key));
      case "md5" -> fields.md5(JsonLines.scalarText(parser, key));
      case "tags" -> tags(parser);
      case "additional_info" -> additionalInfo(parser);
      default -> other(parser, key);
    }
  }

  private static String timeText(JsonParser parser, String key) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING
        && token != JsonToken.VALUE_NUMBER_INT
        && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new RecordRejectedException(
          "field " + key + " must be a number or a string, got " + JsonLines.describe(token));
    }
    return parser.getText();
  }

  private void tags(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (JsonLines.isScalar(token)) {
      fields.tag(parser.getText());
    } else if (token == JsonToken.START_ARRAY) {
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (JsonLines.isScalar(token)) {
          fields.tag(parser.getText());
        } else if (token != JsonToken.VALUE_NULL) {
          throw new RecordRejectedException(
              "field tags must be a string or an array of strings, got an array holding "
                  + JsonLines.describe(token));
        }
      }
    } else if (token != JsonToken.VALUE_NULL) {
      throw new RecordRejectedException(
          "field tags must be a string or an array of strings, got " + JsonLines.describe(token));
    }
  }

  private void additionalInfo(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_OBJECT) {
      throw new RecordRejectedException(
          "field additional_info must be an object, got " + JsonLines.describe(token));
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      token = parser.nextToken();
      if (key.equals("message") && token == JsonToken.VALUE_STRING) {
        fields.additionalInfoMessage(parser.getText());
      } else {
        other(parser, key);
      }
    }
  }

  /** A field with no column of its own: a label if it names the emitter, else attributes. */
  private void other(JsonParser parser, String key) throws IOException {
    if (AppEventFields.LABEL_KEYS.contains(key) && JsonLines.isScalar(parser.currentToken())) {
      fields.label(key, parser.getText());
    } else {
      JsonLines.flatten(parser, key, fields.attributes());
    }
  }
}
