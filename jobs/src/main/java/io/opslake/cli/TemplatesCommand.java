package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import org.apache.spark.sql.SparkSession;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.templates.TemplatesJob;
import io.opslake.jobs.templates.TemplatesOptions;
import io.opslake.jobs.templates.TemplatesResult;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake templates}: mine raw_events messages into the patterns table. */
@Command(
    name = "templates",
    description = "Mine message templates from raw_events into the patterns table (replaces the table).",
    mixinStandardHelpOptions = true)
final class TemplatesCommand extends JobCommand<TemplatesOptions> {
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
  TemplatesOptions options() {
    return TemplatesOptions.parse(warehouse.uri, from, to, maxDistinct);
  }

  @Override
  void run(SparkSession spark, TemplatesOptions options, java.io.PrintWriter out, java.io.PrintWriter err)
      throws Exception {
    print(Jobs.templates(spark, options), out);
  }

  private static void print(TemplatesResult result, java.io.PrintWriter out) {
    out.printf(Locale.ROOT,
        "templates run %s: %d events, %d distinct masked messages%s, %d templates written to patterns (%d partitions)%n",
        result.runId(), result.events(), result.distinctMasked(), result.partitioned() ? " (mined in partitions)" : "",
        result.templates(), result.partitions().size());
  }
}
