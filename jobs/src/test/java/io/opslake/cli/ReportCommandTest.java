package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/opslake report}: the page of a small two-day warehouse has every section, the day's
 * figures, and shows a message holding a script as text; headless Chromium renders it with no
 * script running and no fetch refused by its content security policy, and saves a screenshot
 * ({@code target/report-screenshot.png}).
 */
class ReportCommandTest {
  static final String SCRIPT_MESSAGE = "<script>document.title='pwned'</script> boom";

  @TempDir static Path temp;
  static String warehouse;
  static Path folder;
  static CliRun report;

  /** 2026-10-01: 10 page loads, 1 exception; 2026-10-02: 20 page loads, a 404 raised through parse-query-string, the script message. */
  @BeforeAll
  static void pipeline() throws IOException {
    SharedSpark.session();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add(event("page_load", "2026-10-01T10:%02d:00Z".formatted(i), "page", ""));
    }
    lines.add(event("exception", "2026-10-01T11:00:00Z", "java.lang.NullPointerException", ""));
    for (int i = 0; i < 20; i++) {
      lines.add(event("page_load", "2026-10-02T10:%02d:00Z".formatted(i), "page", ""));
    }
    lines.add(event("exception", "2026-10-02T11:00:00Z", "Not Found: /page1",
        ",\"backtrace\":\"at myapp.middleware$parse_query_string.invoke(middleware.clj:42) parse-query-string\""));
    lines.add(event("exception", "2026-10-02T12:00:00Z", SCRIPT_MESSAGE, ""));
    Path input = Files.createDirectories(temp.resolve("landing")).resolve("web01.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    warehouse = temp.resolve("warehouse").toString();
    for (String[] args : List.of(
        new String[] {"ingest", "--input", input.toString(), "--warehouse", warehouse},
        new String[] {"reclassify", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse},
        new String[] {"series", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse},
        new String[] {"findings", "--as-of", "2026-10-02", "--warehouse", warehouse})) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
    }
    report = CliRun.of("report", "--date", "2026-10-02", "--warehouse", warehouse);
    folder = Path.of(warehouse, "reports", "dt=2026-10-02");
  }

  private static String event(String type, String time, String message, String extra) {
    return "{\"type\":\"%s\",\"hostname\":\"web01\",\"timestamp\":\"%s\",\"message\":%s,\"additional_info\":{\"url\":\"/p\"%s}}"
        .formatted(type, time, new ObjectMapper().valueToTree(message).toString(), extra);
  }

  @Test
  void thePageHasEverySectionAndTheDaysFiguresWithEventTextEscaped() throws IOException {
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains("report dt=2026-10-02", "index.html");
    assertThat(folder.resolve("index.html")).exists();
    for (String file : List.of("figures.json", "sources.csv", "quarantine_reasons.csv", "top.csv", "reclassified.csv", "findings.csv")) {
      assertThat(folder.resolve(file)).exists();
    }
    String html = Files.readString(folder.resolve("index.html"));
    assertThat(html).contains("id=\"ingest\"", "id=\"top\"", "id=\"reclassify\"", "id=\"findings\"", "id=\"capacity\"",
        "id=\"alerts\"", "Content-Security-Policy", "default-src 'none'");
    assertThat(html.toLowerCase()).doesNotContain("<script");
    assertThat(html).contains("&lt;script&gt;document.title=");

    JsonNode figures = new ObjectMapper().readTree(folder.resolve("figures.json").toFile());
    assertThat(figures.get("date").asText()).isEqualTo("2026-10-02");
    JsonNode source = figures.get("sources").get(0);
    assertThat(source.get("source").asText()).isEqualTo("app_events");
    assertThat(source.get("events").asLong()).isEqualTo(22);
    JsonNode topType = figures.get("top").get(0);
    assertThat(topType.get("kind").asText()).isEqualTo("type");
    assertThat(topType.get("label").asText()).isEqualTo("page_load");
    assertThat(topType.get("count").asLong()).isEqualTo(20);
    assertThat(topType.get("previous_day").asLong()).isEqualTo(10);
    assertThat(html).contains("<td class=\"n\">+100 %</td>");
    JsonNode reclassified = figures.get("reclassified").get(0);
    assertThat(reclassified.get("original_type").asText()).isEqualTo("exception");
    assertThat(reclassified.get("type").asText()).isEqualTo("404");
    assertThat(reclassified.get("rule_id").asText()).isEqualTo("not-found-parse-query-string");
    assertThat(reclassified.get("count").asLong()).isEqualTo(1);
    assertThat(figures.get("provenance").get("rules_versions")).hasSize(1);
    assertThat(figures.get("days_without_input").toString())
        .isEqualTo("[\"2026-09-26\",\"2026-09-27\",\"2026-09-28\",\"2026-09-29\",\"2026-09-30\"]");
  }

  @Test
  void regeneratingFromTheSameInputsGivesTheSameFigures() throws IOException {
    byte[] figures = Files.readAllBytes(folder.resolve("figures.json"));
    byte[] top = Files.readAllBytes(folder.resolve("top.csv"));

    CliRun again = CliRun.of("report", "--date", "2026-10-02", "--warehouse", warehouse);

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Files.readAllBytes(folder.resolve("figures.json"))).isEqualTo(figures);
    assertThat(Files.readAllBytes(folder.resolve("top.csv"))).isEqualTo(top);
  }

  @Test
  void aDateThatIsNotADateExitsTwo() {
    CliRun bad = CliRun.of("report", "--date", "2026-13-01", "--warehouse", warehouse);

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("Cannot write report: --date 2026-13-01 is not a date (YYYY-MM-DD)");
  }

  @Test
  void headlessChromiumRendersItWithNoScriptRunAndNothingRefused() throws Exception {
    assumeThat(System.getenv("OPSLAKE_SKIP_BROWSER")).as("OPSLAKE_SKIP_BROWSER=1 skips the browser test").isNotEqualTo("1");
    String chromium = System.getenv().getOrDefault("OPSLAKE_CHROMIUM", "/usr/bin/chromium");
    assertThat(Path.of(chromium)).as("headless Chromium (bin/test installs Debian's chromium)").exists();
    Path page = folder.resolve("index.html");
    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    Browser dom = Browser.run(chromium, temp.resolve("profile-dom"), "--dump-dom", page.toUri().toString());
    Browser shot = Browser.run(chromium, temp.resolve("profile-shot"), "--screenshot=" + screenshot,
        "--window-size=1200,1800", page.toUri().toString());

    assertThat(dom.exitCode()).as(dom.err()).isZero();
    assertThat(dom.out()).contains("<title>opslake report 2026-10-02</title>", "id=\"findings\"",
        "&lt;script&gt;document.title='pwned'&lt;/script&gt; boom");
    assertThat(dom.out().toLowerCase()).doesNotContain("<script");
    assertThat(dom.err() + shot.err()).doesNotContain("Refused to", "Content Security Policy");
    assertThat(shot.exitCode()).as(shot.err()).isZero();
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
  }

  /** One headless Chromium run, as the machine's probe starts it (no background networking). */
  record Browser(int exitCode, String out, String err) {
    static Browser run(String chromium, Path profile, String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile));
      command.addAll(List.of(args));
      Path out = Files.createTempFile("chromium", ".out");
      Path err = Files.createTempFile("chromium", ".err");
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(err));
      }
      return new Browser(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }
}
