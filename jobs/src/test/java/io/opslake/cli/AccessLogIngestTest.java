package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opslake ingest} of an Apache combined log with the defects real files have, detected by
 * content: every line ends in exactly one place, and the status and hourly counts in raw_events
 * equal a plain regular-expression count over the same text.
 */
class AccessLogIngestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a person would grep for: a quoted request, then the status. */
  private static final Pattern REQUEST = Pattern.compile(
      "^\\S+ \\S+ \\S+ \\[(\\d{2}/\\w{3}/\\d{4}:\\d{2}):\\d{2}:\\d{2} \\+0000\\] \"(?:[^\"\\\\]|\\\\.)*\" (\\d{3}) ");
  private static final String[] PATHS = {"/", "/index.html", "/api/v1/items?id=42", "/static/app.js", "/login", "/favicon.ico"};
  private static final int[] STATUSES = {200, 200, 200, 200, 304, 301, 404, 404, 500, 502, 503};
  private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

  @TempDir Path temp;

  @Test
  void anApacheCombinedLogIngestsWithCountsEqualToARegexCount() throws IOException {
    SharedSpark.session();
    String log = combinedLog();
    Path file = temp.resolve("landing/access_web-7_2015-05-17T13-00-00Z.log");
    Files.createDirectories(file.getParent());
    Files.writeString(file, log);
    String warehouse = temp.resolve("warehouse").toString();

    CliRun ingest = CliRun.of("ingest", "--input", file.toString(), "--warehouse", warehouse, "--max-bad-ratio", "0.5");

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    Map<String, Long> statusByRegex = new TreeMap<>();
    Map<String, Long> hourByRegex = new TreeMap<>();
    long lines = 0;
    for (String line : log.split("\n")) {
      lines++;
      Matcher matcher = REQUEST.matcher(line);
      if (matcher.find()) {
        statusByRegex.merge(matcher.group(2), 1L, Long::sum);
        hourByRegex.merge(matcher.group(1), 1L, Long::sum);
      }
    }
    assertThat(counts(query(warehouse, "SELECT cast(http_status AS string) AS k, count(*) AS n FROM raw_events GROUP BY 1")))
        .isEqualTo(statusByRegex);
    assertThat(counts(query(warehouse,
        "SELECT date_format(ts, 'dd/MMM/yyyy:HH') AS k, count(*) AS n FROM raw_events GROUP BY 1")))
        .isEqualTo(hourByRegex);
    JsonNode rejected = query(warehouse, "SELECT line, reason FROM quarantine ORDER BY line");
    assertThat(rejected).hasSize(2);
    assertThat(rejected.get(0).get("reason").asText()).isEqualTo("access log request has no closing quote");
    assertThat(rejected.get(1).get("reason").asText()).isEqualTo("access log line has no '[dd/MMM/yyyy:HH:mm:ss +hhmm]' time");
    long events = statusByRegex.values().stream().mapToLong(Long::longValue).sum();
    assertThat(events + rejected.size()).isEqualTo(lines);

    JsonNode defects = query(warehouse, """
        SELECT source, hostname, labels['client'] AS client, attributes['request'] AS request, url,
               attributes['defects'] AS defects, duration_ms
        FROM raw_events WHERE attributes['defects'] IS NOT NULL ORDER BY source_line""");
    assertThat(defects).hasSize(3);
    assertThat(defects.get(0).get("source").asText()).isEqualTo("access_log");
    assertThat(defects.get(0).get("hostname").asText()).isEqualTo("web-7");
    assertThat(defects.get(0).get("request").asText()).isEqualTo("\\x16\\x03\\x01\\x00\\xca\\x01\\x00\\x00\\xc6\\x03\\x03");
    assertThat(defects.get(0).path("url").isMissingNode() || defects.get(0).get("url").isNull()).isTrue();
    assertThat(defects.get(1).get("defects").asText()).isEqualTo("request line is not METHOD target PROTOCOL");
    assertThat(defects.get(2).get("defects").asText()).isEqualTo("user agent quote is not closed");

    // the query the README shows: 404s and 5xx by hour
    JsonNode errors = query(warehouse, """
        SELECT date_trunc('HOUR', ts) AS hour, count_if(http_status = 404) AS not_found,
               count_if(http_status >= 500) AS server_errors
        FROM raw_events WHERE type = 'http_request' GROUP BY 1 ORDER BY 1""");
    long notFound = 0;
    long serverErrors = 0;
    for (JsonNode hour : errors) {
      notFound += hour.get("not_found").asLong();
      serverErrors += hour.get("server_errors").asLong();
    }
    assertThat(notFound).isEqualTo(statusByRegex.getOrDefault("404", 0L));
    assertThat(serverErrors).isEqualTo(statusByRegex.entrySet().stream()
        .filter(e -> e.getKey().startsWith("5")).mapToLong(Map.Entry::getValue).sum());
    assertThat(errors).hasSize(hourByRegex.size());
  }

  @Test
  void requestTimesBecomeDurations() throws IOException {
    SharedSpark.session();
    Path file = temp.resolve("nginx.access.log");
    Files.writeString(file, """
        192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET /api HTTP/1.1" 200 12 "-" "curl/8.4.0" 0.250
        192.0.2.1 - - [17/May/2015:10:05:04 +0000] "GET /api HTTP/1.1" 200 12 "-" "curl/8.4.0" 1250
        """);
    String warehouse = temp.resolve("warehouse").toString();

    CliRun ingest = CliRun.of("ingest", "--input", file.toString(), "--warehouse", warehouse, "--format", "access_log");

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    JsonNode rows = query(warehouse, "SELECT hostname, duration_ms FROM raw_events ORDER BY ts");
    assertThat(rows.get(0).get("hostname").asText()).isEqualTo("nginx");
    assertThat(rows.get(0).get("duration_ms").asDouble()).isEqualTo(250.0);
    assertThat(rows.get(1).get("duration_ms").asDouble()).isEqualTo(1.25);
  }

  /** 600 requests over three hours, in time order, with the defects of real files mixed in. */
  private static String combinedLog() {
    Random random = new Random(20150517L);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int second = 13 * 3600 + i * 18;
      lines.add(String.format("192.0.2.%d - - [17/May/2015:%02d:%02d:%02d +0000] \"%s %s HTTP/1.1\" %d %s \"-\" \"%s\"",
          1 + random.nextInt(200), second / 3600, second / 60 % 60, second % 60,
          random.nextInt(5) == 0 ? "POST" : "GET", PATHS[random.nextInt(PATHS.length)],
          STATUSES[random.nextInt(STATUSES.length)], random.nextInt(10) == 0 ? "-" : Integer.toString(random.nextInt(50_000)),
          UA));
    }
    // a scanner's TLS handshake on the plain HTTP port: still a request (the server answered 400)
    lines.add(100, "45.155.205.233 - - [17/May/2015:13:30:00 +0000] \"\\x16\\x03\\x01\\x00\\xca\\x01\\x00\\x00\\xc6\\x03\\x03\" 400 226 \"-\" \"-\"");
    // a request that timed out before it was sent
    lines.add(200, "192.0.2.8 - - [17/May/2015:14:00:01 +0000] \"-\" 408 - \"-\" \"-\"");
    // written late: a slow request stamped with its start, 40 minutes back
    lines.add(300, "192.0.2.9 - - [17/May/2015:13:50:00 +0000] \"GET /export.csv HTTP/1.1\" 200 981233 \"-\" \"" + UA + "\"");
    // the user agent quote never closed (the writer died mid-line)
    lines.add(400, "192.0.2.10 - - [17/May/2015:15:00:00 +0000] \"GET /x HTTP/1.1\" 503 12 \"-\" \"Mozilla/5.0 (X11; Lin");
    // cut inside the request: nothing after the time can be trusted
    lines.add(450, "192.0.2.11 - - [17/May/2015:15:10:00 +0000] \"GET /very/long/pa");
    // not an access log line at all
    lines.add(500, "\u0000\u0000\u0000\u0000 binary junk");
    return String.join("\n", lines) + "\n";
  }

  private static Map<String, Long> counts(JsonNode rows) {
    Map<String, Long> counts = new TreeMap<>();
    rows.forEach(row -> counts.put(row.get("k").asText(), row.get("n").asLong()));
    return counts;
  }

  private static JsonNode query(String warehouse, String sql) throws IOException {
    CliRun query = CliRun.of("query", "--warehouse", warehouse, "--format", "json", "-e", sql);
    assertThat(query.exitCode()).as(query.err()).isZero();
    ArrayNode rows = JSON.createArrayNode();
    for (String line : query.out().split("\n")) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }
}
