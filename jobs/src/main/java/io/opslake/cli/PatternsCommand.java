package io.opslake.cli;

import io.opslake.ingest.format.plaintext.LineFormat;
import io.opslake.jobs.templates.FilePatterns;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opslake patterns}: mine the templates of one log file, no warehouse, no Spark. */
@Command(
    name = "patterns",
    description = "Mine message templates from one log file and write line,template_id,template as CSV.",
    mixinStandardHelpOptions = true)
final class PatternsCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "<file>", description = "The log file (plain or gzip).")
  Path input;

  @Option(names = "--line-format", paramLabel = "<layout>",
      description = "Line layout, e.g. '<Date> <Time> <Level> <Component>: <Content>'; <Content> is mined"
          + " (default: the whole line).")
  String lineFormat;

  @Option(names = "--out", required = true, paramLabel = "<file.csv>", description = "Where to write the CSV.")
  Path out;

  @Override
  public Integer call() throws Exception {
    LineFormat format = lineFormat == null ? null : LineFormat.compile(lineFormat);
    FilePatterns.Result result = FilePatterns.run(input, format, out);
    spec.commandLine().getOut().printf(Locale.ROOT,
        "patterns: %d lines, %d templates, %d lines not matching the line format, %d blank messages; wrote %s%n",
        result.lines(), result.templates(), result.unmatched(), result.blank(), out);
    return 0;
  }
}
