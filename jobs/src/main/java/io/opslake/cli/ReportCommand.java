package io.opslake.cli;

import io.opslake.jobs.Jobs;
import io.opslake.jobs.report.ReportOptions;
import io.opslake.jobs.report.ReportResult;
import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake report}: the nightly HTML report of one day. */
@Command(
    name = "report",
    description = "Write the nightly report of --date: <warehouse>/reports/dt=<date>/index.html (one self-contained"
        + " page) with figures.json and CSV files beside it (docs/report.md).",
    mixinStandardHelpOptions = true)
final class ReportCommand extends JobCommand<ReportOptions> {
  @Option(names = "--date", required = true, paramLabel = "<date>", description = "The day to report on, UTC (YYYY-MM-DD).")
  String date;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Mixin WarehouseOption warehouse;

  @Override
  void run(SparkSession spark, ReportOptions options, PrintWriter out, PrintWriter err) throws Exception {
    ReportResult result = Jobs.report(spark, options);
    out.print(json ? Summaries.resultJson(result) : String.format(Locale.ROOT,
        "report dt=%s in %.1f s: %d sources, %d findings rows%n  %s/index.html%n  also: %s%n", result.date(),
        result.elapsed().toMillis() / 1000.0, result.sources(), result.findingsRows(), result.location(),
        String.join(" ", result.files().subList(1, result.files().size()))));
  }

  @Override
  ReportOptions options() {
    return ReportOptions.of(warehouse.uri, date);
  }
}
