package io.opslake.ingest.format.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.FormatDetector;
import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordingSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access log a real Apache httpd 2.4 wrote while serving 10,000 requests on loopback
 * ({@code sample-data/access-log/capture.sh}; Debian's stock {@code combined} format, times in
 * Europe/Berlin, +0100), parsed line by line and checked against a plain regular-expression
 * reading of the same file written independently of the parser.
 */
class ApacheCapturedLogTest {
  static final String RESOURCE = "/access-log/apache-combined-10000.log.gz";
  /** Apache's combined format: quoted fields escape {@code "} and {@code \} with a backslash. */
  private static final String QUOTED = "\"((?:[^\"\\\\]++|\\\\.)*+)\"";
  private static final Pattern COMBINED = Pattern.compile(
      "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] " + QUOTED + " (\\d{3}) (\\d+|-) " + QUOTED + " " + QUOTED + "$");
  private static final Pattern WELL_FORMED_REQUEST = Pattern.compile("^[A-Z]+ \\S+ HTTP/\\d\\.\\d$");
  private static final Pattern ESCAPE = Pattern.compile("\\\\([\"\\\\])");
  private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private static List<String> lines;
  /** The regex reading of each line, in line order. */
  private static List<Logged> logged;
  private static RecordingSink parsed;

  /** One line as the regular expression reads it; quoted fields still escaped. */
  private record Logged(String client, OffsetDateTime time, String request, String status, String bytes,
      String referrer, String userAgent) {}

  @BeforeAll
  static void parseTheCapture() throws IOException {
    lines = capturedLines();
    logged = lines.stream().map(ApacheCapturedLogTest::read).toList();
    parsed = new RecordingSink();
    AccessLogParser parser = new AccessLogParser(ParseContext.forTests("access.log"));
    for (int i = 0; i < lines.size(); i++) {
      parser.accept(lines.get(i), i + 1, parsed);
    }
    parser.finish(parsed);
  }

  /** The capture's lines, without the final newline's empty remainder. */
  static List<String> capturedLines() throws IOException {
    try (InputStream in = new GZIPInputStream(ApacheCapturedLogTest.class.getResourceAsStream(RESOURCE))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).endsWith("\n");
      return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }
  }

  @Test
  void theFormatIsDetectedAsAccessLog() {
    assertThat(FormatDetector.detect(lines.subList(0, FormatDetector.SAMPLE_LINES))).contains(InputFormat.ACCESS_LOG);
  }

  @Test
  void everyLineEndsInExactlyOnePlace() {
    Set<Long> eventLines = parsed.events.stream().map(RecordingSink.Event::line).collect(Collectors.toSet());
    Set<Long> rejectedLines = parsed.rejections.stream().map(RecordingSink.Rejection::line).collect(Collectors.toSet());

    assertThat(lines).hasSize(9_963);
    assertThat(parsed.metrics).isEmpty();
    assertThat(parsed.events.size() + parsed.rejections.size()).isEqualTo(lines.size());
    assertThat(Collections.disjoint(eventLines, rejectedLines)).isTrue();
    Set<Long> all = new TreeSet<>(eventLines);
    all.addAll(rejectedLines);
    assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, lines.size()).boxed().toList());
    // every line apache wrote has a readable core, so none is quarantined (README, "Defects")
    assertThat(parsed.rejections).isEmpty();
  }

  @Test
  void statusCountsEqualARegexCount() {
    Map<String, Long> byRegex = new TreeMap<>();
    logged.forEach(line -> byRegex.merge(line.status(), 1L, Long::sum));
    Map<String, Long> byParser = new TreeMap<>();
    parsed.events.forEach(e -> byParser.merge(e.event().attributes().get("http_status"), 1L, Long::sum));

    assertThat(byParser).isEqualTo(byRegex);
    assertThat(byRegex).containsEntry("200", 6_922L).containsEntry("404", 1_107L).containsEntry("500", 60L)
        .containsEntry("503", 80L).containsEntry("400", 120L).containsEntry("408", 11L).containsEntry("414", 16L);
  }

  @Test
  void hourlyCountsInUtcEqualARegexCount() {
    Map<OffsetDateTime, Long> byRegex = new TreeMap<>();
    for (Logged line : logged) {
      byRegex.merge(line.time().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
    }
    Map<OffsetDateTime, Long> byParser = new TreeMap<>();
    for (RecordingSink.Event event : parsed.events) {
      long micros = event.event().tsMicros();
      OffsetDateTime utc = OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
      byParser.merge(utc.truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
    }

    assertThat(byParser).isEqualTo(byRegex);
    // 07:00-13:00 in Europe/Berlin is 06:00-12:00 UTC
    assertThat(byRegex.keySet()).first().isEqualTo(OffsetDateTime.parse("2026-11-14T06:00Z"));
    assertThat(byRegex).hasSize(7);
  }

  @Test
  void fieldsEqualTheRegexReadingUnescaped() {
    for (RecordingSink.Event event : parsed.events) {
      Logged line = logged.get((int) event.line() - 1);
      Map<String, String> attributes = event.event().attributes();
      assertThat(event.event().labels()).as("line %d", event.line()).containsEntry("client", line.client());
      assertThat(event.event().message()).as("line %d", event.line()).isEqualTo(unescape(line.request()));
      assertThat(attributes.get("response_bytes")).as("line %d", event.line()).isEqualTo(line.bytes());
      assertThat(attributes.get("referrer")).as("line %d", event.line()).isEqualTo(dash(unescape(line.referrer())));
      assertThat(attributes.get("user_agent")).as("line %d", event.line()).isEqualTo(dash(unescape(line.userAgent())));
    }
  }

  /**
   * What Apache logged for scanners and broken clients (TLS and SSH handshakes, random bytes,
   * {@code HELLO}, HTTP/0.9, a target with spaces, a lower-case method, a URL cut at 8 KB (414),
   * {@code "-"} for a request that timed out (408)) stays a request, as the README's defect table
   * says: its status counted, no method, url or protocol, the text in attribute {@code request}.
   */
  @Test
  void malformedRequestLinesAreRequestsWithoutAMethod() {
    Map<Long, String> malformedByRegex = new TreeMap<>();
    for (int i = 0; i < logged.size(); i++) {
      String request = unescape(logged.get(i).request());
      if (!WELL_FORMED_REQUEST.matcher(request).matches()) {
        malformedByRegex.put(i + 1L, request);
      }
    }
    Map<Long, String> malformedByParser = new TreeMap<>();
    for (RecordingSink.Event event : parsed.events) {
      ParsedEvent request = event.event();
      if (request.attributes().containsKey("defects")) {
        assertThat(request.attributes()).as("line %d", event.line())
            .containsEntry("defects", AccessLogLine.MALFORMED_REQUEST)
            .doesNotContainKeys("method", "url", "protocol");
        malformedByParser.put(event.line(), request.attributes().get("request"));
      }
    }

    assertThat(malformedByParser).isEqualTo(malformedByRegex).hasSize(113);
    Map<String, Long> byShape = new HashMap<>();
    malformedByRegex.values().forEach(request -> byShape.merge(shape(request), 1L, Long::sum));
    assertThat(byShape).containsEntry("-", 11L).containsEntry("HELLO", 13L).containsEntry("GET /about.html", 9L)
        .containsEntry("\\x16\\x03\\x01", 12L).containsEntry("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", 15L)
        .containsEntry("GET /search.html?q=A…", 16L).containsEntry("GET /a b", 12L)
        .containsEntry("get /index.html HTTP/1.1", 12L);
  }

  /** Slow clients: Apache stamps a request with its start and writes it at its end. */
  @Test
  void linesOutOfTimeOrderAreOrdinaryRequests() {
    List<Long> earlierThanTheLineBefore = new ArrayList<>();
    Set<Long> eventLines = new HashSet<>();
    parsed.events.forEach(e -> eventLines.add(e.line()));
    OffsetDateTime latest = null;
    for (int i = 0; i < logged.size(); i++) {
      OffsetDateTime time = logged.get(i).time();
      if (latest != null && time.isBefore(latest)) {
        earlierThanTheLineBefore.add(i + 1L);
      } else {
        latest = time;
      }
    }

    assertThat(earlierThanTheLineBefore).hasSize(39);
    assertThat(eventLines).containsAll(earlierThanTheLineBefore);
  }

  private static Logged read(String line) {
    Matcher matcher = COMBINED.matcher(line);
    assertThat(matcher.matches()).as("a combined line: %s", line).isTrue();
    return new Logged(matcher.group(1), OffsetDateTime.parse(matcher.group(4), CLF), matcher.group(5),
        matcher.group(6), matcher.group(7), matcher.group(8), matcher.group(9));
  }

  private static String unescape(String quoted) {
    return ESCAPE.matcher(quoted).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
  }

  private static String dash(String value) {
    return value.equals("-") || value.isEmpty() ? null : value;
  }

  /** Random bytes as one shape, a long URL by its start, the rest as logged. */
  private static String shape(String request) {
    if (request.startsWith("GET /search.html?q=AAAA")) {
      return "GET /search.html?q=A…";
    }
    return request;
  }
}
