package io.opslake.ingest.format.dcos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Flattens a JSON object into string labels: scalars as text, nested objects as dotted keys, with
 * DC/OS's {@code labels} object written as {@code label.k} (one label per task label).
 * Nulls and arrays are skipped: neither is a label value.
 */
final class Flattening {
  private Flattening() {}

  static void into(Map<String, String> target, String prefix, JsonNode object) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        String nested = prefix.isEmpty() && "labels".equals(field.getKey()) ? "label" : prefix + field.getKey();
        into(target, nested + ".", value);
      } else if (value.isValueNode() && !value.isNull()) {
        target.put(prefix + field.getKey(), value.asText());
      }
    }
  }
}
