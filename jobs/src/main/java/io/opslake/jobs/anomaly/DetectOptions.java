package io.opslake.jobs.anomaly;

import io.opslake.errors.OpslakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of {@link DetectJob}: the series CSV to score, where to write the scored CSV, and the
 * detector parameters (always {@link DetectorParameters#DEFAULTS} from the CLI).
 *
 * @param input a CSV with a header holding {@code timestamp} and {@code value} columns
 * @param output the CSV to write, replaced if it exists
 * @param parameters the detector's parameters
 */
public record DetectOptions(Path input, Path output, DetectorParameters parameters) {
  public DetectOptions {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(parameters, "parameters");
    if (!Files.isRegularFile(input)) {
      throw OpslakeException.usage("Cannot detect anomalies: --input " + input + " is not a file");
    }
    if (Files.isDirectory(output)) {
      throw OpslakeException.usage("Cannot detect anomalies: --out " + output + " is a directory");
    }
    if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
      throw OpslakeException.usage("Cannot detect anomalies: --out " + output + " is the input file");
    }
  }

  /** Options with the default detector parameters. */
  public static DetectOptions of(Path input, Path output) {
    return new DetectOptions(input, output, DetectorParameters.DEFAULTS);
  }
}
