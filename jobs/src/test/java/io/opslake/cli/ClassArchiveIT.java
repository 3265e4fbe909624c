package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/opslake}'s class-data sharing archive ({@code OPSLAKE_CDS=on}), end to end on the packaged jar: a failed
 * command's archive is dropped, a successful Spark command's is checked and kept by the next run,
 * which then maps it; output and exit codes are the same throughout (JVM notices never reach
 * stdout). Runs after {@code package} (Failsafe).
 */
class ClassArchiveIT {
  private static final Path CDS = BinOpslake.ROOT.resolve("jobs/target/cds");

  @TempDir Path temp;

  private BinOpslake.Run opslake(Map<String, String> environment, String... args) throws Exception {
    Map<String, String> withArchive = new java.util.HashMap<>(environment);
    withArchive.put("OPSLAKE_CDS", "on");
    return BinOpslake.run(temp, withArchive, args);
  }

  private static List<String> archiveFiles() throws IOException {
    if (!Files.isDirectory(CDS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(CDS)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  private BinOpslake.Run ingestOneDatapoint(Map<String, String> environment, String warehouse) throws Exception {
    Path input = temp.resolve("web-1.statsd.log");
    Files.writeString(input, "1790812801.123 page.load:547|ms\n");
    return opslake(environment, "ingest", "--json", "--input", input.toString(), "--format", "statsd",
        "--warehouse", temp.resolve(warehouse).toString());
  }

  @Test
  void theFirstSuccessfulSparkCommandWritesTheArchiveAndLaterRunsMapIt() throws Exception {
    deleteArchives();

    BinOpslake.Run usageError = opslake(Map.of(), "reclassify", "--from", "2026-02-30", "--warehouse", temp.resolve("w0").toString());
    assertThat(usageError.exitCode()).isEqualTo(2);
    assertThat(usageError.err()).isEqualTo("opslake reclassify: Cannot reclassify events: --from 2026-02-30 is not a date\n");
    assertThat(archiveFiles()).as("a failed command's archive has no marker").noneMatch(name -> name.endsWith(".ok"));

    BinOpslake.Run writing = ingestOneDatapoint(Map.of(), "w1");
    assertThat(writing.exitCode()).as(writing.err()).isZero();
    assertThat(archiveFiles()).as("the failed run's archive was dropped, this one's kept with its marker")
        .hasSize(2).anyMatch(name -> name.matches("opslake-\\d+\\.jsa\\.\\d+\\.ok"));

    // -Xshare:on makes the JVM fail instead of running without the archive.
    BinOpslake.Run mapping = ingestOneDatapoint(Map.of("OPSLAKE_JAVA_OPTS", "-Xshare:on"), "w2");
    assertThat(mapping.exitCode()).as(mapping.err()).isZero();
    assertThat(archiveFiles()).singleElement().satisfies(name -> assertThat(name).matches("opslake-\\d+\\.jsa"));

    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(writing.out());
    JsonNode second = json.readTree(mapping.out());
    assertThat(first.path("rows_written").path("raw_metrics").asLong()).isEqualTo(1);
    assertThat(second.path("rows_written").path("raw_metrics").asLong()).isEqualTo(1);
    assertThat(second.path("quarantined").asLong()).isZero();

    // JFR's class-file hook and archived application classes crash this JDK 17: the script must
    // not map the archive when the options start JFR.
    BinOpslake.Run withRecorder = ingestOneDatapoint(Map.of("OPSLAKE_JAVA_OPTS",
        "-XX:StartFlightRecording=filename=" + temp.resolve("run.jfr")), "w3");
    assertThat(withRecorder.exitCode()).as(withRecorder.err()).isZero();
    // JFR itself prints its start-up notice on stdout ahead of the summary.
    String summary = withRecorder.out().substring(withRecorder.out().indexOf('{'));
    assertThat(json.readTree(summary).path("rows_written").path("raw_metrics").asLong()).isEqualTo(1);
  }

  private static void deleteArchives() throws IOException {
    for (String name : archiveFiles()) {
      Files.delete(CDS.resolve(name));
    }
  }
}
