package io.opslake.ingest.format.elasticsearch;

import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import io.opslake.ingest.format.snapshot.CaptureTime;
import io.opslake.ingest.format.snapshot.SnapshotClock;
import io.opslake.ingest.format.snapshot.Units;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Elasticsearch {@code _cat/shards?v} text snapshots, read whole (rows need the header and
 * the capture time):
 *
 * <pre>
 *   # 2026-10-01T00:05:00Z
 *   index  shard prirep state   docs   store  ip        node indexing.index_total indexing.index_time
 *   events 0     p      STARTED 120345 12.3mb 10.0.3.11 es01 845112               3.1m
 * </pre>
 *
 * Columns are found by name in the header, so any order and any subset works as long as {@code
 * index} and {@code shard} are there. Each row gives one datapoint per metric column present:
 * {@code es.shard.docs} (gauge), {@code es.shard.store_bytes} (gauge, sizes such as {@code 1.2gb}),
 * {@code es.shard.indexing.index_total} (counter) and {@code es.shard.indexing.index_time_ms}
 * (counter, durations such as {@code 1.2h} or plain milliseconds), labelled {@code index}, {@code
 * shard} and, when present, {@code prirep}, {@code ip}, {@code node}; the host is the {@code node}.
 * Other columns are ignored. The time comes from {@link SnapshotClock}.
 *
 * <p>A row whose column count differs from the header's (a truncated line, an unassigned shard
 * whose values are blank) is one rejected record; a value that does not parse rejects that
 * datapoint alone. Blank lines are not records.
 *
 * <p>Cost: one whitespace split per line.
 */
public final class EsShardsParser implements RecordParser {
  static final String NO_HEADER =
      "row before the _cat/shards header line (expected a line naming the columns, e.g. 'index shard prirep state docs store ip node')";

  /** A metric column: its header name, the metric name, kind and unit. */
  private record MetricColumn(String header, String metric, MetricKind kind, String unit) {}

  private static final List<MetricColumn> METRICS = List.of(
      new MetricColumn("docs", "es.shard.docs", MetricKind.GAUGE, "documents"),
      new MetricColumn("store", "es.shard.store_bytes", MetricKind.GAUGE, "bytes"),
      new MetricColumn("indexing.index_total", "es.shard.indexing.index_total", MetricKind.COUNTER, "requests"),
      new MetricColumn("indexing.index_time", "es.shard.indexing.index_time_ms", MetricKind.COUNTER, "ms"));
  private static final List<String> LABELS = List.of("index", "shard", "prirep", "ip", "node");

  private final SnapshotClock clock;
  private List<String> columns;

  public EsShardsParser(ParseContext context) {
    this.clock = new SnapshotClock(context);
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    String trimmed = line.trim();
    if (trimmed.isEmpty()) {
      return;
    }
    try {
      if (CaptureTime.isTimeLine(trimmed)) {
        columns = null;
        clock.timeLine(trimmed);
        return;
      }
      List<String> cells = Arrays.asList(trimmed.split("\\s+"));
      if (cells.contains("index") && cells.contains("shard")) {
        columns = cells;
        clock.header(lineNumber);
        return;
      }
      row(cells, line, lineNumber, sink);
    } catch (RecordRejectedException | TimestampException e) {
      sink.reject(lineNumber, e.getMessage(), line);
    }
  }

  private void row(List<String> cells, String line, long lineNumber, RecordSink sink) {
    if (columns == null) {
      throw new RecordRejectedException(NO_HEADER);
    }
    if (cells.size() != columns.size()) {
      String state = columns.indexOf("state") >= 0 && columns.indexOf("state") < cells.size() ? cells.get(columns.indexOf("state")) : "";
      throw new RecordRejectedException(
          "row has " + cells.size() + " columns, the header has " + columns.size()
              + ("UNASSIGNED".equals(state) ? " (an unassigned shard has no values)" : " (a truncated or damaged line)"));
    }
    long tsMicros = clock.rowTime();
    Map<String, String> labels = new HashMap<>();
    for (String label : LABELS) {
      int at = columns.indexOf(label);
      if (at >= 0) {
        labels.put(label, cells.get(at));
      }
    }
    String host = labels.get("node");
    List<MetricColumn> present = new ArrayList<>();
    for (MetricColumn metric : METRICS) {
      if (columns.contains(metric.header())) {
        present.add(metric);
      }
    }
    if (present.isEmpty()) {
      throw new RecordRejectedException("the header names none of the metric columns docs, store, indexing.index_total, indexing.index_time");
    }
    Map<String, String> frozen = Map.copyOf(labels);
    for (MetricColumn metric : present) {
      String text = cells.get(columns.indexOf(metric.header()));
      try {
        double value = switch (metric.header()) {
          case "store" -> Units.bytes(text, "store");
          case "indexing.index_time" -> Units.millis(text, "indexing.index_time");
          default -> Units.plain(text, metric.header());
        };
        sink.metric(lineNumber, new ParsedMetric(tsMicros, metric.metric(), value, metric.unit(), metric.kind(), host, frozen));
      } catch (RecordRejectedException e) {
        sink.reject(lineNumber, e.getMessage(), line);
      }
    }
  }

  @Override
  public void finish(RecordSink sink) {
    // Every row is emitted as it is read.
  }
}
