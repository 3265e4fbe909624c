package io.opslake.cli;

import io.opslake.jobs.Jobs;
import io.opslake.jobs.anomaly.DetectOptions;
import io.opslake.jobs.anomaly.DetectResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opslake detect}: score one series CSV with the streaming anomaly detector, no Spark. */
@Command(
    name = "detect",
    description = "Score every point of one series (CSV timestamp,value) for anomalies, causally, and write"
        + " timestamp,value,anomaly_score,is_anomaly (method: docs/algorithms.md).",
    mixinStandardHelpOptions = true)
final class DetectCommand implements Callable<Integer> {
  /** Rows warned about beyond this many are counted in the summary but not printed one by one. */
  static final int PRINTED_WARNINGS = 20;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "<file.csv>",
      description = "The series: a CSV with a header holding timestamp and value columns.")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "<file.csv>", description = "Where to write the scored CSV.")
  Path out;

  @Option(names = "--json", description = "Print the summary as JSON on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    long[] warnings = {0};
    DetectResult result = Jobs.detect(DetectOptions.of(input, out), warning -> {
      if (++warnings[0] <= PRINTED_WARNINGS) {
        err.println("opslake detect: warning: " + warning);
      }
    });
    if (warnings[0] > PRINTED_WARNINGS) {
      err.printf(Locale.ROOT, "opslake detect: warning: %d more rows warned about, not shown%n",
          warnings[0] - PRINTED_WARNINGS);
    }
    err.print(Summaries.detectText(result, out));
    err.flush();
    if (json) {
      spec.commandLine().getOut().print(Summaries.resultJson(new Summaries.DetectSummary(result, out.toString())));
    }
    return 0;
  }
}
