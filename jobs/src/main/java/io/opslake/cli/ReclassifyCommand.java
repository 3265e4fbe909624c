package io.opslake.cli;

import io.opslake.jobs.Jobs;
import io.opslake.errors.OpslakeException;
import io.opslake.storage.Warehouse;
import io.opslake.jobs.events.ReclassifyJob;
import io.opslake.jobs.events.ReclassifyOptions;
import io.opslake.jobs.events.ReclassifyResult;
import io.opslake.jobs.events.TemplateAssigners;
import io.opslake.jobs.rules.RuleSet;
import io.opslake.jobs.rules.RulesLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opslake reclassify}: rebuilds {@code events} from {@code raw_events} with rules. */
@Command(
    name = "reclassify",
    description = "Rebuild the events table for a date range from raw_events with versioned rules"
        + " (docs/rules.md); --dry-run prints the type transitions without changing events.",
    mixinStandardHelpOptions = true)
final class ReclassifyCommand extends JobCommand<ReclassifyOptions> {
  @Option(names = "--from", paramLabel = "<date>", description = "First event date (UTC, YYYY-MM-DD).")
  String from;

  @Option(names = "--to", paramLabel = "<date>", description = "Last event date, inclusive (default: --from).")
  String to;

  @Option(names = "--rules", paramLabel = "<file>",
      description = "Rules file (default: the shipped default rules; see --print-default-rules).")
  Path rules;

  @Option(names = "--dry-run", description = "Only print and write the transition table; events is not changed.")
  boolean dryRun;

  @Option(names = "--report", paramLabel = "<uri>",
      description = "Where to write the transition table as CSV (default: <warehouse>/_opslake/reclassify/<run>/transitions.csv).")
  String report;

  @Option(names = "--print-default-rules", description = "Print the shipped default rules file and exit.")
  boolean printDefaultRules;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Mixin WarehouseOption warehouse;

  @Override
  public Integer call() throws Exception {
    if (printDefaultRules) {
      spec.commandLine().getOut().print(new String(RulesLoader.defaultRulesBytes(), StandardCharsets.UTF_8));
      return 0;
    }
    // Rules and dates are validated before Spark starts or any data is read.
    return super.call();
  }

  @Override
  void run(SparkSession spark, ReclassifyOptions options, java.io.PrintWriter out, java.io.PrintWriter err)
      throws Exception {
    print(Jobs.reclassify(spark, options), out);
  }

  @Override
  ReclassifyOptions options() {
    if (to != null) {
      ReclassifyOptions.date("--to", to);
    }
    return ReclassifyOptions.of(warehouse.uri, from, to, Optional.ofNullable(rules),
        dryRun ? ReclassifyOptions.Mode.DRY_RUN : ReclassifyOptions.Mode.APPLY, Optional.ofNullable(report));
  }

  private void print(ReclassifyResult result, java.io.PrintWriter out) throws Exception {
    out.print(json ? Summaries.resultJson(result) : text(result));
  }

  static String text(ReclassifyResult result) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "reclassify %s %s..%s%s in %.1f s, rules %s (version %s)%n",
        result.runId(), result.from(), result.to(), result.dryRun() ? " DRY RUN (events unchanged)" : "",
        result.elapsed().toMillis() / 1000.0, result.rulesFile(), result.rulesVersion()));
    text.append(String.format(Locale.ROOT, "  read %d, duplicates dropped %d, %s %d, type changed %d%n",
        result.read(), result.duplicates(), result.dryRun() ? "would write" : "written", result.written(),
        result.changed()));
    if (!result.dryRun()) {
      text.append("  partitions replaced: ").append(result.dates().isEmpty() ? "none" : String.join(", ", result.dates()))
          .append(System.lineSeparator());
    }
    text.append(String.format(Locale.ROOT, "  %-20s %-20s %10s %8s  %s%n", "old_type", "new_type", "count", "share",
        "examples"));
    for (ReclassifyResult.Transition t : result.transitions()) {
      text.append(String.format(Locale.ROOT, "  %-20s %-20s %10d %7.3f%%  %s%n", t.from() == null ? "(none)" : t.from(),
          t.to() == null ? "(none)" : t.to(), t.count(), t.share() * 100, String.join(" ", t.examples())));
    }
    text.append("  transition table: ").append(result.report()).append(System.lineSeparator());
    return text.toString();
  }
}
