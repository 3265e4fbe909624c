package io.opslake.cli;

import io.opslake.jobs.SessionSettings;
import io.opslake.jobs.Jobs;
import io.opslake.errors.OpslakeException;
import io.opslake.jobs.query.QueryJob;
import io.opslake.jobs.query.QueryOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake query}: ad-hoc SQL over every table. */
@Command(
    name = "query",
    description = "Run SQL over the warehouse; every table is a view under its own name.",
    mixinStandardHelpOptions = true)
final class QueryCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = {"-e", "--execute"}, paramLabel = "<sql>", description = "The SQL statement.")
    String sql;

    @Option(names = {"-f", "--file"}, paramLabel = "<file.sql>", description = "A file holding the SQL statement.")
    Path file;
  }

  @Option(names = "--format", defaultValue = "table", paramLabel = "<format>",
      description = "table, csv, json or parquet (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", paramLabel = "<path>", description = "Write the result here instead of stdout (required for parquet).")
  String out;

  @Option(names = "--max-rows", defaultValue = "100", paramLabel = "<n>",
      description = "Rows shown by the table format (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Mixin WarehouseOption warehouse;

  @Override
  public Integer call() throws Exception {
    String sql = source.sql;
    if (sql == null) {
      if (!Files.isRegularFile(source.file)) {
        throw OpslakeException.usage("Cannot run query: --file " + source.file + " does not exist");
      }
      sql = Files.readString(source.file, StandardCharsets.UTF_8);
    }
    QueryOptions options = new QueryOptions(sql, QueryOptions.OutputFormat.parse(format),
        Optional.ofNullable(out), warehouse.uri, maxRows);
    SparkSession spark = SparkSessions.create("opslake query");
    QueryJob.QueryResult result;
    try (SessionSettings settings = SparkSessions.interactive(spark)) {
      result = Jobs.query(spark, options, out());
    }
    if (out != null) {
      err().println("opslake query: wrote " + result.rows() + " rows to " + out);
    }
    return 0;
  }
}
