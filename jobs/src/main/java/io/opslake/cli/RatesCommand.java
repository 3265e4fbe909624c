package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import org.apache.spark.sql.SparkSession;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.metrics.RatesJob;
import io.opslake.jobs.metrics.RatesOptions;
import io.opslake.jobs.metrics.RatesResult;
import io.opslake.schemas.MetricTypeDeclarations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake rates}: rebuilds metric_rates for a range of days. */
@Command(
    name = "rates",
    description = "Derive per-second rates from counters in raw_metrics (and copy producer rates) into"
        + " metric_rates for the given days, replacing those days (rules: docs/metrics.md).",
    mixinStandardHelpOptions = true)
final class RatesCommand extends JobCommand<RatesOptions> {
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

  @Option(names = "--metric-type", paramLabel = "<name or glob>=<type>",
      description = "Declare a metric's kind, counter, gauge or rate, e.g. 'expvar.Requests=counter' (repeatable;"
          + " * and ? are wildcards over the whole name; before metric_types: in opslake.yaml). Declared counters get rates.")
  List<String> metricTypes = new ArrayList<>();

  @Mixin WarehouseOption warehouse;

  @Override
  void run(SparkSession spark, RatesOptions options, java.io.PrintWriter out, java.io.PrintWriter err)
      throws Exception {
    out.print(Summaries.ratesText(Jobs.rates(spark, options)));
  }

  @Override
  RatesOptions options() throws java.io.IOException {
    RatesOptions options = RatesOptions.range(warehouse.uri, from, to)
        .withMaxInterval(RatesOptions.parseInterval(maxInterval))
        .withStartedAt(Instant.now())
        .withMetricTypes(MetricTypeDeclarations.parse(metricTypes, "Cannot derive rates: --metric-type")
            .followedBy(config().metricTypes()));
    if (maxRate != null) {
      options = options.withMaxRate(maxRate);
    }
    return options;
  }
}
