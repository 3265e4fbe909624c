package io.opslake.ingest.format.hoststats;

import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code vmstat [-a] [-t] [delay [count]]}: a title line ({@code procs ---memory--- ...}),
 * a column line ({@code  r  b   swpd   free ...}) and one or more rows. Values map to columns by
 * name, so any column set and order is read; memory columns are KiB (vmstat's default unit) and
 * stored as bytes. A row is at the snapshot's time plus its index times the header's {@code
 * interval} (default 1 s, as in {@code vmstat 1 N}); with {@code -t} (a trailing {@code UTC}
 * column) the row's own time is used. A row with another number of values than columns, or a
 * value that is not a number, is one rejected record.
 */
final class VmstatReader implements ToolReader {
  private record Column(String metric, String unit, long factor) {}

  private static final Map<String, Column> KNOWN = Map.ofEntries(
      Map.entry("r", new Column("host.vmstat.procs.runnable", "count", 1)),
      Map.entry("b", new Column("host.vmstat.procs.blocked", "count", 1)),
      Map.entry("swpd", new Column("host.vmstat.memory.swapped", "bytes", 1024)),
      Map.entry("free", new Column("host.vmstat.memory.free", "bytes", 1024)),
      Map.entry("buff", new Column("host.vmstat.memory.buffers", "bytes", 1024)),
      Map.entry("cache", new Column("host.vmstat.memory.cache", "bytes", 1024)),
      Map.entry("inact", new Column("host.vmstat.memory.inactive", "bytes", 1024)),
      Map.entry("active", new Column("host.vmstat.memory.active", "bytes", 1024)),
      Map.entry("si", new Column("host.vmstat.swap.in", "bytes/s", 1024)),
      Map.entry("so", new Column("host.vmstat.swap.out", "bytes/s", 1024)),
      Map.entry("bi", new Column("host.vmstat.io.blocks_in", "blocks/s", 1)),
      Map.entry("bo", new Column("host.vmstat.io.blocks_out", "blocks/s", 1)),
      Map.entry("in", new Column("host.vmstat.system.interrupts", "1/s", 1)),
      Map.entry("cs", new Column("host.vmstat.system.context_switches", "1/s", 1)),
      Map.entry("us", new Column("host.vmstat.cpu.user", "percent", 1)),
      Map.entry("sy", new Column("host.vmstat.cpu.system", "percent", 1)),
      Map.entry("id", new Column("host.vmstat.cpu.idle", "percent", 1)),
      Map.entry("wa", new Column("host.vmstat.cpu.iowait", "percent", 1)),
      Map.entry("st", new Column("host.vmstat.cpu.steal", "percent", 1)),
      Map.entry("gu", new Column("host.vmstat.cpu.guest", "percent", 1)));

  private List<Column> columns;
  private List<String> names;
  private boolean rowTimes;
  private int rowIndex;

  @Override
  public void accept(String line, long lineNumber, Snapshot snapshot) {
    String trimmed = line.trim();
    if (trimmed.startsWith("procs ")) {
      return;
    }
    List<String> tokens = Columns.split(line);
    if (tokens.contains("r") && tokens.contains("b") && !Character.isDigit(tokens.get(0).charAt(0))) {
      readColumns(tokens);
      return;
    }
    if (columns == null) {
      snapshot.reject(lineNumber, "vmstat row before its column line (' r  b   swpd   free ...')", line);
      return;
    }
    int expected = columns.size() + (rowTimes ? 2 : 0);
    if (tokens.size() != expected) {
      snapshot.reject(lineNumber,
          "vmstat row has " + tokens.size() + " values, the column line names " + expected, line);
      return;
    }
    List<Point> points = new ArrayList<>(columns.size());
    try {
      Long at = rowTime(tokens, snapshot);
      for (int i = 0; i < columns.size(); i++) {
        Column column = columns.get(i);
        double value;
        try {
          value = Sizes.number(tokens.get(i)) * column.factor();
        } catch (HostStatsRejection e) {
          throw new HostStatsRejection("vmstat value in column '" + names.get(i) + "': " + e.getMessage());
        }
        points.add(new Point(column.metric(), value, column.unit(), MetricKind.GAUGE,
            Map.of(), at));
      }
    } catch (HostStatsRejection | TimestampException e) {
      snapshot.reject(lineNumber, e.getMessage(), line);
      return;
    }
    rowIndex++;
    snapshot.row(lineNumber, line, points);
  }

  private void readColumns(List<String> tokens) {
    columns = new ArrayList<>();
    names = new ArrayList<>();
    rowTimes = false;
    for (int i = 0; i < tokens.size(); i++) {
      String name = tokens.get(i);
      boolean last = i == tokens.size() - 1;
      if (last && !KNOWN.containsKey(name) && name.equals(name.toUpperCase(java.util.Locale.ROOT))) {
        // vmstat -t ends the column line with the time zone of its "date time" row suffix.
        rowTimes = true;
        continue;
      }
      Column known = KNOWN.get(name);
      columns.add(known != null ? known : new Column("host.vmstat." + name, null, 1));
      names.add(name);
    }
  }

  private Long rowTime(List<String> tokens, Snapshot snapshot) {
    if (rowTimes) {
      int n = tokens.size();
      return snapshot.rowTime(tokens.get(n - 2) + "T" + tokens.get(n - 1) + "Z");
    }
    Long base = snapshot.timeMicros();
    return base == null ? null : base + rowIndex * snapshot.intervalMicros();
  }
}
