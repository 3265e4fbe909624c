package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import org.apache.spark.sql.SparkSession;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.templates.TemplatesJob;
import io.opslake.jobs.templates.TemplatesOptions;
import io.opslake.jobs.templates.TemplatesResult;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake templates}: mine raw_events messages into the patterns table. */
@Command(
    name = "templates",
    description = "Mine message templates from raw_events into the patterns table (replaces the table).",
    mixinStandardHelpOptions = true)
final class TemplatesCommand implements Callable<Integer>, JobCommand {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WarehouseOption warehouse;

  @Option(names = "--from", paramLabel = "<YYYY-MM-DD>", description = "First event date mined (default: all history).")
  String from;

  @Option(names = "--to", paramLabel = "<YYYY-MM-DD>", description = "Last event date mined (default: all history).")
  String to;

  @Option(names = "--max-distinct", defaultValue = "" + TemplatesOptions.DEFAULT_MAX_DISTINCT, paramLabel = "<n>",
      description = "Distinct masked messages mined on the driver in one piece; above it executors mine"
          + " hash partitions first (default: ${DEFAULT-VALUE}).")
  int maxDistinct;

  @Override
  public Integer call() throws Exception {
    TemplatesOptions options = TemplatesOptions.parse(warehouse.uri, from, to, maxDistinct);
    print(Jobs.templates(SparkSessions.create("opslake templates"), options), spec.commandLine().getOut());
    return 0;
  }

  @Override
  public void run(SparkSession spark, java.io.PrintWriter out, java.io.PrintWriter err) throws Exception {
    print(Jobs.templates(spark, TemplatesOptions.parse(warehouse.uri, from, to, maxDistinct)), out);
  }

  private static void print(TemplatesResult result, java.io.PrintWriter out) {
    out.printf(Locale.ROOT,
        "templates run %s: %d events, %d distinct masked messages%s, %d templates written to patterns (%d partitions)%n",
        result.runId(), result.events(), result.distinctMasked(), result.partitioned() ? " (mined in partitions)" : "",
        result.templates(), result.partitions().size());
  }
}
