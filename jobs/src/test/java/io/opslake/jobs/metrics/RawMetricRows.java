package io.opslake.jobs.metrics;

import io.opslake.ingest.parquet.TableFileWriter;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes {@code raw_metrics} rows straight into a warehouse directory, one Parquet file per date,
 * in the order they were added (so tests control out-of-order input). Stands in for snapshot
 * parsers that emit counter totals.
 */
public final class RawMetricRows {
  private final Map<String, List<Object[]>> byDate = new LinkedHashMap<>();

  /** Adds one row; {@code ts} is an ISO-8601 instant. */
  public RawMetricRows add(String ts, String name, double value, String unit, String kind, String hostname,
      Map<String, String> labels, String source) {
    Instant instant = Instant.parse(ts);
    long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    String date = instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    List<Object[]> rows = byDate.computeIfAbsent(date, key -> new ArrayList<>());
    rows.add(new Object[] {micros, name, value, unit, kind, hostname, labels, source, "file:/test/" + source,
        (long) rows.size() + 1, "test-run"});
    return this;
  }

  /** Writes {@code <warehouse>/raw_metrics/dt=D/part-<fileName>.parquet} for every date added. */
  public void writeTo(String warehouse, String fileName) throws IOException {
    for (Map.Entry<String, List<Object[]>> entry : byDate.entrySet()) {
      Path path = new Path(warehouse + "/raw_metrics/dt=" + entry.getKey() + "/part-" + fileName + ".parquet");
      try (TableFileWriter writer = new TableFileWriter(Tables.RAW_METRICS, path, new Configuration(), 1 << 20)) {
        for (Object[] row : entry.getValue()) {
          writer.write(row);
        }
      }
    }
  }
}
