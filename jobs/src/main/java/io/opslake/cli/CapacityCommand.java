package io.opslake.cli;

import io.opslake.jobs.Jobs;
import io.opslake.jobs.capacity.CapacityOptions;
import io.opslake.jobs.capacity.CapacityResult;
import io.opslake.jobs.capacity.LoadSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake capacity}: capacity models, the fleet plan and resource exhaustion as of one date. */
@Command(
    name = "capacity",
    description = "Fit capacity models per service (USL, latency against load per server, demand forecast), plan"
        + " servers per future week and forecast when disks and descriptors run out, as of --as-of; writes the"
        + " partition dt=<as-of> of capacity_model, capacity_plan and resource_forecast and CSV/SVG reports under"
        + " <warehouse>/reports/capacity/dt=<as-of>/ (docs/capacity.md).",
    mixinStandardHelpOptions = true)
final class CapacityCommand extends JobCommand<CapacityOptions> {
  @Option(names = "--as-of", required = true, paramLabel = "<date>",
      description = "The as-of date D, UTC (YYYY-MM-DD): the history up to and including D is used.")
  String asOf;

  @Option(names = "--horizon-weeks", defaultValue = "12", paramLabel = "<weeks>",
      description = "Weeks to plan ahead (default: ${DEFAULT-VALUE}); needs twice as many weeks of history.")
  int horizonWeeks;

  @Option(names = "--latency-objective-ms", defaultValue = "500", paramLabel = "<ms>",
      description = "p95 page-load latency objective in ms (default: ${DEFAULT-VALUE}).")
  double latencyObjectiveMs;

  @Option(names = "--utilisation-target", defaultValue = "0.70", paramLabel = "<share>",
      description = "Share of a server's capacity at the objective to plan for (default: ${DEFAULT-VALUE}).")
  double utilisationTarget;

  @Option(names = "--inventory", paramLabel = "<file.csv>",
      description = "Fleet inventory, CSV with the header hostname,role,from,to; default: the hosts seen.")
  String inventory;

  @Option(names = "--request-counter", paramLabel = "<name or glob>",
      description = "A request counter: a metric whose rates (metric_rates) are a service's requests when its hosts"
          + " have neither page loads nor access-log requests; repeatable, * and ? are wildcards over the whole name"
          + " (default: request_counters: in opslake.yaml, else *requests, *requests_total, *requests.count).")
  List<String> requestCounters = new ArrayList<>();

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Mixin WarehouseOption warehouse;

  @Override
  void run(SparkSession spark, CapacityOptions options, PrintWriter out, PrintWriter err) throws Exception {
    CapacityResult result = Jobs.capacity(spark, options);
    out.print(json ? Summaries.resultJson(result) : text(result));
  }

  @Override
  CapacityOptions options() throws IOException {
    List<String> counters = !requestCounters.isEmpty() ? requestCounters
        : config().requestCounters().orElse(LoadSources.DEFAULT_REQUEST_COUNTERS);
    return CapacityOptions.of(warehouse.uri, asOf, horizonWeeks, latencyObjectiveMs, utilisationTarget, inventory,
        counters);
  }

  static String text(CapacityResult result) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "capacity as of %s in %.1f s: %d services, %d models fitted, %d not fitted, %d services planned,"
            + " %d resources running out%n",
        result.asOf(), result.elapsedSeconds(), result.services(), result.modelsFitted(), result.modelsNotFitted(),
        result.servicesPlanned(), result.resourcesFilling()));
    result.rowsWritten().forEach((table, rows) ->
        text.append(String.format(Locale.ROOT, "  %-17s %d rows%n", table, rows)));
    result.reports().forEach(report -> text.append("  report: ").append(report).append(System.lineSeparator()));
    text.append("  runs: ").append(String.join(" ", result.runIds())).append(System.lineSeparator());
    return text.toString();
  }
}
