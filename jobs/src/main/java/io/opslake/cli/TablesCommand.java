package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import org.apache.spark.sql.SparkSession;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.catalog.TablesJob;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake tables}: what the warehouse holds. */
@Command(
    name = "tables",
    description = "List tables with their columns (and meaning), partitions and row counts.",
    mixinStandardHelpOptions = true)
final class TablesCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Mixin WarehouseOption warehouse;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<TablesJob.TableInfo> tables = Jobs.tables(SparkSessions.create("opslake tables"), warehouse.uri);
    if (json) {
      out().print(Summaries.toJson(tables));
      return 0;
    }
    StringBuilder text = new StringBuilder();
    for (TablesJob.TableInfo table : tables) {
      text.append(String.format(Locale.ROOT, "%s — %s%n  location: %s%n  rows: %d, partitions: %s%n",
          table.name(), table.description(), table.location(), table.rows(), describe(table.partitions())));
      for (TablesJob.ColumnInfo column : table.columns()) {
        text.append(String.format(Locale.ROOT, "    %-18s %-20s %s%n", column.name(), column.type(), column.doc()));
      }
      text.append(System.lineSeparator());
    }
    out().print(text);
    return 0;
  }

  private static String describe(List<String> partitions) {
    if (partitions.isEmpty()) {
      return "none";
    }
    if (partitions.size() <= 3) {
      return partitions.size() + " (" + String.join(", ", partitions) + ")";
    }
    return partitions.size() + " (" + partitions.get(0) + " … " + partitions.get(partitions.size() - 1) + ")";
  }
}
