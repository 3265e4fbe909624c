package io.opslake.ingest.format.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.ingest.format.EventTimes;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import io.opslake.ingest.format.snapshot.CaptureTime;
import io.opslake.ingest.format.snapshot.SnapshotClock;
import io.opslake.ingest.format.snapshot.Units;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses Kafka consumer-lag captures, read whole, in either of the two forms producers write (both
 * may share a file):
 *
 * <pre>
 *   # 2026-10-01T00:05:00Z
 *   Broker       | Topic  | P | Earliest | Latest  | Consumer | Current | Delta
 *   -------------+--------+---+----------+---------+----------+---------+-------
 *   kafka01:9092 | events | 5 | 0        | 1845112 | indexer  | 1824120 | 20.5KB
 *
 *   {"timestamp":"2026-10-01T00:05:00Z","delta.c02":176462124,"delta.c05":1220}
 * </pre>
 *
 * <p><b>Table</b> (a terminal monitor's output): columns by name from the header, any order
 * ({@code Topic} and {@code P} required). Per row {@code kafka.partition.lag} (gauge: {@code
 * Latest − Current} when both are offsets, else the printed {@code Delta} read as a binary size,
 * {@code 20.5KB} = 20992), {@code kafka.partition.latest_offset} and {@code
 * kafka.partition.consumer_offset} (counters), labelled {@code topic}, {@code partition}, {@code
 * consumer_group}, {@code broker}; the host is the broker without its port. Separator lines are
 * not records. The time comes from {@link SnapshotClock}.
 *
 * <p><b>Event</b>: one JSON object per line; every numeric {@code delta.<cluster>} field is one
 * {@code kafka.consumer.lag} gauge labelled {@code cluster}. The time is its {@code timestamp},
 * {@code @timestamp} or {@code ts} field, else the snapshot time; the host its {@code host} field,
 * else the file name's host.
 */
public final class KafkaLagParser implements RecordParser {
  static final String UNKNOWN_LINE =
      "line is neither a lag table row (cells separated by '|'), a JSON lag event nor a '# <time>' line";
  static final String NO_HEADER =
      "table row before the header line (expected 'Broker | Topic | P | Earliest | Latest | Consumer | Current | Delta')";

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final SnapshotClock clock;
  private final TimestampPolicy timestamps;
  private final String fileHost;
  private List<String> columns;

  public KafkaLagParser(ParseContext context) {
    this.clock = new SnapshotClock(context);
    this.timestamps = context.timestamps();
    this.fileHost = context.captureHost();
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    String trimmed = line.trim();
    if (trimmed.isEmpty() || isSeparator(trimmed)) {
      return;
    }
    try {
      if (CaptureTime.isTimeLine(trimmed)) {
        columns = null;
        clock.timeLine(trimmed);
      } else if (trimmed.charAt(0) == '{') {
        event(trimmed, line, lineNumber, sink);
      } else if (trimmed.indexOf('|') >= 0) {
        tableLine(trimmed, line, lineNumber, sink);
      } else {
        throw new RecordRejectedException(UNKNOWN_LINE);
      }
    } catch (RecordRejectedException | TimestampException e) {
      sink.reject(lineNumber, e.getMessage(), line);
    }
  }

  private void tableLine(String trimmed, String line, long lineNumber, RecordSink sink) {
    List<String> cells = cells(trimmed);
    List<String> lower = cells.stream().map(cell -> cell.toLowerCase(Locale.ROOT)).toList();
    if (lower.contains("topic") && (lower.contains("p") || lower.contains("partition"))) {
      columns = lower.stream().map(name -> name.equals("partition") ? "p" : name).toList();
      clock.header(lineNumber);
      return;
    }
    if (columns == null) {
      throw new RecordRejectedException(NO_HEADER);
    }
    if (cells.size() != columns.size()) {
      throw new RecordRejectedException(
          "row has " + cells.size() + " cells, the header has " + columns.size() + " (a truncated or damaged line)");
    }
    long tsMicros = clock.rowTime();
    String broker = cell(cells, "broker");
    String host = broker == null ? null : broker.contains(":") ? broker.substring(0, broker.lastIndexOf(':')) : broker;
    Map<String, String> labels = labels(cells, broker);
    String latest = cell(cells, "latest");
    String current = cell(cells, "current");
    String delta = cell(cells, "delta");
    emit(sink, lineNumber, line, () -> {
      double lag = isInteger(latest) && isInteger(current)
          ? Long.parseLong(latest) - Long.parseLong(current)
          : delta == null ? missing("Delta (or Latest and Current)") : Units.bytes(delta, "Delta");
      return new ParsedMetric(tsMicros, "kafka.partition.lag", lag, "messages", MetricKind.GAUGE, host, labels);
    });
    if (latest != null) {
      emit(sink, lineNumber, line, () -> new ParsedMetric(tsMicros, "kafka.partition.latest_offset",
          Units.plain(latest, "Latest"), "offset", MetricKind.COUNTER, host, labels));
    }
    if (current != null) {
      emit(sink, lineNumber, line, () -> new ParsedMetric(tsMicros, "kafka.partition.consumer_offset",
          Units.plain(current, "Current"), "offset", MetricKind.COUNTER, host, labels));
    }
  }

  private Map<String, String> labels(List<String> cells, String broker) {
    Map<String, String> labels = new java.util.HashMap<>();
    labels.put("topic", cell(cells, "topic"));
    labels.put("partition", cell(cells, "p"));
    String group = cell(cells, "consumer");
    if (group != null) {
      labels.put("consumer_group", group);
    }
    if (broker != null) {
      labels.put("broker", broker);
    }
    return Map.copyOf(labels);
  }

  private void event(String trimmed, String line, long lineNumber, RecordSink sink) {
    JsonNode document;
    try {
      document = JSON.readTree(trimmed);
    } catch (Exception e) {
      throw new RecordRejectedException("line is not a JSON document");
    }
    if (document == null || !document.isObject()) {
      throw new RecordRejectedException("line is not a JSON document");
    }
    long tsMicros = eventTime(document);
    JsonNode hostNode = document.hasNonNull("host") ? document.get("host") : document.get("hostname");
    String host = hostNode != null && hostNode.isTextual() ? hostNode.textValue() : fileHost;
    int found = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = document.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().startsWith("delta.") || field.getKey().length() == 6) {
        continue;
      }
      found++;
      String cluster = field.getKey().substring(6);
      JsonNode value = field.getValue();
      if (value.isNumber() && Double.isFinite(value.doubleValue())) {
        sink.metric(lineNumber, new ParsedMetric(tsMicros, "kafka.consumer.lag", value.doubleValue(), "messages",
            MetricKind.GAUGE, host, Map.of("cluster", cluster)));
      } else {
        sink.reject(lineNumber, "field " + field.getKey() + " is not a number", line);
      }
    }
    if (found == 0) {
      throw new RecordRejectedException("Kafka lag event has no delta.<cluster> fields");
    }
  }

  private long eventTime(JsonNode document) {
    for (String name : List.of("timestamp", "@timestamp", "ts")) {
      JsonNode node = document.get(name);
      if (node != null && !node.isNull()) {
        if (node.isNumber()) {
          return timestamps.fromEpoch(node.doubleValue());
        }
        return EventTimes.parse(timestamps, node.asText());
      }
    }
    return clock.rowTime();
  }

  /** One datapoint: emitted, or rejected alone when its value does not parse. */
  private static void emit(RecordSink sink, long lineNumber, String line, java.util.function.Supplier<ParsedMetric> metric) {
    try {
      sink.metric(lineNumber, metric.get());
    } catch (RecordRejectedException e) {
      sink.reject(lineNumber, e.getMessage(), line);
    }
  }

  private String cell(List<String> cells, String column) {
    int at = columns.indexOf(column);
    return at < 0 || cells.get(at).isEmpty() ? null : cells.get(at);
  }

  private static double missing(String what) {
    throw new RecordRejectedException("row has no " + what);
  }

  /** Cells between bars; a leading or trailing bar ({@code | a | b |}) adds no cell. */
  private static List<String> cells(String trimmed) {
    String inner = trimmed;
    if (inner.startsWith("|")) {
      inner = inner.substring(1);
    }
    if (inner.endsWith("|")) {
      inner = inner.substring(0, inner.length() - 1);
    }
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.trim());
    }
    return cells;
  }

  private static boolean isSeparator(String trimmed) {
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c != '-' && c != '+' && c != '=' && c != '|' && c != ' ') {
        return false;
      }
    }
    return true;
  }

  private static boolean isInteger(String text) {
    if (text == null || text.isEmpty() || text.length() > 18) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void finish(RecordSink sink) {
    // Every row is emitted as it is read.
  }
}
