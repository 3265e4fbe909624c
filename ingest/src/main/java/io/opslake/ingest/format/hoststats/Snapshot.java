package io.opslake.ingest.format.hoststats;

import io.opslake.ingest.format.EventTimes;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One snapshot being read: its tool, host and time, and the sink its rows go to. A row becomes
 * one metric per value at the snapshot's time (or its own), with the labels {@code tool} and the
 * row's own; when the snapshot cannot be used (no time, an implausible time, a repeat of a
 * snapshot already read) each row becomes one rejection carrying {@link #problem()}.
 */
final class Snapshot {
  private final Tool tool;
  private final String host;
  private final Long timeMicros;
  private final String problem;
  private final long intervalMicros;
  private final boolean rowTimesAllowed;
  private final TimestampPolicy timestamps;
  private final RecordSink sink;
  private final ToolReader reader;
  private boolean titled;

  /**
   * @param timeMicros the snapshot's time, or null
   * @param problem why its rows are rejected (no or a bad time, a repeat), or null
   * @param rowTimesAllowed whether rows with their own time (vmstat -t) are kept despite {@code
   *     problem}: true when the only problem is a missing time
   */
  Snapshot(Tool tool, String host, Long timeMicros, String problem, boolean rowTimesAllowed, long intervalMicros,
      TimestampPolicy timestamps, RecordSink sink) {
    this.tool = tool;
    this.host = host;
    this.timeMicros = problem == null ? timeMicros : null;
    this.problem = problem;
    this.rowTimesAllowed = rowTimesAllowed;
    this.intervalMicros = intervalMicros;
    this.timestamps = timestamps;
    this.sink = sink;
    this.reader = readerFor(tool);
  }

  private static ToolReader readerFor(Tool tool) {
    return switch (tool) {
      case VMSTAT -> new VmstatReader();
      case FREE -> new FreeReader();
      case DF -> new DfReader();
      case TOP -> new TopReader();
      case LSOF -> new LsofReader();
    };
  }

  Tool tool() {
    return tool;
  }

  /** The snapshot's time, or null when {@link #problem()} says why there is none. */
  Long timeMicros() {
    return timeMicros;
  }

  /** Why the rows of this snapshot are rejected, or null when they are not. */
  String problem() {
    return problem;
  }

  long intervalMicros() {
    return intervalMicros;
  }

  /** A row's own time ({@code 2026-10-01 00:05:00} from vmstat -t), validated like any timestamp. */
  long rowTime(String text) {
    return EventTimes.parse(timestamps, text);
  }

  boolean titled() {
    return titled;
  }

  void accept(String line, long lineNumber) {
    if (Tool.ofTitle(line).isPresent()) {
      titled = true;
    }
    reader.accept(line, lineNumber, this);
  }

  void blank() {
    reader.blank();
  }

  void end() {
    reader.end(this);
  }

  /** One data row and its values: one metric per value, or one rejection for the whole row. */
  void row(long lineNumber, String raw, List<Point> points) {
    if (points.isEmpty()) {
      reject(lineNumber, tool.id() + " row has no values", raw);
      return;
    }
    for (Point point : points) {
      if (point.tsMicros() == null && timeMicros == null || point.tsMicros() != null && problem != null && !rowTimesAllowed) {
        reject(lineNumber, problem, raw);
        return;
      }
    }
    for (Point point : points) {
      Map<String, String> labels = new HashMap<>(point.labels());
      labels.put("tool", tool.id());
      long at = point.tsMicros() == null ? timeMicros : point.tsMicros();
      sink.metric(lineNumber, new ParsedMetric(at, point.name(), point.value(), point.unit(), point.kind(), host,
          Map.copyOf(labels)));
    }
  }

  void reject(long lineNumber, String reason, String raw) {
    sink.reject(lineNumber, reason, raw);
  }
}
