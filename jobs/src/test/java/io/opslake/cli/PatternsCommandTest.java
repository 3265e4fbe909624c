package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.jobs.templates.TemplateIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternsCommandTest {
  @TempDir Path temp;

  @Test
  void writesOneRowPerLineAndCountsLinesOutsideTheFormat() throws IOException {
    Path log = temp.resolve("sshd.log");
    Files.write(log, List.of(
        "Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186",
        "Dec 10 06:55:48 LabSZ sshd[24203]: Connection closed by 212.47.254.145 [preauth]",
        "-- MARK --",
        "Dec  10 07:02:47 LabSZ sshd[24206]: Invalid user test9 from 52.80.34.196",
        "Dec 10 07:07:38 LabSZ sshd[24208]: Connection closed by 5.36.59.76 [preauth]",
        "Dec 10 07:08:28 LabSZ sshd[24210]: Invalid user admin from 103.99.0.122, \"quoted\""));
    Path csv = temp.resolve("out.csv");

    CliRun run = CliRun.of("patterns", "--input", log.toString(),
        "--line-format", "<Date> <Day> <Time> <Component> sshd[<Pid>]: <Content>", "--out", csv.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("patterns: 6 lines, 3 templates, 1 lines not matching the line format, "
        + "0 blank messages; wrote " + csv + System.lineSeparator());
    String invalid = TemplateIds.of("Invalid user <*> from <*>");
    String closed = TemplateIds.of("Connection closed by <*> [preauth]");
    assertThat(Files.readAllLines(csv)).containsExactly(
        "line,template_id,template",
        "1," + invalid + ",Invalid user <*> from <*>",
        "2," + closed + ",Connection closed by <*> [preauth]",
        "3,,",
        "4," + invalid + ",Invalid user <*> from <*>",
        "5," + closed + ",Connection closed by <*> [preauth]",
        "6," + TemplateIds.of("Invalid user admin from <*>, \"quoted\"") + ",\"Invalid user admin from <*>, \"\"quoted\"\"\"");
  }

  @Test
  void withoutALineFormatTheWholeLineIsMined() throws IOException {
    Path log = temp.resolve("plain.log");
    Files.write(log, List.of("stream opened", "stream closed", "", "stream opened"));
    Path csv = temp.resolve("out.csv");

    CliRun run = CliRun.of("patterns", "--input", log.toString(), "--out", csv.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("patterns: 4 lines, 2 templates, 0 lines not matching the line format, 1 blank messages");
    assertThat(Files.readAllLines(csv)).containsExactly("line,template_id,template",
        "1," + TemplateIds.of("stream opened") + ",stream opened",
        "2," + TemplateIds.of("stream closed") + ",stream closed",
        "3,,",
        "4," + TemplateIds.of("stream opened") + ",stream opened");
  }

  @Test
  void usageErrorsExitTwo() {
    CliRun missing = CliRun.of("patterns", "--input", temp.resolve("nope.log").toString(), "--out", temp.resolve("o.csv").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("opslake patterns: Cannot mine patterns: --input " + temp.resolve("nope.log")
        + " is not a file" + System.lineSeparator());

    CliRun badFormat = CliRun.of("patterns", "--input", temp.toString(), "--line-format", "no fields",
        "--out", temp.resolve("o.csv").toString());
    assertThat(badFormat.exitCode()).isEqualTo(2);
    assertThat(badFormat.err()).startsWith("opslake patterns: Cannot use line format no fields: it has no <Field>");
  }
}
