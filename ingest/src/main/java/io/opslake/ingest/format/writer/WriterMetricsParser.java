package io.opslake.ingest.format.writer;

import com.fasterxml.jackson.databind.JsonNode;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import io.opslake.ingest.format.snapshot.JsonSnapshotLine;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses writer instrumentation events, one JSON object per line:
 *
 * <pre>
 *   {"ts":"2026-10-01T00:05:00Z","pid":4242,"host":"idx01","name":"EventIndexer@1b7554d4",
 *    "Interval":{"tSecs":10,"EventIndexed":{"cnt":1200,"rate":120.0}, ...},
 *    "MultiInterval":{"tSecs":60, ...},"LifeTime":{"EventIndexed":{"cnt":98231,"rate":101.7}, ...}}
 * </pre>
 *
 * For every window section ({@code Interval}, {@code MultiInterval}, {@code LifeTime}) and counter
 * it emits {@code writer.<Counter>.count} ({@code cnt}: a counter in {@code LifeTime}, a gauge, the
 * count within the window, otherwise) and {@code writer.<Counter>.rate} ({@code rate}, kind rate,
 * per second), counter names kept as the producer writes them. Labels: {@code window}
 * (interval, multi_interval, lifetime), {@code window_seconds} (the section's {@code tSecs}, when
 * given), {@code instance} (the {@code name} as written), {@code component} (the name before
 * {@code @}), {@code scope} ({@code thread} when the name has an {@code @identity}, else {@code
 * process}) and {@code pid}. Host: the {@code host} field, else the file name's host. Time: a
 * {@code ts}, {@code timestamp} or {@code @timestamp} field, else a capture time in front of the
 * object.
 *
 * <p>A line that is not a JSON object, has no time or no window section is one rejected record;
 * a counter that is not an object, or a non-numeric {@code cnt} / {@code rate}, rejects that value
 * alone. Blank lines are not records.
 */
public final class WriterMetricsParser implements RecordParser {
  static final String NO_TIME =
      "writer metrics event has no time (expected a ts, timestamp or @timestamp field, a capture time before the JSON,"
          + " --capture-time or a time in the file name)";
  static final String NO_WINDOWS = "writer metrics event has no Interval, MultiInterval or LifeTime section";

  private static final Map<String, String> WINDOWS =
      Map.of("Interval", "interval", "MultiInterval", "multi_interval", "LifeTime", "lifetime");
  private static final List<String> WINDOW_ORDER = List.of("Interval", "MultiInterval", "LifeTime");

  private final TimestampPolicy timestamps;
  private final String fileHost;
  private final Long captureTime;

  public WriterMetricsParser(ParseContext context) {
    this.timestamps = context.timestamps();
    this.fileHost = context.captureHost();
    this.captureTime = context.captureTimeMicros();
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    if (line.isBlank()) {
      return;
    }
    try {
      JsonSnapshotLine parsed = JsonSnapshotLine.parse(line);
      JsonNode document = parsed.document();
      if (WINDOW_ORDER.stream().noneMatch(window -> document.path(window).isObject())) {
        throw new RecordRejectedException(NO_WINDOWS);
      }
      long tsMicros = parsed.time(timestamps, captureTime, NO_TIME);
      Map<String, String> header = header(document);
      String host = document.path("host").isTextual() ? document.get("host").textValue() : fileHost;
      for (String window : WINDOW_ORDER) {
        JsonNode section = document.path(window);
        if (section.isObject()) {
          section(section, window, tsMicros, host, header, line, lineNumber, sink);
        }
      }
    } catch (RecordRejectedException | TimestampException e) {
      sink.reject(lineNumber, e.getMessage(), line);
    }
  }

  private static Map<String, String> header(JsonNode document) {
    Map<String, String> labels = new HashMap<>();
    JsonNode name = document.path("name");
    if (name.isTextual()) {
      String instance = name.textValue();
      int at = instance.indexOf('@');
      labels.put("instance", instance);
      labels.put("component", at < 0 ? instance : instance.substring(0, at));
      labels.put("scope", at < 0 ? "process" : "thread");
    }
    if (document.path("pid").isValueNode()) {
      labels.put("pid", document.get("pid").asText());
    }
    return labels;
  }

  private static void section(JsonNode section, String window, long tsMicros, String host, Map<String, String> header,
      String line, long lineNumber, RecordSink sink) {
    Map<String, String> labels = new HashMap<>(header);
    labels.put("window", WINDOWS.get(window));
    if (section.path("tSecs").isNumber()) {
      labels.put("window_seconds", section.get("tSecs").asText());
    }
    Map<String, String> frozen = Map.copyOf(labels);
    MetricKind countKind = "LifeTime".equals(window) ? MetricKind.COUNTER : MetricKind.GAUGE;
    Iterator<Map.Entry<String, JsonNode>> counters = section.fields();
    while (counters.hasNext()) {
      Map.Entry<String, JsonNode> counter = counters.next();
      String name = counter.getKey();
      if ("tSecs".equals(name)) {
        continue;
      }
      JsonNode values = counter.getValue();
      if (!values.isObject()) {
        sink.reject(lineNumber, window + "." + name + " is not an object with cnt and rate", line);
        continue;
      }
      boolean bytes = name.endsWith("Bytes");
      value(values, "cnt", window, name, lineNumber, line, sink, value -> new ParsedMetric(
          tsMicros, "writer." + name + ".count", value, bytes ? "bytes" : "events", countKind, host, frozen));
      value(values, "rate", window, name, lineNumber, line, sink, value -> new ParsedMetric(
          tsMicros, "writer." + name + ".rate", value, bytes ? "bytes/s" : "events/s", MetricKind.RATE, host, frozen));
    }
  }

  private static void value(JsonNode values, String field, String window, String counter, long lineNumber, String line,
      RecordSink sink, java.util.function.DoubleFunction<ParsedMetric> metric) {
    JsonNode node = values.get(field);
    if (node == null) {
      return;
    }
    if (node.isNumber() && Double.isFinite(node.doubleValue())) {
      sink.metric(lineNumber, metric.apply(node.doubleValue()));
    } else {
      sink.reject(lineNumber, window + "." + counter + "." + field + " is not a number", line);
    }
  }

  @Override
  public void finish(RecordSink sink) {
    // Single-line format: nothing is buffered.
  }
}
