package io.opslake.ingest.format.dcos;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses DC/OS metrics API documents, one JSON document per line:
 *
 * <pre>
 *   {"datapoints":[{"name":"cpu.total","value":4.2,"unit":"percent","timestamp":"2026-10-01T00:00:00.184011215Z",
 *                   "tags":{"container_id":"..."}}, ...],
 *    "dimensions":{"mesos_id":"...","hostname":"10.0.0.1","labels":{"k":"v"}, ...}}
 * </pre>
 *
 * Every datapoint is one record and one {@link ParsedMetric} of kind {@link MetricKind#GAUGE}: the
 * API does not say whether a value is a counter, and guessing from names such as {@code .total}
 * would be wrong as often as right, so kinds are left to the analytics. Labels are the document's
 * dimensions (scalars as text; {@code labels.k} flattened to {@code label.k}, any other nested
 * object to {@code key.sub}; {@code hostname} becomes the metric's host instead) overlaid by the
 * datapoint's own tags. An empty unit is stored as null; otherwise the unit is kept as written.
 * The timestamp may be ISO-8601 text or an epoch number of any unit.
 *
 * <p>A bad datapoint (no name, no or non-numeric value, bad timestamp) is rejected alone with its
 * own JSON as raw text. A line that is not a JSON object, has no {@code datapoints} array or an
 * empty one is one rejected record. Blank lines are not records.
 *
 * <p>Cost: one Jackson tree per line; documents are small (tens of datapoints).
 */
public final class DcosMetricsParser implements RecordParser {
  static final String NOT_JSON = "line is not a JSON document";
  static final String NO_DATAPOINTS = "DC/OS metrics document has no datapoints array";
  static final String EMPTY_DATAPOINTS = "DC/OS metrics document has an empty datapoints array";

  private static final ObjectMapper JSON = new ObjectMapper(
      JsonFactory.builder()
          // DC/OS agents never write NaN, but other exporters of the same shape do; it is then
          // one rejected datapoint rather than a rejected document.
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build())
      // "{...} garbage" is a damaged line, not a document.
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final TimestampPolicy timestamps;

  public DcosMetricsParser(ParseContext context) {
    this.timestamps = context.timestamps();
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    if (line.isBlank()) {
      return;
    }
    JsonNode document;
    try {
      document = JSON.readTree(line);
    } catch (JsonProcessingException | RuntimeException e) {
      sink.reject(lineNumber, NOT_JSON, line);
      return;
    }
    if (document == null || !document.isObject()) {
      sink.reject(lineNumber, NOT_JSON, line);
      return;
    }
    JsonNode datapoints = document.get("datapoints");
    if (datapoints == null || !datapoints.isArray()) {
      sink.reject(lineNumber, NO_DATAPOINTS, line);
      return;
    }
    if (datapoints.isEmpty()) {
      sink.reject(lineNumber, EMPTY_DATAPOINTS, line);
      return;
    }
    Dimensions dimensions = Dimensions.of(document.get("dimensions"));
    int position = 0;
    for (JsonNode datapoint : datapoints) {
      position++;
      try {
        sink.metric(lineNumber, metric(datapoint, position, dimensions));
      } catch (DatapointRejection | TimestampException e) {
        sink.reject(lineNumber, e.getMessage(), datapoint.toString());
      }
    }
  }

  @Override
  public void finish(RecordSink sink) {
    // Single-line format: nothing is buffered.
  }

  private ParsedMetric metric(JsonNode datapoint, int position, Dimensions dimensions) {
    if (!datapoint.isObject()) {
      throw new DatapointRejection("datapoint #" + position + " is not a JSON object");
    }
    String name = text(datapoint.get("name"));
    if (name == null || name.isBlank()) {
      throw new DatapointRejection("datapoint #" + position + " has no name");
    }
    JsonNode valueNode = datapoint.get("value");
    if (valueNode == null || valueNode.isNull()) {
      throw new DatapointRejection("datapoint " + name + " has no value");
    }
    if (!valueNode.isNumber()) {
      throw new DatapointRejection("datapoint " + name + " has a non-numeric value " + abbreviate(valueNode.toString()));
    }
    double value = valueNode.doubleValue();
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new DatapointRejection("datapoint " + name + " has a non-finite value " + value);
    }
    long tsMicros;
    try {
      tsMicros = timestamp(datapoint.get("timestamp"));
    } catch (TimestampException e) {
      throw new DatapointRejection("datapoint " + name + ": " + e.getMessage());
    }
    String unit = text(datapoint.get("unit"));
    Map<String, String> labels = dimensions.labels();
    JsonNode tags = datapoint.get("tags");
    if (tags != null && tags.isObject() && !tags.isEmpty()) {
      Map<String, String> merged = new HashMap<>(labels);
      Flattening.into(merged, "", tags);
      labels = Map.copyOf(merged);
    }
    return new ParsedMetric(
        tsMicros, name, value, unit == null || unit.isEmpty() ? null : unit, MetricKind.GAUGE, dimensions.hostname(), labels);
  }

  private long timestamp(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new TimestampException("timestamp is missing");
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return timestamps.fromEpoch(node.longValue());
    }
    if (node.isNumber()) {
      return timestamps.fromEpoch(node.doubleValue());
    }
    if (node.isTextual()) {
      return timestamps.parseText(node.textValue());
    }
    throw new TimestampException("timestamp " + abbreviate(node.toString()) + " is neither text nor a number");
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return null;
    }
    return node.asText();
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** Ends the parsing of one datapoint; its message is the quarantine reason. */
  private static final class DatapointRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatapointRejection(String reason) {
      super(reason, null, false, false);
    }
  }
}
