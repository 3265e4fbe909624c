package io.opslake.ingest.format.hoststats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code df [-h] [-P] [-T] [-i] [--output=...]}: a column line and one row per file system.
 * Columns are found by name, in any order: {@code Filesystem} and {@code Mounted on} become the
 * labels {@code filesystem} and {@code mount} ({@code Type} the label {@code fstype}); {@code
 * Size} or {@code <N>[K|M|G]-blocks}, {@code Used}, {@code Avail}/{@code Available} become {@code
 * host.df.size|used|avail} in bytes; {@code Use%}/{@code Capacity} becomes {@code
 * host.df.use_percent}; {@code Inodes}, {@code IUsed}, {@code IFree}, {@code IUse%} become {@code
 * host.df.inodes.total|used|free|use_percent}. Sizes with a suffix ({@code 3.8G}) are powers of
 * 1024; a plain number is in the size column's block unit (bytes under {@code Size}). A {@code -}
 * (no value) is skipped. A file system name alone on a line (df wraps long names) joins the next
 * line. A row whose fields do not match the columns, or with a bad value, is one rejected record.
 */
final class DfReader implements ToolReader {
  private enum Role { FILESYSTEM, MOUNT, FSTYPE, SIZE, USED, AVAIL, USE_PERCENT, INODES, IUSED, IFREE, IUSE_PERCENT, IGNORED }

  private List<Role> roles;
  private long blockBytes = 1;
  private String pending;
  private long pendingLine;

  @Override
  public void accept(String line, long lineNumber, Snapshot snapshot) {
    if (Tool.ofTitle(line).isPresent()) {
      readColumns(line);
      return;
    }
    if (roles == null) {
      snapshot.reject(lineNumber, "df row before its column line ('Filesystem Size Used Avail Use% Mounted on')", line);
      return;
    }
    List<String> tokens = Columns.split(line);
    if (pending != null) {
      String wrapped = pending;
      pending = null;
      if (tokens.size() == roles.size() - 1) {
        tokens.add(0, wrapped);
        lineNumber = pendingLine;
        line = wrapped + "\n" + line;
      } else {
        snapshot.reject(pendingLine, "df row has only a file system name and no values", wrapped);
      }
    }
    if (tokens.size() == 1 && roles.size() > 1) {
      pending = tokens.get(0);
      pendingLine = lineNumber;
      return;
    }
    if (tokens.size() > roles.size() && roles.get(roles.size() - 1) == Role.MOUNT) {
      // A mount point with spaces.
      String mount = String.join(" ", tokens.subList(roles.size() - 1, tokens.size()));
      tokens = new ArrayList<>(tokens.subList(0, roles.size() - 1));
      tokens.add(mount);
    }
    if (tokens.size() != roles.size()) {
      snapshot.reject(lineNumber, "df row has " + tokens.size() + " fields, the column line names " + roles.size(), line);
      return;
    }
    try {
      snapshot.row(lineNumber, line, points(tokens));
    } catch (HostStatsRejection e) {
      snapshot.reject(lineNumber, e.getMessage(), line);
    }
  }

  @Override
  public void end(Snapshot snapshot) {
    if (pending != null) {
      snapshot.reject(pendingLine, "df row has only a file system name and no values", pending);
      pending = null;
    }
  }

  private List<Point> points(List<String> tokens) {
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      switch (roles.get(i)) {
        case FILESYSTEM -> labels.put("filesystem", tokens.get(i));
        case MOUNT -> labels.put("mount", tokens.get(i));
        case FSTYPE -> labels.put("fstype", tokens.get(i));
        default -> { }
      }
    }
    Map<String, String> rowLabels = Map.copyOf(labels);
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String text = tokens.get(i);
      if (text.equals("-")) {
        continue;
      }
      switch (roles.get(i)) {
        case SIZE -> points.add(Point.gauge("host.df.size", size(text), "bytes", rowLabels));
        case USED -> points.add(Point.gauge("host.df.used", size(text), "bytes", rowLabels));
        case AVAIL -> points.add(Point.gauge("host.df.avail", size(text), "bytes", rowLabels));
        case USE_PERCENT -> points.add(Point.gauge("host.df.use_percent", percent(text), "percent", rowLabels));
        case INODES -> points.add(Point.gauge("host.df.inodes.total", count(text), "count", rowLabels));
        case IUSED -> points.add(Point.gauge("host.df.inodes.used", count(text), "count", rowLabels));
        case IFREE -> points.add(Point.gauge("host.df.inodes.free", count(text), "count", rowLabels));
        case IUSE_PERCENT -> points.add(Point.gauge("host.df.inodes.use_percent", percent(text), "percent", rowLabels));
        default -> { }
      }
    }
    return points;
  }

  private double size(String text) {
    try {
      return Sizes.bytes(text, blockBytes);
    } catch (HostStatsRejection e) {
      throw new HostStatsRejection("df size " + e.getMessage());
    }
  }

  private static double percent(String text) {
    if (!text.endsWith("%")) {
      throw new HostStatsRejection("df percentage '" + HostStatsRejection.abbreviate(text) + "' does not end with %");
    }
    return Sizes.number(text.substring(0, text.length() - 1));
  }

  private static double count(String text) {
    // df -hi prints inode counts with suffixes too (1.2M); those are powers of 1024 as well.
    return Sizes.bytes(text, 1);
  }

  private void readColumns(String line) {
    roles = new ArrayList<>();
    blockBytes = 1;
    pending = null;
    List<String> tokens = Columns.split(line);
    for (int i = 0; i < tokens.size(); i++) {
      String name = tokens.get(i);
      if (name.equals("Mounted") && i + 1 < tokens.size() && tokens.get(i + 1).equals("on")) {
        i++;
        roles.add(Role.MOUNT);
        continue;
      }
      roles.add(role(name));
    }
  }

  private Role role(String name) {
    switch (name) {
      case "Filesystem":
        return Role.FILESYSTEM;
      case "Type":
        return Role.FSTYPE;
      case "Size":
        return Role.SIZE;
      case "Used":
        return Role.USED;
      case "Avail", "Available":
        return Role.AVAIL;
      case "Use%", "Capacity":
        return Role.USE_PERCENT;
      case "Inodes":
        return Role.INODES;
      case "IUsed":
        return Role.IUSED;
      case "IFree":
        return Role.IFREE;
      case "IUse%":
        return Role.IUSE_PERCENT;
      default:
        if (name.endsWith("-blocks")) {
          try {
            blockBytes = (long) Sizes.bytes(name.substring(0, name.length() - "-blocks".length()), 1);
            return Role.SIZE;
          } catch (HostStatsRejection e) {
            return Role.IGNORED;
          }
        }
        return Role.IGNORED;
    }
  }
}
