package io.opslake.cli;

import io.opslake.jobs.Jobs;
import io.opslake.jobs.alerts.AlertsBacktestOptions;
import io.opslake.jobs.alerts.AlertsBacktestResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake alerts}: alert rules against the warehouse's history. */
@Command(
    name = "alerts",
    description = "Alert rules against the warehouse's history (docs/alerts.md).",
    mixinStandardHelpOptions = true,
    subcommands = {AlertsCommand.Backtest.class})
final class AlertsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: backtest");
  }

  /** {@code opslake alerts backtest}: what the rules would have raised over a date range. */
  @Command(
      name = "backtest",
      description = "Evaluate the rules of an alert rules file over the series of --from..--to: write the alerts"
          + " to alert_firings (days of the range) and one alert_summary row per rule variant (dt=<to>);"
          + " with --incidents, score them against known incidents.",
      mixinStandardHelpOptions = true)
  static final class Backtest extends JobCommand<AlertsBacktestOptions> {
    @Option(names = "--rules", required = true, paramLabel = "<alerts.yaml>",
        description = "The alert rules file (docs/alerts.md).")
    Path rules;

    @Option(names = "--from", required = true, paramLabel = "<date>", description = "First day, UTC (YYYY-MM-DD).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "<date>", description = "Last day, UTC (YYYY-MM-DD).")
    String to;

    @Option(names = "--incidents", paramLabel = "<csv>",
        description = "Known incidents, a CSV with the header start,end,description (UTC times).")
    Path incidents;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Mixin WarehouseOption warehouse;

    @Override
    AlertsBacktestOptions options() {
      return AlertsBacktestOptions.of(warehouse.uri, rules, from, to, incidents);
    }

    @Override
    void run(SparkSession spark, AlertsBacktestOptions options, PrintWriter out, PrintWriter err) throws Exception {
      AlertsBacktestResult result = Jobs.alertsBacktest(spark, options);
      out.print(json ? Summaries.resultJson(result) : text(result));
    }

    static String text(AlertsBacktestResult result) {
      StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
          "alerts backtest %s..%s in %.1f s: %d series evaluated, %d alerts%n", result.from(), result.to(),
          result.elapsedSeconds(), result.keysEvaluated(), result.alerts()));
      text.append(String.format(Locale.ROOT, "  %-40s %7s %6s %10s %6s %8s %9s %7s %9s %9s %6s%n", "rule[variant]",
          "alerts", "keys", "firing_s", "flaps", "per_day", "detected", "missed", "median_s", "max_s", "false"));
      for (AlertsBacktestResult.VariantSummary variant : result.variants()) {
        String name = variant.variant().equals("default") ? variant.rule()
            : variant.rule() + "[" + variant.variant() + "]";
        text.append(String.format(Locale.ROOT, "  %-40s %7d %6d %10.0f %6d %8.2f %9s %7s %9s %9s %6s%n", name,
            variant.alerts(), variant.keysAlerted(), variant.firingSeconds(), variant.flappingRefires(),
            variant.alertsPerDay(), orDash(variant.incidentsDetected()), orDash(variant.incidentsMissed()),
            orDash(variant.medianDelaySeconds()), orDash(variant.maxDelaySeconds()), orDash(variant.falseAlarms())));
      }
      text.append("  rules: ").append(result.rulesFile()).append(System.lineSeparator());
      text.append("  runs: ").append(String.join(" ", result.runIds())).append(System.lineSeparator());
      return text.toString();
    }

    private static String orDash(Object value) {
      if (value == null) {
        return "-";
      }
      return value instanceof Double number ? String.format(Locale.ROOT, "%.0f", number) : value.toString();
    }
  }
}
