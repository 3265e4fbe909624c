package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/opslake} as a user does, a new JVM on the packaged runtime jar, for the
 * integration tests that run after {@code package} (Failsafe).
 */
final class BinOpslake {
  static final Path ROOT = Path.of(System.getProperty("opslake.repository.root", "..")).toAbsolutePath().normalize();

  /** One finished run: its exit code and everything it printed. */
  record Run(int exitCode, String out, String err) {}

  private BinOpslake() {}

  /**
   * Runs it in {@code workDir} with a 1 GB heap and none of the caller's {@code OPSLAKE_WAREHOUSE},
   * {@code OPSLAKE_JAVA_OPTS} or {@code OPSLAKE_CDS}, then {@code environment}; fails the test
   * when it runs longer than five minutes.
   */
  static Run run(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/opslake").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().put("OPSLAKE_HEAP", "1g");
    builder.environment().remove("OPSLAKE_WAREHOUSE");
    builder.environment().remove("OPSLAKE_JAVA_OPTS");
    builder.environment().remove("OPSLAKE_CDS");
    builder.environment().putAll(environment);
    Path out = workDir.resolve("out.txt");
    Path err = workDir.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("bin/opslake finished").isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
