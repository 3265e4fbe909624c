package io.opslake.ingest.format.hoststats;

import io.opslake.ingest.format.EventTimes;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import io.opslake.ingest.format.capture.CaptureName;
import io.opslake.ingest.format.capture.CaptureOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses host statistics captures: the output of {@code vmstat}, {@code free}, {@code df}, {@code
 * top} (summary lines) and {@code lsof}, as an operator saves it. A capture file holds one or more
 * snapshots of one tool; each snapshot is preceded by a header line
 *
 * <pre>
 *   # host=dc0-api01 time=2026-10-01T00:05:00Z tool=vmstat [interval=5]
 * </pre>
 *
 * or the file is named after the capture ({@code lsof_app-3_2025-11-15T10-00-00Z.txt}, {@code
 * <host>.<tool>[.<time>].txt[.gz]}; the rule is {@link CaptureName}'s). Host and time come from
 * {@code --host} / {@code --capture-time}, else the header, else the file name; the tool from the
 * header, else the file name, and the snapshot's title line wins over both, so raw {@code lsof},
 * {@code df} or {@code vmstat} output without a header ingests when its name carries the time. A title line of a snapshot that already has one starts a new snapshot
 * (a file of concatenated captures without headers), which then takes host and time from the file
 * name. See docs/metrics.md, "Snapshot formats: host statistics", for the metrics of each tool
 * ({@link VmstatReader}, {@link FreeReader}, {@link DfReader}, {@link TopReader}, {@link
 * LsofReader}).
 *
 * <p>Records: every metric value is one record, every rejected row one (lsof: every count, every
 * bad line). Rows of a snapshot without a time, with an implausible time, or repeating a snapshot
 * of the same tool, host and time already read in the file, are rejected one record per row with
 * the reason. Blank lines, {@code #} comments, title and column lines are not records.
 *
 * <p>Cost: one pass, no regular expressions on rows; memory is one lsof snapshot's counts. The
 * format is read whole ({@code WHOLE_FILE}), since rows mean nothing without their header.
 */
public final class HostStatsParser implements RecordParser {
  static final String NO_TIME = "snapshot has no time: pass --capture-time, write a header line"
      + " '# host=<host> time=<ISO-8601> tool=<tool>' before it, or put the time in the file name"
      + " (<tool>_<host>_2025-11-15T10-00-00Z.txt or <host>.<tool>.20251115T100000Z.txt)";
  static final String NO_TOOL = "line before any snapshot that names its tool: write a header line"
      + " '# host=<host> time=<ISO-8601> tool=vmstat|free|df|top|lsof' or name the file <tool>_<host>_<time>.txt"
      + " or <host>.<tool>.txt";

  private final TimestampPolicy timestamps;
  private final CaptureOptions options;
  private final CaptureName fileName;
  private final Map<String, Long> seen = new HashMap<>();
  private SnapshotHeader header;
  private long headerLine;
  private Snapshot current;

  public HostStatsParser(ParseContext context) {
    this.timestamps = context.timestamps();
    this.options = context.capture();
    this.fileName = context.captureName();
  }

  /**
   * Whether a file whose first non-blank line is {@code line} is a host statistics capture: a
   * snapshot header naming a known tool, or a tool's title line. Used by the format detector.
   */
  public static boolean startsCapture(String line) {
    return isSnapshotHeader(line) || Tool.ofTitle(line).isPresent();
  }

  /** Whether {@code line} is a snapshot header naming one of the tools this parser reads. */
  public static boolean isSnapshotHeader(String line) {
    SnapshotHeader header = SnapshotHeader.parse(line);
    return header != null && header.tool() != null && Tool.fromId(header.tool()).isPresent();
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    if (line.isBlank()) {
      if (current != null) {
        current.blank();
      }
      return;
    }
    SnapshotHeader next = SnapshotHeader.parse(line);
    if (next != null) {
      endSnapshot();
      header = next;
      headerLine = lineNumber;
      return;
    }
    if (line.trim().startsWith("#")) {
      return;
    }
    Optional<Tool> title = Tool.ofTitle(line);
    if (title.isPresent() && (current == null || current.titled() && !continuesVmstat(title.get()))) {
      boolean afterHeader = current == null && header != null;
      endSnapshot();
      current = start(title.get(), afterHeader ? header : null, lineNumber, sink);
      header = null;
    } else if (current == null) {
      Tool tool = toolOf(header);
      if (tool == null) {
        sink.reject(lineNumber, NO_TOOL, line);
        return;
      }
      current = start(tool, header, lineNumber, sink);
      header = null;
    }
    current.accept(line, lineNumber);
  }

  @Override
  public void finish(RecordSink sink) {
    endSnapshot();
  }

  /** vmstat repeats its title and column lines every screenful; that is the same snapshot. */
  private boolean continuesVmstat(Tool title) {
    return title == Tool.VMSTAT && current.tool() == Tool.VMSTAT;
  }

  private void endSnapshot() {
    if (current != null) {
      current.end();
      current = null;
    }
  }

  private Tool toolOf(SnapshotHeader snapshotHeader) {
    if (snapshotHeader != null && snapshotHeader.tool() != null) {
      return Tool.fromId(snapshotHeader.tool()).orElse(null);
    }
    return fileName.kind() == null ? null : Tool.fromId(fileName.kind()).orElse(null);
  }

  private Snapshot start(Tool tool, SnapshotHeader snapshotHeader, long lineNumber, RecordSink sink) {
    String host = options.host() != null ? options.host()
        : snapshotHeader != null && snapshotHeader.host() != null ? snapshotHeader.host() : fileName.host();
    String time = options.time() != null ? options.time().toString()
        : snapshotHeader != null && snapshotHeader.time() != null ? snapshotHeader.time()
        : fileName.timeMicros() != null ? Instant.EPOCH.plus(fileName.timeMicros(), ChronoUnit.MICROS).toString() : null;
    long interval = 1_000_000L;
    Long micros = null;
    String problem = null;
    try {
      if (snapshotHeader != null && snapshotHeader.interval() != null) {
        interval = Math.round(Sizes.number(snapshotHeader.interval()) * 1_000_000d);
      }
      if (time == null) {
        problem = NO_TIME;
      } else {
        micros = EventTimes.parse(timestamps, time);
      }
    } catch (TimestampException e) {
      problem = "snapshot time: " + e.getMessage();
    } catch (HostStatsRejection e) {
      problem = "snapshot interval: " + e.getMessage();
    }
    if (micros != null && problem == null) {
      String key = tool.id() + '\u0000' + host + '\u0000' + micros;
      Long first = seen.putIfAbsent(key, snapshotHeader != null ? headerLine : lineNumber);
      if (first != null) {
        problem = "snapshot repeats the " + tool.id() + " snapshot of " + host + " at " + time + " read at line " + first;
      }
    }
    return new Snapshot(tool, host, micros, problem, NO_TIME.equals(problem), interval, timestamps, sink);
  }
}
