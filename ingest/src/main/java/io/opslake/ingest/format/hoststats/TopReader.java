package io.opslake.ingest.format.hoststats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the summary lines of {@code top -b -n 1}; the process table after the first blank line is
 * not read (it is not a record: use lsof or ps captures for processes). Lines and metrics:
 *
 * <ul>
 *   <li>{@code top - 00:05:01 up 12 days, 3:04, 2 users, load average: 0.52, 0.58, 0.59} → {@code
 *       host.load.1m|5m|15m}, {@code host.users} (the clock time is ignored: it has no date);
 *   <li>{@code Tasks: 231 total, 1 running, ...} and {@code Threads: ...} → {@code
 *       host.tasks.<word>}, {@code host.threads.<word>} (count);
 *   <li>{@code %Cpu(s): 3.1 us, 1.0 sy, ...} (or the older {@code Cpu(s): 3.1%us, ...}; {@code
 *       %Cpu0 :} lines add the label {@code cpu}) → {@code host.cpu.user|system|nice|idle|iowait|irq|softirq|steal|guest}
 *       (percent);
 *   <li>{@code MiB Mem : 15896.2 total, ...} and {@code MiB Swap: ... used. 10388.6 avail Mem} →
 *       {@code host.mem.total|free|used|buff_cache|available}, {@code host.swap.total|free|used}
 *       in bytes (the KiB/MiB/GiB/TiB prefix scales plain numbers; without one they are KiB, and
 *       {@code 16333764k} suffixes are honoured).
 * </ul>
 *
 * One line is one row: every value on it becomes a metric, or the line is one rejected record.
 */
final class TopReader implements ToolReader {
  private static final Map<String, String> CPU = Map.of(
      "us", "user", "sy", "system", "ni", "nice", "id", "idle", "wa", "iowait",
      "hi", "irq", "si", "softirq", "st", "steal", "gu", "guest");

  private boolean inProcessTable;

  @Override
  public void accept(String line, long lineNumber, Snapshot snapshot) {
    if (inProcessTable) {
      return;
    }
    String trimmed = line.trim();
    try {
      List<Point> points;
      if (trimmed.startsWith("top - ")) {
        points = uptime(trimmed);
      } else if (trimmed.startsWith("Tasks:") || trimmed.startsWith("Threads:")) {
        String prefix = trimmed.startsWith("Tasks:") ? "host.tasks." : "host.threads.";
        points = counts(afterColon(trimmed), prefix);
      } else if (trimmed.startsWith("%Cpu") || trimmed.startsWith("Cpu")) {
        points = cpu(trimmed);
      } else if (trimmed.contains("Swap") && trimmed.indexOf(':') > 0 && trimmed.indexOf(':') <= trimmed.indexOf("Swap") + 5) {
        points = memory(trimmed, "host.swap.");
      } else if (trimmed.contains("Mem") && trimmed.indexOf(':') > 0 && trimmed.indexOf(':') <= trimmed.indexOf("Mem") + 5) {
        points = memory(trimmed, "host.mem.");
      } else if (trimmed.startsWith("PID ")) {
        inProcessTable = true;
        return;
      } else {
        snapshot.reject(lineNumber, "top line is not a summary line (top -, Tasks:, %Cpu(s):, Mem, Swap)", line);
        return;
      }
      snapshot.row(lineNumber, line, points);
    } catch (HostStatsRejection e) {
      snapshot.reject(lineNumber, e.getMessage(), line);
    }
  }

  @Override
  public void blank() {
    inProcessTable = true;
  }

  private static List<Point> uptime(String line) {
    List<Point> points = new ArrayList<>();
    int load = line.indexOf("load average:");
    if (load < 0) {
      throw new HostStatsRejection("top line has no load average");
    }
    List<String> parts = parts(line.substring(load + "load average:".length()));
    if (parts.size() == 6) {
      // A decimal comma: "0,52, 0,58, 0,59".
      parts = List.of(parts.get(0) + "." + parts.get(1), parts.get(2) + "." + parts.get(3), parts.get(4) + "." + parts.get(5));
    }
    if (parts.size() != 3) {
      throw new HostStatsRejection("top load average has " + parts.size() + " values, expected 3");
    }
    String[] names = {"host.load.1m", "host.load.5m", "host.load.15m"};
    for (int i = 0; i < 3; i++) {
      points.add(Point.gauge(names[i], Sizes.number(parts.get(i)), null));
    }
    for (String part : parts(line.substring(0, load))) {
      List<String> words = Columns.split(part);
      if (words.size() == 2 && (words.get(1).equals("users") || words.get(1).equals("user"))) {
        points.add(Point.gauge("host.users", Sizes.number(words.get(0)), "count"));
      }
    }
    return points;
  }

  private static List<Point> counts(String values, String prefix) {
    List<Point> points = new ArrayList<>();
    for (String part : parts(values)) {
      List<String> words = Columns.split(part);
      if (words.size() != 2) {
        throw new HostStatsRejection("top value '" + HostStatsRejection.abbreviate(part) + "' is not '<number> <name>'");
      }
      points.add(Point.gauge(prefix + words.get(1), Sizes.number(words.get(0)), "count"));
    }
    return points;
  }

  private static List<Point> cpu(String line) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      throw new HostStatsRejection("top CPU line has no ':'");
    }
    String head = line.substring(0, colon).trim();
    String cpuNumber = head.replace("%Cpu", "").replace("Cpu", "").trim();
    Map<String, String> labels = cpuNumber.equals("(s)") || cpuNumber.isEmpty() ? Map.of() : Map.of("cpu", cpuNumber);
    List<Point> points = new ArrayList<>();
    for (String part : parts(line.substring(colon + 1))) {
      // "3.1 us" (procps-ng) or "3.1%us" (procps 3.2).
      List<String> words = Columns.split(part.replace('%', ' '));
      String name = words.size() == 2 ? CPU.get(words.get(1)) : null;
      if (name == null) {
        throw new HostStatsRejection("top CPU value '" + HostStatsRejection.abbreviate(part) + "' is not '<percent> us|sy|ni|id|wa|hi|si|st'");
      }
      points.add(Point.gauge("host.cpu." + name, Sizes.number(words.get(0)), "percent", labels));
    }
    return points;
  }

  private static List<Point> memory(String line, String prefix) {
    int colon = line.indexOf(':');
    String head = line.substring(0, colon).trim();
    long unit = 1024;
    if (head.length() > 3 && head.charAt(1) == 'i' && head.charAt(2) == 'B') {
      unit = (long) Sizes.bytes("1" + head.charAt(0), 1);
    }
    List<Point> points = new ArrayList<>();
    for (String part : parts(line.substring(colon + 1))) {
      List<String> words = Columns.split(part);
      if (words.size() < 2) {
        throw new HostStatsRejection("top memory value '" + HostStatsRejection.abbreviate(part) + "' is not '<size> <name>'");
      }
      String name = String.join("_", words.subList(1, words.size())).replace('/', '_');
      String metric = name.equals("avail_Mem") ? "host.mem.available" : prefix + name;
      points.add(Point.gauge(metric, Sizes.bytes(words.get(0), unit), "bytes"));
    }
    if (points.isEmpty()) {
      throw new HostStatsRejection("top " + head + " line has no values");
    }
    return points;
  }

  private static String afterColon(String line) {
    return line.substring(line.indexOf(':') + 1);
  }

  /** Comma-separated parts; top ends the used swap with a period ("0.0 used.  10388.6 avail Mem"). */
  private static List<String> parts(String text) {
    List<String> parts = new ArrayList<>();
    for (String piece : text.replace(". ", ", ").split(",")) {
      if (!piece.isBlank()) {
        parts.add(piece.trim());
      }
    }
    return parts;
  }
}
