package io.opslake.cli;

import io.opslake.errors.OpslakeException;
import io.opslake.sampledata.Compression;
import io.opslake.sampledata.GenerationResult;
import io.opslake.sampledata.GeneratorOptions;
import io.opslake.sampledata.SampleFormat;
import io.opslake.sampledata.ScenarioGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opslake generate}: the deterministic sample scenario. */
@Command(
    name = "generate",
    description = "Generate a realistic production scenario in every input format, with its ground truth"
        + " (<out>/_scenario.json; see sample-data/SCENARIO.md).",
    mixinStandardHelpOptions = true)
final class GenerateCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Option(names = "--days", defaultValue = "7", description = "Days to generate (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--hosts", defaultValue = "4", description = "Base size of the web fleet (default: ${DEFAULT-VALUE}).")
  int hosts;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Landing directory to write.")
  Path out;

  @Option(names = "--start", defaultValue = "2026-10-01", paramLabel = "<date>", description = "First day, UTC (default: ${DEFAULT-VALUE}).")
  String start;

  @Option(names = "--formats", split = ",", paramLabel = "<format>",
      description = "Formats to write (default: all): app_events, app_events_edn, journald, zap, plaintext, statsd, dcos_metrics, host_stats.")
  List<String> formats;

  @Option(names = "--compress", defaultValue = "gzip", description = "gzip or none (default: ${DEFAULT-VALUE}).")
  String compress;

  @Option(names = "--page-loads-per-host-hour", defaultValue = "120", description = "Traffic scale (default: ${DEFAULT-VALUE}).")
  int pageLoadsPerHostHour;

  @Option(names = "--malformed-ratio", defaultValue = "0.005", description = "Malformed records per valid record (default: ${DEFAULT-VALUE}).")
  double malformedRatio;

  @Override
  public Integer call() {
    LocalDate startDate;
    try {
      startDate = LocalDate.parse(start);
    } catch (java.time.format.DateTimeParseException e) {
      throw OpslakeException.usage("Cannot generate sample data: --start " + start + " is not a date");
    }
    Set<SampleFormat> chosen = EnumSet.allOf(SampleFormat.class);
    if (formats != null && !formats.isEmpty()) {
      chosen = EnumSet.noneOf(SampleFormat.class);
      for (String name : formats) {
        chosen.add(SampleFormat.fromId(name.trim()).orElseThrow(() -> OpslakeException.usage(
            "Cannot generate sample data: --formats " + name + " is not one of "
                + String.join(", ", Arrays.stream(SampleFormat.values()).map(SampleFormat::id).toList()))));
      }
    }
    Compression compression = switch (compress.toLowerCase(Locale.ROOT)) {
      case "gzip" -> Compression.GZIP;
      case "none" -> Compression.NONE;
      default -> throw OpslakeException.usage(
          "Cannot generate sample data: --compress " + compress + " is not gzip or none");
    };
    GeneratorOptions options = new GeneratorOptions(days, hosts, seed, out, startDate, chosen, compression,
        pageLoadsPerHostHour, malformedRatio);
    GenerationResult result = new ScenarioGenerator(line -> err().println("generate " + line)).generate(options);
    out().printf(Locale.ROOT, "generated %d files, %.1f MB in %s%n", result.files().size(), result.bytes() / 1e6, out);
    for (SampleFormat format : SampleFormat.values()) {
      if (chosen.contains(format)) {
        out().printf(Locale.ROOT, "  %-16s %10d valid %8d malformed%n", format.id(),
            result.validRecords(format), result.malformedRecords(format));
      }
    }
    out().println("  ground truth: " + result.scenarioFile());
    return 0;
  }
}
