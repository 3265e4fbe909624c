package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Options of a Universal Scalability Law fit.
 *
 * @param input a CSV file with a header; the first column is the load (concurrency or number of
 *     servers), the second the throughput ({@link UslCsv})
 */
public record UslOptions(Path input) {
  public UslOptions {
    if (input == null) {
      throw OpslakeException.usage("Cannot fit USL: --input is missing");
    }
    if (!Files.isRegularFile(input)) {
      throw OpslakeException.usage("Cannot fit USL: --input " + input + " is not a file");
    }
  }
}
