package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest --capture-time/--host/--year}: validated before Spark, applied to raw captures. */
class CaptureOptionsCliTest {
  @TempDir Path temp;

  @Test
  void badValuesExitTwoNamingTheOption() {
    CliRun time = CliRun.of("ingest", "--input", temp.toString(), "--warehouse", temp.resolve("w").toString(),
        "--capture-time", "2025-11-15 10h");
    CliRun year = CliRun.of("ingest", "--input", temp.toString(), "--warehouse", temp.resolve("w").toString(),
        "--year", "25");

    assertThat(time.exitCode()).isEqualTo(2);
    assertThat(time.err()).contains(
        "Cannot ingest: --capture-time 2025-11-15 10h is not an ISO 8601 time (e.g. 2025-11-15T10:00:00Z; no zone means UTC)");
    assertThat(year.exitCode()).isEqualTo(2);
    assertThat(year.err()).contains("Cannot ingest: --year 25 is not a year between 2000 and 2999");
  }

  @Test
  void aRawLsofCaptureLandsWithTheHostAndTimeOfItsName() throws IOException {
    SharedSpark.session();
    Path file = temp.resolve("lsof_app-3_2025-11-15T10-00-00Z.txt");
    Files.writeString(file, """
        COMMAND    PID USER   FD      TYPE             DEVICE SIZE/OFF     NODE NAME
        java      4242 app   13u      IPv4             123457      0t0      UDP 10.0.1.5:41234->10.0.0.2:53
        java      4242 app   14u      IPv4             123458      0t0      UDP 10.0.1.5:41235->10.0.0.2:53
        """);
    String warehouse = temp.resolve("warehouse").toString();

    CliRun ingest = CliRun.of("ingest", "--input", file.toString(), "--warehouse", warehouse, "--no-rates");
    CliRun query = CliRun.of("query", "--warehouse", warehouse, "--format", "csv", "-e",
        "SELECT hostname, date_format(ts, \"yyyy-MM-dd'T'HH:mm:ss\") AS ts, name, value, source FROM raw_metrics");

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(query.exitCode()).as(query.err()).isZero();
    assertThat(query.out().trim().split("\\R")).containsExactly(
        "hostname,ts,name,value,source",
        "app-3,2025-11-15T10:00:00,host.lsof.descriptors,2.0,host_stats");
  }
}
