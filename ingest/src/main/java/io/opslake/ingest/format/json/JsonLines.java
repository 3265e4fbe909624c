package io.opslake.ingest.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.opslake.ingest.format.RecordRejectedException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;

/**
 * The one Jackson streaming factory of the JSON-lines parsers and the helpers they share: turning
 * a JSON value into flat attribute strings and a Jackson error into a one-line reject reason.
 *
 * <p>The factory keeps no source text in error locations (a 2 MB line must not end up in a
 * reason) and refuses documents nested deeper than {@link #MAX_DEPTH}, so the recursive helpers
 * here never recurse deeper than that either. A {@link JsonFactory} is thread-safe; parsers are
 * created per line, which is cheap (buffers are recycled per thread).
 */
public final class JsonLines {
  /** Deepest nesting accepted; deeper documents are rejected before they cost stack. */
  public static final int MAX_DEPTH = 64;

  private static final int MAX_DETAIL_LENGTH = 160;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();

  private JsonLines() {}

  /** A streaming parser over one line. */
  public static JsonParser parser(String line) throws IOException {
    return FACTORY.createParser(line);
  }

  /** A generator writing compact JSON into {@code out}. */
  public static JsonGenerator generator(Writer out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  /**
   * Stores the value at the parser's current token under {@code key}: scalars as their JSON text
   * (strings unquoted), objects flattened into {@code key.child} entries, arrays as compact JSON
   * text, nulls dropped. Leaves the parser on the value's last token.
   */
  public static void flatten(JsonParser parser, String key, Map<String, String> out)
      throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String child = key + '.' + parser.currentName();
        parser.nextToken();
        flatten(parser, child, out);
      }
    } else if (token == JsonToken.START_ARRAY) {
      out.put(key, compact(parser));
    } else if (token != JsonToken.VALUE_NULL) {
      out.put(key, parser.getText());
    }
  }

  /**
   * The array or object at the current token as compact JSON text, numbers exactly as written.
   * Leaves the parser on the closing token.
   */
  public static String compact(JsonParser parser) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      copy(parser, generator);
    }
    return text.toString();
  }

  private static void copy(JsonParser parser, JsonGenerator generator) throws IOException {
    int depth = 0;
    do {
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT -> {
          generator.writeStartObject();
          depth++;
        }
        case START_ARRAY -> {
          generator.writeStartArray();
          depth++;
        }
        case END_OBJECT -> {
          generator.writeEndObject();
          depth--;
        }
        case END_ARRAY -> {
          generator.writeEndArray();
          depth--;
        }
        case FIELD_NAME -> generator.writeFieldName(parser.currentName());
        case VALUE_STRING -> generator.writeString(parser.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
        case VALUE_TRUE -> generator.writeBoolean(true);
        case VALUE_FALSE -> generator.writeBoolean(false);
        case VALUE_NULL -> generator.writeNull();
        default -> generator.writeString(parser.getText());
      }
    } while (depth > 0 && parser.nextToken() != null);
  }

  /** Whether a value token is a string, number or boolean. */
  public static boolean isScalar(JsonToken token) {
    return token != null && token.isScalarValue() && token != JsonToken.VALUE_NULL;
  }

  /**
   * The text of a scalar value, or null for a JSON null. Anything else is a wrong type for a field
   * that holds one word, such as a hostname.
   *
   * @throws RecordRejectedException "field hostname must be a string, got an object"
   */
  public static String scalarText(JsonParser parser, String field) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!isScalar(token)) {
      throw new RecordRejectedException(
          "field " + field + " must be a string, got " + describe(token));
    }
    return parser.getText();
  }

  /** "an object", "an array", "a string", "a number", "a boolean" or "null". */
  /**
   * Reads the first token of a line and rejects the record unless it opens a JSON object: the
   * start every JSON-lines parser shares.
   */
  public static void requireObjectStart(JsonParser parser) throws IOException {
    JsonToken first;
    try {
      first = parser.nextToken();
    } catch (JsonProcessingException e) {
      throw new RecordRejectedException("not a JSON object: " + reason(e));
    }
    if (first != JsonToken.START_OBJECT) {
      throw new RecordRejectedException(
          first == null
              ? "not a JSON object: the line is empty"
              : "not a JSON object: the line holds " + describe(first));
    }
  }

  public static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  /**
   * Reads the rest of the line after the top-level value and rejects anything but whitespace.
   *
   * @throws RecordRejectedException "trailing data after the JSON object that ends at column 20"
   */
  public static void requireEnd(JsonParser parser) throws IOException {
    // Jackson's column points just past the closing brace
    int closingBrace = parser.currentLocation().getColumnNr() - 1;
    JsonToken trailing;
    try {
      trailing = parser.nextToken();
    } catch (JsonProcessingException e) {
      trailing = JsonToken.NOT_AVAILABLE;
    }
    if (trailing != null) {
      throw new RecordRejectedException(
          "trailing data after the JSON object that ends at column " + closingBrace);
    }
  }

  /**
   * A one-line reason for a Jackson error: its first clause and the column, e.g. "Unexpected
   * character ('x' (code 120)) at column 3"; nesting past the limit says so plainly.
   */
  public static String reason(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException && e.getOriginalMessage().toLowerCase(java.util.Locale.ROOT).contains("depth")) {
      return "JSON nests deeper than " + MAX_DEPTH + " levels" + column(e);
    }
    String message = e.getOriginalMessage();
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    int end = message.length();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      end = newline;
    }
    // Jackson's sentences go "what: expected what"; the first clause says enough
    int clause = message.indexOf(": ");
    if (clause > 0 && clause < end) {
      end = clause;
    }
    end = Math.min(end, MAX_DETAIL_LENGTH);
    return message.substring(0, end) + column(e);
  }

  private static String column(JsonProcessingException e) {
    return column(e.getLocation());
  }

  private static String column(JsonLocation location) {
    if (location == null || location.getColumnNr() <= 0) {
      return "";
    }
    return " at column " + location.getColumnNr();
  }
}
