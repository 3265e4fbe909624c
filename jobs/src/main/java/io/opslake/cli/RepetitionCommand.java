package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import org.apache.spark.sql.SparkSession;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.events.ReclassifyOptions;
import io.opslake.jobs.repetition.RepetitionJob;
import io.opslake.jobs.repetition.RepetitionOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake repetition}: how fingerprints and templates repeat (periodic, bursty, after restarts). */
@Command(
    name = "repetition",
    description = "Analyze how each fingerprint and template of events repeats over a window and write the"
        + " repetition partition dt=<to> (docs/rules.md#repetition).",
    mixinStandardHelpOptions = true)
final class RepetitionCommand extends JobCommand<RepetitionOptions> {
  @Option(names = "--from", required = true, paramLabel = "<date>", description = "First event date of the window.")
  String from;

  @Option(names = "--to", paramLabel = "<date>", description = "Last event date (default: --from).")
  String to;

  @Option(names = "--restart-types", split = ",", paramLabel = "<type>",
      description = "Event types that mark a restart (default: app_start,service_start).")
  List<String> restartTypes = RepetitionOptions.DEFAULT_RESTART_TYPES;

  @Option(names = "--restart-window-minutes", defaultValue = "30", paramLabel = "<minutes>",
      description = "An event within this many minutes after its host's restart follows it (default: ${DEFAULT-VALUE}).")
  long restartWindowMinutes;

  @Mixin WarehouseOption warehouse;

  @Override
  void run(SparkSession spark, RepetitionOptions options, java.io.PrintWriter out, java.io.PrintWriter err)
      throws Exception {
    print(Jobs.repetition(spark, options), out);
  }

  @Override
  RepetitionOptions options() {
    return new RepetitionOptions(warehouse.uri,
        ReclassifyOptions.date("--from", from), ReclassifyOptions.date("--to", to == null ? from : to),
        restartTypes, Duration.ofMinutes(restartWindowMinutes));
  }

  private static void print(RepetitionJob.RepetitionResult result, java.io.PrintWriter out) {
    out.printf(Locale.ROOT,
        "repetition %s wrote %s: %d fingerprints, %d templates; %d periodic, %d bursty, %d recurring after restarts%n",
        result.runId(), result.partition(), result.fingerprints(), result.templates(), result.periodic(),
        result.bursty(), result.recurringAfterRestart());
  }
}
