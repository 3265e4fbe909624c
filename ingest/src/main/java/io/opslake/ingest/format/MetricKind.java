package io.opslake.ingest.format;

import java.util.Locale;

/** The kind of a metric datapoint, stored lower case in {@code raw_metrics.kind}. */
public enum MetricKind {
  COUNTER,
  GAUGE,
  TIMER,
  HISTOGRAM,
  DISTRIBUTION,
  SET,
  RATE;

  public String columnValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
