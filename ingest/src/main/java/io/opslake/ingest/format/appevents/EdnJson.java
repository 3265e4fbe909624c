package io.opslake.ingest.format.appevents;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opslake.ingest.format.json.JsonLines;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import us.bpsm.edn.Named;

/**
 * Writes a value read by edn-java as the JSON an app-event producer would have sent, so EDN
 * events go through exactly the same field mapping as JSON events: maps become objects with
 * their keywords' names as keys ({@code :md5} → {@code "md5"}, {@code :a/b} → {@code "a/b"}),
 * vectors, lists and sets become arrays, {@code #inst} dates become ISO-8601 strings, keyword
 * and symbol values become their names, characters become one-character strings.
 */
final class EdnJson {
  private EdnJson() {}

  /** JSON text of a value whose nesting the caller has already bounded. */
  static String toJson(Object value) throws IOException {
    java.io.StringWriter text = new java.io.StringWriter();
    try (JsonGenerator generator = JsonLines.generator(text)) {
      write(value, generator);
    }
    return text.toString();
  }

  private static void write(Object value, JsonGenerator generator) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(name(entry.getKey()));
        write(entry.getValue(), generator);
      }
      generator.writeEndObject();
    } else if (value instanceof Collection<?> collection) {
      generator.writeStartArray();
      for (Object element : collection) {
        write(element, generator);
      }
      generator.writeEndArray();
    } else if (value instanceof String string) {
      generator.writeString(string);
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else if (value instanceof Long || value instanceof Integer) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double number && Double.isFinite(number)) {
      generator.writeNumber(number);
    } else if (value instanceof BigInteger number) {
      generator.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      generator.writeNumber(number);
    } else if (value instanceof Date date) {
      generator.writeString(date.toInstant().toString());
    } else {
      generator.writeString(name(value));
    }
  }

  /** Keywords and symbols without their colon; anything else as printed. */
  private static String name(Object key) {
    if (key instanceof Named named) {
      String prefix = named.getPrefix();
      return prefix == null || prefix.isEmpty() ? named.getName() : prefix + '/' + named.getName();
    }
    return String.valueOf(key);
  }
}
