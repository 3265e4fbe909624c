package io.opslake.cli;

import io.opslake.jobs.Jobs;
import io.opslake.errors.OpslakeException;
import io.opslake.ingest.DefaultFormats;
import io.opslake.ingest.IngestJob;
import io.opslake.ingest.IngestOptions;
import io.opslake.ingest.IngestResult;
import io.opslake.jobs.query.QueryJob;
import io.opslake.jobs.query.QueryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake demo}: ingests the committed sample and shows one query. */
@Command(
    name = "demo",
    description = "Ingest the committed sample (sample-data/sample) into the warehouse, print the summary and an example query.",
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  static final String EXAMPLE_QUERY =
      "SELECT source, type, count(*) AS events, round(avg(duration_ms), 1) AS avg_duration_ms\n"
          + "FROM raw_events GROUP BY source, type ORDER BY events DESC LIMIT 15";

  @Option(names = "--sample", paramLabel = "<dir>",
      description = "Sample landing directory (default: $OPSLAKE_HOME/sample-data/sample, else ./sample-data/sample).")
  Path sample;

  @Mixin WarehouseOption warehouse;

  @Override
  public Integer call() throws Exception {
    Path input = sample != null ? sample : defaultSample();
    if (!Files.isDirectory(input)) {
      throw OpslakeException.usage("Cannot run the demo: sample directory " + input + " does not exist");
    }
    SparkSession spark = SparkSessions.create("opslake demo");
    IngestOptions options = IngestOptions.of(List.of(input.toString()), warehouse.uri).withStartedAt(Instant.now());
    IngestResult result = Jobs.ingest(spark, options, Jobs.RatesAfterIngest.REBUILD, err()::println).ingest();
    out().print(Summaries.ingestText(result));
    out().println();
    out().println("Example: bin/opslake query -e \"" + EXAMPLE_QUERY.replace('\n', ' ') + "\"");
    Jobs.query(spark, new QueryOptions(EXAMPLE_QUERY, QueryOptions.OutputFormat.TABLE, Optional.empty(),
        warehouse.uri, 100), out());
    if (!result.succeeded()) {
      throw OpslakeException.data(result.message());
    }
    return 0;
  }

  private static Path defaultSample() {
    String home = System.getenv("OPSLAKE_HOME");
    Path base = home == null ? Path.of(".") : Path.of(home);
    return base.resolve("sample-data/sample");
  }
}
