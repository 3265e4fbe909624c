package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opslake detect} end to end in-process: every malformed-input case with its message and exit code. */
class DetectCommandTest {
  private static final String NL = System.lineSeparator();

  @TempDir Path temp;

  private Path csv(String name, String... lines) throws IOException {
    Path file = temp.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  private static String[] series(int rows) {
    List<String> lines = new ArrayList<>();
    lines.add("timestamp,value");
    for (int i = 0; i < rows; i++) {
      lines.add(String.format("2014-04-01 %02d:%02d:00,%d", i / 60, i % 60, 10 + i % 3));
    }
    return lines.toArray(String[]::new);
  }

  @Test
  void writesOneScoredRowPerInputRowAndASummary() throws IOException {
    Path input = csv("s.csv", series(40));
    Path out = temp.resolve("out.csv");

    CliRun run = CliRun.of("detect", "--input", input.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("detect: 40 rows, 0 anomalies, 0 rows warned about, warm-up 6 rows, season none;"
        + " wrote " + out + NL);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(41);
    assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,is_anomaly");
    assertThat(lines.get(1)).startsWith("2014-04-01 00:00:00,10,").endsWith(",false");
    assertThat(lines.get(40)).startsWith("2014-04-01 00:39:00,10,");
  }

  @Test
  void jsonSummaryGoesToStdout() throws IOException {
    Path input = csv("s.csv", series(20));
    Path out = temp.resolve("out.csv");

    CliRun run = CliRun.of("detect", "--input", input.toString(), "--out", out.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"rows_read\" : 20", "\"rows_written\" : 20", "\"anomalies\" : 0",
        "\"rows_warned\" : 0", "\"warmup_rows\" : 3", "\"period_seconds\" : 0");
  }

  @Test
  void isoTimestampsAndExtraColumnsAreAccepted() throws IOException {
    Path input = csv("iso.csv", "host,value,timestamp", "a,1.5,2014-04-01T00:00:00Z",
        "a,2.5,2014-04-01T00:05:00+02:00", "a,3,2014-04-01T00:10:00.250");
    Path out = temp.resolve("out.csv");

    CliRun run = CliRun.of("detect", "--input", input.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllLines(out)).extracting(line -> line.substring(0, line.lastIndexOf(',', line.lastIndexOf(',') - 1)))
        .containsExactly("timestamp,value", "2014-04-01T00:00:00Z,1.5", "2014-04-01T00:05:00+02:00,2.5",
            "2014-04-01T00:10:00.250,3");
  }

  @Test
  void emptyOrNonNumericValuesAreWrittenWithoutAScoreAndWarnedAbout() throws IOException {
    Path input = csv("v.csv", "timestamp,value", "2014-04-01 00:00:00,1", "2014-04-01 00:05:00,",
        "2014-04-01 00:10:00,abc", "2014-04-01 00:15:00,NaN", "2014-04-01 00:20:00");
    Path out = temp.resolve("out.csv");

    CliRun run = CliRun.of("detect", "--input", input.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEqualTo(
        "opslake detect: warning: line 3 of " + input + ": value '' is not a number; row written without a score" + NL
        + "opslake detect: warning: line 4 of " + input + ": value 'abc' is not a number; row written without a score" + NL
        + "opslake detect: warning: line 5 of " + input + ": value 'NaN' is not a number; row written without a score" + NL
        + "opslake detect: warning: line 6 of " + input + ": value '' is not a number; row written without a score" + NL
        + "detect: 5 rows, 0 anomalies, 4 rows warned about, warm-up 0 rows, season none; wrote " + out + NL);
    assertThat(Files.readAllLines(out)).containsExactly("timestamp,value,anomaly_score,is_anomaly",
        "2014-04-01 00:00:00,1,0.000000,false", "2014-04-01 00:05:00,,,false", "2014-04-01 00:10:00,abc,,false",
        "2014-04-01 00:15:00,NaN,,false", "2014-04-01 00:20:00,,,false");
  }

  @Test
  void duplicateAndOutOfOrderTimestampsAreScoredInFileOrderAndWarnedAbout() throws IOException {
    Path input = csv("t.csv", "timestamp,value", "2014-04-01 00:05:00,1", "2014-04-01 00:05:00,2",
        "2014-04-01 00:00:00,3", "2014-04-01 00:10:00,4");
    Path out = temp.resolve("out.csv");

    CliRun run = CliRun.of("detect", "--input", input.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEqualTo(
        "opslake detect: warning: line 3 of " + input + ": timestamp 2014-04-01 00:05:00 repeats line 2's; scored in"
            + " file order" + NL
        + "opslake detect: warning: line 4 of " + input + ": timestamp 2014-04-01 00:00:00 is before line 2's; scored"
            + " in file order" + NL
        + "detect: 4 rows, 0 anomalies, 2 rows warned about, warm-up 0 rows, season none; wrote " + out + NL);
    assertThat(Files.readAllLines(out)).hasSize(5).extracting(line -> line.split(",")[1]).containsExactly(
        "value", "1", "2", "3", "4");
  }

  @Test
  void aMissingColumnIsAUsageErrorNamingLineOne() throws IOException {
    Path input = csv("c.csv", "timestamp,val", "2014-04-01 00:00:00,1");

    CliRun run = CliRun.of("detect", "--input", input.toString(), "--out", temp.resolve("o.csv").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("opslake detect: Cannot detect anomalies: line 1 of " + input
        + ": no value column (header: timestamp,val)" + NL);
    assertThat(temp.resolve("o.csv")).doesNotExist();

    Path noTime = csv("n.csv", "time,value", "2014-04-01 00:00:00,1");
    assertThat(CliRun.of("detect", "--input", noTime.toString(), "--out", temp.resolve("o.csv").toString()).err())
        .isEqualTo("opslake detect: Cannot detect anomalies: line 1 of " + noTime
            + ": no timestamp column (header: time,value)" + NL);
  }

  @Test
  void anUnreadableOrMissingTimestampIsAUsageErrorNamingItsLineAndNothingIsWritten() throws IOException {
    Path input = csv("d.csv", "timestamp,value", "2014-04-01 00:00:00,1", "yesterday,2");
    Path out = temp.resolve("o.csv");

    CliRun run = CliRun.of("detect", "--input", input.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("opslake detect: Cannot detect anomalies: line 3 of " + input
        + ": timestamp 'yesterday' is not a date and time (want 2014-04-01 00:00:00 or ISO 8601)" + NL);
    assertThat(out).doesNotExist();

    Path blank = csv("b.csv", "timestamp,value", "2014-04-01 00:00:00,1", ",2");
    CliRun blankRun = CliRun.of("detect", "--input", blank.toString(), "--out", out.toString());
    assertThat(blankRun.exitCode()).isEqualTo(2);
    assertThat(blankRun.err()).isEqualTo("opslake detect: Cannot detect anomalies: line 3 of " + blank
        + ": no timestamp" + NL);
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path missing = temp.resolve("nope.csv");
    CliRun noFile = CliRun.of("detect", "--input", missing.toString(), "--out", temp.resolve("o.csv").toString());
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(noFile.err()).isEqualTo("opslake detect: Cannot detect anomalies: --input " + missing
        + " is not a file" + NL);

    Path empty = csv("empty.csv");
    CliRun emptyRun = CliRun.of("detect", "--input", empty.toString(), "--out", temp.resolve("o.csv").toString());
    assertThat(emptyRun.exitCode()).isEqualTo(2);
    assertThat(emptyRun.err()).isEqualTo("opslake detect: Cannot detect anomalies: " + empty
        + " is empty (want a header: timestamp,value)" + NL);

    Path input = csv("s.csv", series(3));
    CliRun same = CliRun.of("detect", "--input", input.toString(), "--out", input.toString());
    assertThat(same.exitCode()).isEqualTo(2);
    assertThat(same.err()).isEqualTo("opslake detect: Cannot detect anomalies: --out " + input + " is the input file" + NL);

    assertThat(CliRun.of("detect", "--input", input.toString()).exitCode()).isEqualTo(2);
  }
}
