package io.opslake.ingest.format;

import java.util.Map;
import java.util.Objects;

/**
 * One metric datapoint extracted by a parser.
 *
 * @param tsMicros time of the datapoint, microseconds since the epoch (UTC), already validated
 * @param name metric name as emitted
 * @param value the value (StatsD counters already divided by their sample rate)
 * @param unit unit, or null
 * @param kind one of {@link MetricKind}'s names in lower case
 * @param hostname host, or null
 * @param labels tags and dimensions, never null
 */
public record ParsedMetric(
    long tsMicros,
    String name,
    double value,
    String unit,
    MetricKind kind,
    String hostname,
    Map<String, String> labels) {

  public ParsedMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(labels, "labels");
  }
}
