package io.opslake.ingest.format.hoststats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The tools whose output {@link HostStatsParser} reads, each recognized by the line its output
 * starts with (its title): {@code procs ---memory---} (vmstat), {@code total used free} (free),
 * {@code Filesystem ...} (df), {@code top - } (top), {@code COMMAND PID ...} (lsof).
 */
enum Tool {
  VMSTAT,
  FREE,
  DF,
  TOP,
  LSOF;

  /** The name in headers, file names and the {@code tool} label. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Tool> fromId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(tool -> tool.id().equals(wanted)).findFirst();
  }

  /** The tool whose output starts with {@code line}, if any. */
  static Optional<Tool> ofTitle(String line) {
    String trimmed = line.trim();
    if (trimmed.startsWith("procs ") && trimmed.contains("memory")) {
      return Optional.of(VMSTAT);
    }
    if (trimmed.startsWith("Filesystem ") || trimmed.startsWith("Mounted on ")) {
      return Optional.of(DF);
    }
    if (trimmed.startsWith("top - ")) {
      return Optional.of(TOP);
    }
    if (trimmed.startsWith("COMMAND ") && trimmed.contains(" PID ") && trimmed.contains(" FD ")) {
      return Optional.of(LSOF);
    }
    if (trimmed.startsWith("total ") && trimmed.contains(" used ") && trimmed.contains(" free")) {
      return Optional.of(FREE);
    }
    return Optional.empty();
  }
}
