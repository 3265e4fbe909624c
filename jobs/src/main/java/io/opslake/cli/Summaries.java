package io.opslake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.opslake.ingest.IngestResult;
import io.opslake.jobs.anomaly.DetectResult;
import io.opslake.jobs.metrics.RatesResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The end-of-run summaries the CLI prints, as text for people and as JSON for scripts. */
final class Summaries {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper RESULTS = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

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

  /** A detect result with where its scored CSV went. */
  record DetectSummary(@JsonUnwrapped DetectResult result, String output) {}

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

  /** The ingest summary as JSON, with the rates that followed it under {@code rates} when they ran. */
  static String ingestJson(IngestResult result, RatesResult rates) throws JsonProcessingException {
    return resultJson(new IngestSummary(result, rates));
  }

  /** An ingest result with the rates rebuild that followed it (omitted when none ran). */
  record IngestSummary(@JsonUnwrapped IngestResult ingest, @JsonInclude(JsonInclude.Include.NON_NULL) RatesResult rates) {}

  /**
   * A job's result record as JSON: its components in snake case (renamed or computed fields are
   * annotated on the record), durations as {@code elapsed_seconds}.
   */
  static String resultJson(Object result) throws JsonProcessingException {
    return RESULTS.writeValueAsString(result) + System.lineSeparator();
  }

  static String toJson(Object value) throws JsonProcessingException {
    return JSON.writeValueAsString(value) + System.lineSeparator();
  }
}
