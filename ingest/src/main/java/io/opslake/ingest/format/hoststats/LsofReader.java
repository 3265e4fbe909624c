package io.opslake.ingest.format.hoststats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces {@code lsof -n [-P]} output ({@code COMMAND PID [TID TASKCMD] USER FD TYPE DEVICE
 * SIZE/OFF NODE NAME}) to the number of open descriptors per process and type: one metric {@code
 * host.lsof.descriptors} per (pid, command, type, protocol) and snapshot, with those labels
 * ({@code protocol} is the NODE column of IPv4/IPv6 sockets, {@code UDP} or {@code TCP}, and absent
 * for other types). The connection-leak signature is thousands of {@code type=IPv4,
 * protocol=UDP} descriptors on one pid.
 *
 * <p>Fields are assigned to columns by their position under the column line, as lsof aligns them,
 * so blank fields (an empty SIZE/OFF, no TID) are read correctly; everything from the NAME column
 * on is the name. Only lines whose FD is a number ({@code 12u}, {@code 3r}) are descriptors; the
 * {@code cwd}, {@code rtd}, {@code txt}, {@code mem}, {@code DEL} lines are not counted and are not
 * records. Records: each emitted count is one record; a line without COMMAND, a numeric PID, FD,
 * TYPE or NAME is one rejected record; in a snapshot that cannot be used (no time, a repeat) every
 * line is one rejected record.
 */
final class LsofReader implements ToolReader {
  private record Span(String name, int start, int end) {}

  private record Group(String pid, String command, String type, String protocol) {}

  private static final class Count {
    final long firstLine;
    final String firstRaw;
    long descriptors;

    Count(long firstLine, String firstRaw) {
      this.firstLine = firstLine;
      this.firstRaw = firstRaw;
    }
  }

  private List<Span> columns;
  private int nameStart;
  private final Map<Group, Count> counts = new LinkedHashMap<>();

  @Override
  public void accept(String line, long lineNumber, Snapshot snapshot) {
    if (Tool.ofTitle(line).isPresent()) {
      readColumns(line);
      return;
    }
    if (columns == null) {
      snapshot.reject(lineNumber, "lsof line before its column line ('COMMAND PID USER FD TYPE ... NAME')", line);
      return;
    }
    Map<String, String> fields = fields(line);
    String missing = missing(fields);
    if (missing != null) {
      snapshot.reject(lineNumber, "lsof line has no " + missing, line);
      return;
    }
    if (snapshot.problem() != null) {
      snapshot.reject(lineNumber, snapshot.problem(), line);
      return;
    }
    String fd = fields.get("FD");
    if (!Character.isDigit(fd.charAt(0))) {
      return;
    }
    String type = fields.get("TYPE");
    String protocol = type.startsWith("IPv") ? fields.get("NODE") : null;
    Group group = new Group(fields.get("PID"), fields.get("COMMAND"), type, protocol);
    counts.computeIfAbsent(group, key -> new Count(lineNumber, line)).descriptors++;
  }

  @Override
  public void end(Snapshot snapshot) {
    for (Map.Entry<Group, Count> entry : counts.entrySet()) {
      Group group = entry.getKey();
      Map<String, String> labels = new HashMap<>();
      labels.put("pid", group.pid());
      labels.put("command", group.command());
      labels.put("type", group.type());
      if (group.protocol() != null) {
        labels.put("protocol", group.protocol());
      }
      Count count = entry.getValue();
      snapshot.row(count.firstLine, count.firstRaw,
          List.of(Point.gauge("host.lsof.descriptors", count.descriptors, "count", Map.copyOf(labels))));
    }
    counts.clear();
  }

  private static String missing(Map<String, String> fields) {
    for (String required : List.of("COMMAND", "PID", "FD", "TYPE", "NAME")) {
      if (fields.get(required) == null) {
        return required;
      }
    }
    String pid = fields.get("PID");
    for (int i = 0; i < pid.length(); i++) {
      if (!Character.isDigit(pid.charAt(i))) {
        return "numeric PID (found '" + HostStatsRejection.abbreviate(pid) + "')";
      }
    }
    return null;
  }

  /** Each field of the line under the column whose header it overlaps most (or is nearest to). */
  private Map<String, String> fields(String line) {
    Map<String, String> fields = new HashMap<>();
    int i = 0;
    int length = line.length();
    while (i < length) {
      while (i < length && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= length) {
        break;
      }
      if (i >= nameStart) {
        fields.put("NAME", line.substring(i).trim());
        break;
      }
      int start = i;
      while (i < length && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      Span column = closest(start, i);
      fields.putIfAbsent(column.name(), line.substring(start, i));
    }
    return fields;
  }

  private Span closest(int start, int end) {
    Span best = null;
    int bestScore = Integer.MIN_VALUE;
    for (Span column : columns) {
      int overlap = Math.min(end, column.end()) - Math.max(start, column.start());
      // A positive overlap wins; otherwise the smallest gap (a negative score) does.
      if (overlap > bestScore) {
        bestScore = overlap;
        best = column;
      }
    }
    return best;
  }

  private void readColumns(String line) {
    counts.clear();
    columns = new ArrayList<>();
    nameStart = Integer.MAX_VALUE;
    int i = 0;
    while (i < line.length()) {
      while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        String name = line.substring(start, i);
        if (name.equals("NAME")) {
          nameStart = start;
        } else {
          columns.add(new Span(name, start, i));
        }
      }
    }
  }
}
