package io.opslake.cli;

import io.opslake.jobs.Jobs;
import io.opslake.errors.OpslakeException;
import io.opslake.ingest.DefaultFormats;
import io.opslake.ingest.IngestJob;
import io.opslake.ingest.IngestOptions;
import io.opslake.ingest.IngestResult;
import io.opslake.storage.Warehouse;
import io.opslake.jobs.metrics.RatesJob;
import io.opslake.jobs.metrics.RatesOptions;
import io.opslake.jobs.metrics.RatesResult;
import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.capture.CaptureOptions;
import io.opslake.schemas.MetricTypeDeclarations;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.ArrayList;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake ingest}: lands raw files in the warehouse. */
@Command(
    name = "ingest",
    description = "Ingest raw monitoring files (plain or gzip) into raw_events, raw_metrics and quarantine.",
    mixinStandardHelpOptions = true)
final class IngestCommand extends JobCommand<IngestOptions> {
  @Option(names = {"-i", "--input"}, required = true, paramLabel = "<file|dir|glob>",
      description = "Input files, directories (recursive) or globs; repeatable.")
  List<String> inputs;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "<name>",
      description = "auto (detect per file) or one of: ${COMPLETION-CANDIDATES}.",
      completionCandidates = FormatNames.class)
  String format;

  @Option(names = "--line-format", paramLabel = "<layout>",
      description = "With --format plaintext: the line layout in the log-parsing benchmarks' convention, "
          + "e.g. '<Date> <Time> <Level> <Component>: <Content>' (needs <Content> and <Time> or <Timestamp>).")
  String lineFormat;

  @Option(names = "--capture-time", paramLabel = "<ISO time>",
      description = "Time of a one-off capture (e.g. 2025-11-15T10:00:00Z; no zone means UTC), for records without their own;"
          + " wins over header lines and file names.")
  String captureTime;

  @Option(names = "--host", paramLabel = "<name>",
      description = "Host of a one-off capture, for records without their own; wins over header lines and file names.")
  String host;

  @Option(names = "--year", paramLabel = "<yyyy>",
      description = "Year of times written without one (syslog's 'Jun 14 15:16:01'); default: from the capture time.")
  String year;

  @Mixin WarehouseOption warehouse;

  @Option(names = "--max-bad-ratio", defaultValue = "0.01", paramLabel = "<ratio>",
      description = "Fail (exit 1) when quarantined/read exceeds this; quarantine and the run record are still written (default: ${DEFAULT-VALUE}).")
  double maxBadRatio;

  @Option(names = "--max-line-bytes", defaultValue = "1048576", paramLabel = "<bytes>",
      description = "Quarantine lines longer than this (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Option(names = "--metric-type", paramLabel = "<name or glob>=<type>",
      description = "Declare a metric's kind, counter, gauge or rate, e.g. 'expvar.Requests=counter' (repeatable;"
          + " * and ? are wildcards over the whole name; before metric_types: in opslake.yaml). Declared counters get rates.")
  List<String> metricTypes = new ArrayList<>();

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Option(names = "--no-rates",
      description = "Do not rebuild metric_rates for the days this run wrote metrics into (see `opslake rates`).")
  boolean noRates;

  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Arrays.stream(InputFormat.values()).map(InputFormat::id).iterator();
    }
  }

  @Override
  void run(SparkSession spark, IngestOptions options, java.io.PrintWriter out, java.io.PrintWriter err)
      throws Exception {
    Jobs.IngestOutcome outcome = Jobs.ingest(spark, options,
        noRates ? Jobs.RatesAfterIngest.SKIP : Jobs.RatesAfterIngest.REBUILD, err::println);
    IngestResult result = outcome.ingest();
    RatesResult rates = outcome.rates().orElse(null);
    out.print(json ? Summaries.ingestJson(result, rates) : Summaries.ingestText(result));
    if (rates != null && !json) {
      out.println("  rates dt=" + String.join(",", rates.dates()) + ": " + Summaries.ratesLine(rates));
    }
    out.flush();
    if (!result.succeeded()) {
      throw OpslakeException.data(result.message());
    }
  }

  @Override
  IngestOptions options() throws java.io.IOException {
    Optional<InputFormat> chosen = Optional.empty();
    if (!format.equals("auto")) {
      chosen = Optional.of(InputFormat.fromId(format).orElseThrow(() -> OpslakeException.usage(
          "Cannot ingest: --format " + format + " is not auto or one of "
              + Arrays.stream(InputFormat.values()).map(InputFormat::id).collect(Collectors.joining(", ")))));
    }
    return new IngestOptions(
        inputs, chosen, warehouse.uri, maxBadRatio, maxLineBytes, Instant.now(), Optional.ofNullable(lineFormat),
        CaptureOptions.parse(captureTime, host, year),
        MetricTypeDeclarations.parse(metricTypes, "Cannot ingest: --metric-type").followedBy(config().metricTypes()));
  }
}
