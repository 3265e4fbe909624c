package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opslake capacity}'s options are checked before Spark starts: a usage error exits 2. */
class CapacityCommandTest {
  @TempDir Path temp;

  @Test
  void aBlankRequestCounterIsAUsageError() {
    CliRun run = CliRun.of("capacity", "--as-of", "2026-10-14", "--request-counter", " ", "--warehouse",
        temp.resolve("wh").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Cannot plan capacity: --request-counter needs a metric name or glob");
  }
}
