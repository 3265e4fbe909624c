package io.opslake.ingest.format.dcos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code dimensions} of a DC/OS metrics document as labels shared by all its datapoints,
 * plus the host ({@code dimensions.hostname}), which is a column of its own rather than a label.
 */
record Dimensions(String hostname, Map<String, String> labels) {
  private static final Dimensions NONE = new Dimensions(null, Map.of());

  static Dimensions of(JsonNode dimensions) {
    if (dimensions == null || !dimensions.isObject() || dimensions.isEmpty()) {
      return NONE;
    }
    Map<String, String> labels = new HashMap<>();
    Flattening.into(labels, "", dimensions);
    String hostname = labels.remove("hostname");
    return new Dimensions(hostname == null || hostname.isEmpty() ? null : hostname, Map.copyOf(labels));
  }
}
