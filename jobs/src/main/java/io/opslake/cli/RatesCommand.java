package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import org.apache.spark.sql.SparkSession;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.metrics.RatesJob;
import io.opslake.jobs.metrics.RatesOptions;
import io.opslake.jobs.metrics.RatesResult;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake rates}: rebuilds metric_rates for a range of days. */
@Command(
    name = "rates",
    description = "Derive per-second rates from counters in raw_metrics (and copy producer rates) into"
        + " metric_rates for the given days, replacing those days (rules: docs/metrics.md).",
    mixinStandardHelpOptions = true)
final class RatesCommand implements Callable<Integer>, JobCommand {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "<date>", description = "First day, UTC (YYYY-MM-DD).")
  String from;

  @Option(names = "--to", required = true, paramLabel = "<date>", description = "Last day, UTC, inclusive (YYYY-MM-DD).")
  String to;

  @Option(names = "--max-interval", defaultValue = "15m", paramLabel = "<duration>",
      description = "Longest interval a rate may span, e.g. 90s, 15m, 1h; longer ones are gaps (default: ${DEFAULT-VALUE}, at most 24h).")
  String maxInterval;

  @Option(names = "--max-rate", paramLabel = "<per-second>",
      description = "Drop derived rates above this as implausible (default: no cap).")
  Double maxRate;

  @Mixin WarehouseOption warehouse;

  @Override
  public Integer call() throws Exception {
    RatesOptions options = options();
    print(Jobs.rates(SparkSessions.create("opslake rates"), options), spec.commandLine().getOut());
    return 0;
  }

  @Override
  public void run(SparkSession spark, java.io.PrintWriter out, java.io.PrintWriter err) throws Exception {
    print(Jobs.rates(spark, options()), out);
  }

  private static void print(RatesResult result, java.io.PrintWriter out) {
    out.print(Summaries.ratesText(result));
  }

  private RatesOptions options() {
    RatesOptions options = RatesOptions.range(warehouse.uri, from, to)
        .withMaxInterval(RatesOptions.parseInterval(maxInterval))
        .withStartedAt(Instant.now());
    if (maxRate != null) {
      options = options.withMaxRate(maxRate);
    }
    return options;
  }
}
