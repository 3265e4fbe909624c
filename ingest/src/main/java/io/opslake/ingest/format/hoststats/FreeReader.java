package io.opslake.ingest.format.hoststats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code free [-h] [-t] [-l]}: a column line ({@code total used free shared buff/cache
 * available}, or the older {@code ... buffers cached}) and rows labelled {@code Mem:}, {@code
 * Swap:}, {@code Total:}, {@code Low:}, {@code High:} and {@code -/+ buffers/cache:}. Values map to
 * the columns in order ({@code Swap:} has only the first three); sizes with a suffix ({@code
 * 1.2Gi}, {@code 512M}, {@code 0B}) are read by {@link Sizes}, plain numbers are KiB (free's
 * default). Metrics are {@code <prefix>.<column>} in bytes, e.g. {@code host.mem.used}, {@code
 * host.swap.free}, {@code host.mem.buff_cache}. A row with fewer than three or more values than
 * columns, an unknown label, or a value that is not a size, is one rejected record.
 */
final class FreeReader implements ToolReader {
  private static final Map<String, String> PREFIXES = Map.of(
      "Mem:", "host.mem",
      "Swap:", "host.swap",
      "Total:", "host.mem_and_swap",
      "Low:", "host.mem.low",
      "High:", "host.mem.high",
      "-/+ buffers/cache:", "host.mem.without_buffers_cache");

  private List<String> columns;

  @Override
  public void accept(String line, long lineNumber, Snapshot snapshot) {
    List<String> tokens = Columns.split(line);
    if (Tool.ofTitle(line).isPresent()) {
      columns = new ArrayList<>();
      for (String name : tokens) {
        columns.add(name.replace('/', '_').replace('-', '_'));
      }
      return;
    }
    if (columns == null) {
      snapshot.reject(lineNumber, "free row before its column line ('total used free ...')", line);
      return;
    }
    String label = tokens.get(0);
    int firstValue = 1;
    if (label.equals("-/+") && tokens.size() > 1) {
      label = "-/+ " + tokens.get(1);
      firstValue = 2;
    }
    String prefix = PREFIXES.get(label);
    if (prefix == null) {
      snapshot.reject(lineNumber, "free row label '" + HostStatsRejection.abbreviate(label)
          + "' is not Mem:, Swap:, Total:, Low:, High: or -/+ buffers/cache:", line);
      return;
    }
    List<String> values = tokens.subList(firstValue, tokens.size());
    // "-/+ buffers/cache:" holds used and free, the second and third columns.
    int offset = label.startsWith("-/+") ? 1 : 0;
    int minimum = label.startsWith("-/+") ? 2 : 3;
    if (values.size() < minimum || values.size() + offset > columns.size()) {
      snapshot.reject(lineNumber, "free row " + label + " has " + values.size() + " values, expected "
          + minimum + " to " + (columns.size() - offset) + " for the columns " + String.join(" ", columns), line);
      return;
    }
    List<Point> points = new ArrayList<>(values.size());
    try {
      for (int i = 0; i < values.size(); i++) {
        String column = columns.get(i + offset);
        points.add(Point.gauge(prefix + "." + column, bytes(values.get(i), column), "bytes"));
      }
    } catch (HostStatsRejection e) {
      snapshot.reject(lineNumber, e.getMessage(), line);
      return;
    }
    snapshot.row(lineNumber, line, points);
  }

  private static double bytes(String text, String column) {
    try {
      return Sizes.bytes(text, 1024);
    } catch (HostStatsRejection e) {
      throw new HostStatsRejection("free value in column '" + column + "': " + e.getMessage());
    }
  }
}
