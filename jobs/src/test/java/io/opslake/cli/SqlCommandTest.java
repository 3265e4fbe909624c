package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.jobs.Jobs;
import io.opslake.jobs.query.SqlSession;
import io.opslake.testing.SharedSpark;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opslake sql} on a warehouse of hand-written app events: 7 page loads and 2 exceptions on
 * 2026-10-01, 3 page loads on 2026-10-02. Scripts (a file, or standard input) go through the same
 * shell as the terminal, apart from line editing.
 */
class SqlCommandTest {
  @TempDir static Path temp;
  static String warehouse;
  static Path landing;

  @BeforeAll
  static void warehouse() throws IOException {
    SharedSpark.session();
    landing = Files.createDirectories(temp.resolve("landing"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      lines.add(event("page_load", "2026-10-01T10:%02d:00Z".formatted(i), "page; with a semicolon"));
    }
    lines.add(event("exception", "2026-10-01T11:00:00Z", "boom"));
    lines.add(event("exception", "2026-10-01T11:05:00Z", "boom"));
    for (int i = 0; i < 3; i++) {
      lines.add(event("page_load", "2026-10-02T10:%02d:00Z".formatted(i), "page"));
    }
    Files.write(landing.resolve("web01.jsonl"), lines, StandardCharsets.UTF_8);
    warehouse = temp.resolve("warehouse").toString();
    CliRun ingest = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse, "--no-rates");
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
  }

  private static String event(String type, String time, String message) {
    return "{\"type\":\"%s\",\"hostname\":\"web01\",\"timestamp\":\"%s\",\"message\":\"%s\"}".formatted(type, time, message);
  }

  private static Path script(String name, String text) throws IOException {
    return Files.writeString(temp.resolve(name), text);
  }

  @Test
  void aScriptListsTablesDescribesOneAndPrintsMultiLineStatementsAsTables() throws IOException {
    Path file = script("counts.sql", """
        \\tables
        \\d raw_events
        SELECT type,
               count(*) AS n  -- per type; the comment holds a semicolon
        FROM raw_events GROUP BY type ORDER BY type;
        SELECT dt, count(*) AS n FROM raw_events WHERE message = 'page; with a semicolon' GROUP BY dt;
        """);

    CliRun run = CliRun.of("sql", "--warehouse", warehouse, "--file", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("\\| raw_events +\\| +2 \\| 2026-10-01 \\| 2026-10-02 \\|");
    assertThat(run.out()).containsPattern("\\| events +\\| +0 \\| +\\| +\\|");
    assertThat(run.out()).contains("raw_events: ").containsPattern("\\| type +\\| string +\\|");
    assertThat(run.out()).containsPattern("\\| dt +\\| date +\\| no +\\| \\(partition\\) ");
    assertThat(run.out()).contains("""
        +-----------+----+
        | type      | n  |
        +-----------+----+
        | exception |  2 |
        | page_load | 10 |
        +-----------+----+
        """);
    assertThat(run.out()).containsPattern("\\(2 rows, \\d+\\.\\d\\d s\\)");
    assertThat(run.out()).contains("| 2026-10-01 | 7 |").doesNotContain("| 2026-10-02 | 3 |");
  }

  @Test
  void standardInputRunsTooAndALastStatementNeedsNoSemicolon() {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(
        "SELECT count(*) AS n FROM raw_events WHERE dt = DATE'2026-10-02'".getBytes(StandardCharsets.UTF_8)));
    CliRun run;
    try {
      run = CliRun.of("sql", "--warehouse", warehouse);
    } finally {
      System.setIn(original);
    }

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("| 3 |").containsPattern("\\(1 row, ");
  }

  @Test
  void theRowLimitIsSaidWhenMoreRowsExist() throws IOException {
    Path file = script("limit.sql", "SELECT ts FROM raw_events ORDER BY ts;");

    CliRun run = CliRun.of("sql", "--warehouse", warehouse, "--max-rows", "4", "--file", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().filter(line -> line.startsWith("| 2026-"))).hasSize(4);
    assertThat(run.out()).contains("(first 4 rows shown, more exist");
  }

  @Test
  void aScriptStopsAtTheFirstBadStatementWithExitTwoAfterPrintingWhatRan() throws IOException {
    Path file = script("bad.sql", """
        SELECT count(*) AS n FROM raw_events;
        SELECT * FROM no_such_table;
        SELECT 42 AS never;
        """);

    CliRun run = CliRun.of("sql", "--warehouse", warehouse, "--file", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).contains("| 12 |").doesNotContain("never");
    assertThat(run.err()).contains("no_such_table");
    assertThat(run.err()).doesNotContain("at org.apache.spark");
  }

  @Test
  void anUnknownTableOrCommandIsAUsageError() throws IOException {
    CliRun table = CliRun.of("sql", "--warehouse", warehouse, "--file", script("d.sql", "\\d nope\n").toString());
    CliRun command = CliRun.of("sql", "--warehouse", warehouse, "--file", script("x.sql", "\\x\n").toString());
    CliRun rows = CliRun.of("sql", "--warehouse", warehouse, "--max-rows", "0");

    assertThat(table.exitCode()).isEqualTo(2);
    assertThat(table.err()).contains("no table named nope; \\tables lists them");
    assertThat(command.exitCode()).isEqualTo(2);
    assertThat(command.err()).contains("unknown command \\x");
    assertThat(rows.exitCode()).isEqualTo(2);
    assertThat(rows.err()).contains("--max-rows must be at least 1");
  }

  @Test
  void aDayIngestedWhileTheSessionIsOpenIsSeenAfterRefresh() throws IOException {
    String own = temp.resolve("refreshed").toString();
    CliRun first = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", own, "--no-rates");
    assertThat(first.exitCode()).as(first.err()).isZero();
    SqlSession session = Jobs.sql(SharedSpark.session(), own);
    String count = "SELECT count(*) FROM raw_events WHERE dt = DATE'2026-10-03'";
    assertThat(session.execute(count, 10).rows()).containsExactly(List.of("0"));

    Path later = Files.createDirectories(temp.resolve("later"));
    Files.write(later.resolve("web01.jsonl"), List.of(event("page_load", "2026-10-03T10:00:00Z", "page")));
    CliRun ingest = CliRun.of("ingest", "--input", later.toString(), "--warehouse", own, "--no-rates");
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();

    assertThat(session.execute(count, 10).rows()).as("the view keeps its file listing until refreshed")
        .containsExactly(List.of("0"));
    session.refresh();
    assertThat(session.execute(count, 10).rows()).containsExactly(List.of("1"));
  }
}
