package io.opslake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.opslake.ingest.IngestResult;
import io.opslake.jobs.anomaly.DetectResult;
import io.opslake.jobs.metrics.RatesResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The end-of-run summaries the CLI prints, as text for people and as JSON for scripts. */
final class Summaries {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Summaries() {}

  static String ingestText(IngestResult result) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "ingest run %s %s in %.1f s%n", result.runId(), result.status(),
        result.elapsed().toMillis() / 1000.0));
    text.append(String.format(Locale.ROOT, "  %-16s %7s %12s %12s %12s %12s%n",
        "source", "files", "read", "events", "metrics", "quarantined"));
    long files = 0;
    for (Map.Entry<String, IngestResult.SourceCounts> entry : result.bySource().entrySet()) {
      IngestResult.SourceCounts counts = entry.getValue();
      files += counts.files();
      text.append(String.format(Locale.ROOT, "  %-16s %7d %12d %12d %12d %12d%n", entry.getKey(),
          counts.files(), counts.read(), counts.events(), counts.metrics(), counts.quarantined()));
    }
    text.append(String.format(Locale.ROOT, "  %-16s %7d %12d %12d %12d %12d%n", "total", files,
        result.recordsRead(),
        result.bySource().values().stream().mapToLong(IngestResult.SourceCounts::events).sum(),
        result.bySource().values().stream().mapToLong(IngestResult.SourceCounts::metrics).sum(),
        result.quarantined()));
    text.append("  rows written:");
    result.rowsByTable().forEach((table, rows) -> text.append(' ').append(table).append('=').append(rows));
    text.append(System.lineSeparator());
    text.append(String.format(Locale.ROOT, "  skipped: %d files already ingested (%d records)%n",
        result.filesSkipped(), result.duplicatesSkipped()));
    text.append(String.format(Locale.ROOT, "  bad ratio: %.4f%%, %.1f MB parsed%n", result.badRatio() * 100,
        result.bytesRead() / 1e6));
    return text.toString();
  }

  static String detectText(DetectResult result, Path out) {
    return String.format(Locale.ROOT, "detect: %d rows, %d anomalies, %d rows warned about, warm-up %d rows,"
        + " season %s; wrote %s%n", result.rowsRead(), result.anomalies(), result.rowsWarned(), result.warmupRows(),
        result.periodSeconds() == 0 ? "none" : result.periodSeconds() + " s", out);
  }

  static Map<String, Object> detectJson(DetectResult result, Path out) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rows_read", result.rowsRead());
    json.put("rows_written", result.rowsWritten());
    json.put("anomalies", result.anomalies());
    json.put("rows_warned", result.rowsWarned());
    json.put("warmup_rows", result.warmupRows());
    json.put("period_seconds", result.periodSeconds());
    json.put("output", out.toString());
    return json;
  }

  static String ratesText(RatesResult result) {
    return String.format(Locale.ROOT, "rates run %s dt=%s in %.1f s%n", result.runId(),
        String.join(",", result.dates()), result.elapsed().toMillis() / 1000.0)
        + "  " + ratesLine(result) + System.lineSeparator()
        + String.format(Locale.ROOT, "  skipped: %d over --max-rate, %d duplicate samples, %d invalid samples,"
            + " %d counter series with producer rates%n",
            result.overCap(), result.duplicates(), result.invalid(), result.shadowedSeries());
  }

  /** The one-line rates summary, also printed by ingest after its own summary. */
  static String ratesLine(RatesResult result) {
    return String.format(Locale.ROOT, "%d series, %d points read, %d rates written (%d derived, %d producer),"
        + " %d resets, %d gaps", result.series(), result.pointsRead(), result.ratesWritten(), result.derived(),
        result.producer(), result.resets(), result.gaps());
  }

  static Map<String, Object> ratesJson(RatesResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run_id", result.runId());
    json.put("dates", result.dates());
    json.put("series", result.series());
    json.put("points_read", result.pointsRead());
    json.put("rates_written", result.ratesWritten());
    json.put("derived", result.derived());
    json.put("producer", result.producer());
    json.put("resets", result.resets());
    json.put("gaps", result.gaps());
    return json;
  }

  static String ingestJson(IngestResult result) throws JsonProcessingException {
    return ingestJson(result, null);
  }

  /** The ingest summary as JSON, with the rates that followed it under {@code rates} when they ran. */
  static String ingestJson(IngestResult result, RatesResult rates) throws JsonProcessingException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run_id", result.runId());
    json.put("status", result.status());
    json.put("message", result.message());
    json.put("elapsed_seconds", result.elapsed().toMillis() / 1000.0);
    json.put("files_read", result.filesRead());
    json.put("files_skipped", result.filesSkipped());
    json.put("duplicates_skipped", result.duplicatesSkipped());
    json.put("records_read", result.recordsRead());
    json.put("quarantined", result.quarantined());
    json.put("bad_ratio", result.badRatio());
    json.put("bytes_parsed", result.bytesRead());
    Map<String, Object> sources = new LinkedHashMap<>();
    result.bySource().forEach((source, counts) -> sources.put(source, Map.of(
        "files", counts.files(), "read", counts.read(), "events", counts.events(),
        "metrics", counts.metrics(), "quarantined", counts.quarantined())));
    json.put("sources", sources);
    json.put("rows_written", result.rowsByTable());
    json.put("metric_dates", result.metricDates());
    if (rates != null) {
      json.put("rates", ratesJson(rates));
    }
    return JSON.writeValueAsString(json) + System.lineSeparator();
  }

  static String toJson(Object value) throws JsonProcessingException {
    return JSON.writeValueAsString(value) + System.lineSeparator();
  }
}
