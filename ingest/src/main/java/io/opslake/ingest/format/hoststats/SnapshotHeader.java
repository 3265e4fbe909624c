package io.opslake.ingest.format.hoststats;

import java.util.HashMap;
import java.util.Map;

/**
 * The comment line written before a snapshot: {@code # host=dc0-api01 time=2026-10-01T00:05:00Z
 * tool=vmstat [interval=5]}. Keys may come in any order and any may be missing; unknown keys are
 * ignored. A {@code #} line with none of {@code host}, {@code time}, {@code tool} is a plain
 * comment, not a header.
 *
 * @param host the host, or null
 * @param time the time as written, or null
 * @param tool the tool as written, or null
 * @param interval seconds between successive vmstat rows, as written, or null
 */
record SnapshotHeader(String host, String time, String tool, String interval) {

  /** The header on {@code line}, or null when the line is not one. */
  static SnapshotHeader parse(String line) {
    String trimmed = line.trim();
    if (!trimmed.startsWith("#")) {
      return null;
    }
    Map<String, String> fields = new HashMap<>();
    for (String token : trimmed.substring(1).trim().split("\\s+")) {
      int equals = token.indexOf('=');
      if (equals > 0) {
        fields.put(token.substring(0, equals), token.substring(equals + 1));
      }
    }
    if (!fields.containsKey("host") && !fields.containsKey("time") && !fields.containsKey("tool")) {
      return null;
    }
    return new SnapshotHeader(fields.get("host"), fields.get("time"), fields.get("tool"), fields.get("interval"));
  }
}
