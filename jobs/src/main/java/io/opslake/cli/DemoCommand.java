package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opslake demo}: the whole nightly pipeline on the committed sample, on one SparkSession,
 * then the headline findings and the path of the report. Each step is the same command a user or
 * the workflow runner would run ({@link WorkflowCommand.Run#runStep}), so the demo shows exactly what
 * the product does; the steps' summaries go to stderr, the headlines to stdout.
 */
@Command(
    name = "demo",
    description = "Run the nightly pipeline on the committed sample (sample-data/sample): ingest, templates, reclassify,"
        + " series, findings, capacity, alerts backtest and report; print the headline findings and the report's path.",
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--sample", paramLabel = "<dir>",
      description = "Sample landing directory (default: $OPSLAKE_HOME/sample-data/sample, else ./sample-data/sample).")
  Path sample;

  @Mixin WarehouseOption warehouse;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path input = sample != null ? sample : home().resolve("sample-data/sample");
    List<String> days = days(input);
    String from = days.get(0);
    String to = days.get(days.size() - 1);
    Path alertRules = home().resolve("docs/alerts.example.yaml");

    SparkSession spark = SparkSessions.create("opslake demo");
    OpslakeConfig config = OpslakeConfig.none();
    List<List<String>> steps = new ArrayList<>(List.of(
        List.of("ingest", "--input", input.toString()),
        List.of("templates", "--from", from, "--to", to),
        List.of("reclassify", "--from", from, "--to", to),
        List.of("series", "--from", from, "--to", to),
        List.of("findings", "--as-of", to),
        List.of("capacity", "--as-of", to, "--horizon-weeks", "1")));
    if (Files.isRegularFile(alertRules)) {
      steps.add(List.of("alerts", "backtest", "--rules", alertRules.toString(), "--from", from, "--to", to));
    }
    steps.add(List.of("report", "--date", to));
    for (List<String> step : steps) {
      List<String> arguments = new ArrayList<>(step);
      arguments.addAll(List.of("--warehouse", warehouse.uri));
      err.println("demo: opslake " + String.join(" ", arguments));
      err.flush();
      WorkflowCommand.Run.runStep(arguments, config, spark, err, err);
    }

    io.opslake.storage.Warehouse.open(warehouse.uri, spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    out.println("opslake demo: the sample's " + days.size() + " days (" + from + " to " + to + ") through the nightly pipeline");
    out.println();
    headline(out, spark, "404s that were exceptions",
        "SELECT concat(count(*), ' exception events were 404s raised through parse-query-string (rule ', first(rule_id),"
            + " '), not crashes') FROM events WHERE original_type = 'exception' AND type = '404' HAVING count(*) > 0");
    headline(out, spark, "GC period",
        "SELECT sentence FROM periodicity WHERE dt = DATE '" + to + "' AND series_key LIKE 'gc%'"
            + " ORDER BY period_rank, strength DESC, series_key LIMIT 1");
    headline(out, spark, "errors recurring after restarts",
        "SELECT sentence FROM periodicity WHERE dt = DATE '" + to + "' AND method = 'after_restart'"
            + " ORDER BY strength DESC, series_key LIMIT 1");
    headline(out, spark, "trend",
        "SELECT sentence FROM trends WHERE dt = DATE '" + to + "' AND significant ORDER BY p_adjusted, series_key LIMIT 1",
        "no trend test yet: trends need 28 days of history and the sample has " + days.size()
            + " (bin/opslake generate --days 35 makes a longer landing area)");
    headline(out, spark, "anomalies",
        "SELECT sentence FROM anomalies WHERE dt = DATE '" + to + "' AND series_key NOT LIKE '%(none)%'"
            + " ORDER BY score DESC, series_key LIMIT 1");
    headline(out, spark, "capacity",
        "SELECT coalesce(sentence, reason) FROM capacity_model WHERE dt = DATE '" + to + "' AND service <> '(none)'"
            + " ORDER BY status = 'fitted' DESC, model = 'latency_per_server' DESC, service LIMIT 1");
    headline(out, spark, "capacity headroom",
        "SELECT coalesce(sentence, reason) FROM capacity_plan WHERE dt = DATE '" + to + "' AND service <> '(none)'"
            + " ORDER BY status = 'planned' DESC, service, week LIMIT 1");
    headline(out, spark, "disks",
        "SELECT sentence FROM resource_forecast WHERE dt = DATE '" + to + "' AND status = 'fills'"
            + " ORDER BY exhausted_at LIMIT 1");
    out.println();
    out.println("Ask your own questions: bin/opslake sql --warehouse " + warehouse.uri + "   (\\tables lists the tables)");
    out.println("Report: " + reportPath(to));
    out.flush();
    return 0;
  }

  private void headline(PrintWriter out, SparkSession spark, String title, String sql) {
    headline(out, spark, title, sql, "nothing found in the sample");
  }

  /** One headline: the first value of {@code sql} over the warehouse's tables, else {@code otherwise}. */
  private void headline(PrintWriter out, SparkSession spark, String title, String sql, String otherwise) {
    String text;
    try {
      List<Row> rows = spark.sql(sql).collectAsList();
      text = rows.isEmpty() || rows.get(0).isNullAt(0) ? otherwise : rows.get(0).get(0).toString();
    } catch (RuntimeException e) {
      StringWriter reason = new StringWriter();
      reason.append(e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
      text = "not available (" + reason + ")";
    }
    out.printf("  %-32s %s%n", title + ":", text);
  }

  private String reportPath(String date) {
    String root = warehouse.uri.replaceFirst("/+$", "");
    return root + "/reports/dt=" + date + "/index.html";
  }

  /** The dt=YYYY-MM-DD folders of the landing area, sorted. */
  private static List<String> days(Path input) throws java.io.IOException {
    if (!Files.isDirectory(input)) {
      throw OpslakeException.usage("Cannot run the demo: sample directory " + input + " does not exist");
    }
    try (Stream<Path> children = Files.list(input)) {
      List<String> days = children.map(path -> path.getFileName().toString()).filter(name -> name.matches("dt=\\d{4}-\\d{2}-\\d{2}"))
          .map(name -> name.substring(3)).sorted().toList();
      if (days.isEmpty()) {
        throw OpslakeException.usage("Cannot run the demo: " + input + " holds no dt=YYYY-MM-DD folders");
      }
      return days;
    }
  }

  private static Path home() {
    String home = System.getenv("OPSLAKE_HOME");
    return home == null ? Path.of(".") : Path.of(home);
  }
}
