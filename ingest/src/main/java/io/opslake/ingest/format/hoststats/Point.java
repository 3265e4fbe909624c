package io.opslake.ingest.format.hoststats;

import io.opslake.ingest.format.MetricKind;
import java.util.Map;

/**
 * One value a tool reader found in a row, before the snapshot adds time, host and the {@code tool}
 * label.
 *
 * @param name dotted metric name, e.g. {@code host.df.used}
 * @param value the value in {@code unit}
 * @param unit {@code bytes}, {@code percent}, {@code count}, ... or null
 * @param kind gauge for levels, counter for totals since boot
 * @param labels labels of the row (filesystem and mount, pid and type, ...)
 * @param tsMicros the row's own time (vmstat rows), or null for the snapshot's time
 */
record Point(String name, double value, String unit, MetricKind kind, Map<String, String> labels, Long tsMicros) {
  static Point gauge(String name, double value, String unit) {
    return new Point(name, value, unit, MetricKind.GAUGE, Map.of(), null);
  }

  static Point gauge(String name, double value, String unit, Map<String, String> labels) {
    return new Point(name, value, unit, MetricKind.GAUGE, labels, null);
  }
}
