package io.opslake.cli;

import io.opslake.jobs.Jobs;
import io.opslake.jobs.findings.FindingsOptions;
import io.opslake.jobs.findings.FindingsResult;
import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake findings}: trends, novelty, seasonality and anomalies of the series history up to one date. */
@Command(
    name = "findings",
    description = "Write the trends, novelty, seasonality and anomalies findings of the series history up to --as-of into the partition"
        + " dt=<as-of> of each table, replacing it (docs/findings.md).",
    mixinStandardHelpOptions = true)
final class FindingsCommand extends JobCommand<FindingsOptions> {
  @Option(names = "--as-of", required = true, paramLabel = "<date>",
      description = "The as-of date D, UTC (YYYY-MM-DD): the series up to and including D are used.")
  String asOf;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Mixin WarehouseOption warehouse;

  @Override
  void run(SparkSession spark, FindingsOptions options, PrintWriter out, PrintWriter err) throws Exception {
    FindingsResult result = Jobs.findings(spark, options);
    out.print(json ? Summaries.resultJson(result) : text(result));
  }

  @Override
  FindingsOptions options() {
    return FindingsOptions.asOf(warehouse.uri, asOf);
  }

  static String text(FindingsResult result) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "findings as of %s in %.1f s: %d series examined, %d significant trends, %d new, %d stopped%n",
        result.asOf(), result.elapsedSeconds(), result.seriesExamined(), result.significantTrends(),
        result.newSeries(), result.stoppedSeries()));
    result.rowsWritten().forEach((table, rows) ->
        text.append(String.format(Locale.ROOT, "  %-8s %d rows%n", table, rows)));
    text.append("  runs: ").append(String.join(" ", result.runIds())).append(System.lineSeparator());
    return text.toString();
  }
}
