package io.opslake.cli;

import io.opslake.jobs.Jobs;
import io.opslake.jobs.series.SeriesOptions;
import io.opslake.jobs.series.SeriesResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake series}: rebuilds the series tables and their coverage for a range of days. */
@Command(
    name = "series",
    description = "Rebuild event_series, latency_series, metric_series and series_days for the given days"
        + " from events, raw_metrics and metric_rates, replacing those days (docs/series.md).",
    mixinStandardHelpOptions = true)
final class SeriesCommand extends JobCommand<SeriesOptions> {
  @Option(names = "--from", required = true, paramLabel = "<date>", description = "First day, UTC (YYYY-MM-DD).")
  String from;

  @Option(names = "--to", required = true, paramLabel = "<date>", description = "Last day, UTC, inclusive (YYYY-MM-DD).")
  String to;

  @Option(names = "--minute-floor", defaultValue = "" + SeriesOptions.DEFAULT_MINUTE_FLOOR, paramLabel = "<points>",
      description = "Fingerprints, templates, URL groups and metrics get minute buckets on a day when they have at"
          + " least this many points that day (default: ${DEFAULT-VALUE}); types and types per host always do.")
  long minuteFloor;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Mixin WarehouseOption warehouse;

  @Override
  void run(SparkSession spark, SeriesOptions options, PrintWriter out, PrintWriter err) throws Exception {
    print(Jobs.series(spark, options), out);
  }

  @Override
  SeriesOptions options() {
    return SeriesOptions.range(warehouse.uri, from, to).withMinuteFloor(minuteFloor).withStartedAt(Instant.now());
  }

  private void print(SeriesResult result, PrintWriter out) throws Exception {
    out.print(json ? Summaries.resultJson(result) : text(result));
  }

  static String text(SeriesResult result) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "series %s..%s in %.1f s: read %d events, %d raw_metrics, %d metric_rates%n", result.from(), result.to(),
        result.elapsedSeconds(), result.eventsRead(), result.rawMetricsRead(), result.metricRatesRead()));
    result.rowsWritten().forEach((table, rows) ->
        text.append(String.format(Locale.ROOT, "  %-15s %d rows%n", table, rows)));
    text.append("  days without input: ")
        .append(result.daysWithoutInput().isEmpty() ? "none" : String.join(", ", result.daysWithoutInput()))
        .append(System.lineSeparator());
    text.append("  runs: ").append(String.join(" ", result.runIds())).append(System.lineSeparator());
    return text.toString();
  }
}
