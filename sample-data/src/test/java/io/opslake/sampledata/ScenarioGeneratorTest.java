package io.opslake.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.opslake.sampledata.GeneratedFiles.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates three days for three base web hosts once, then reads the files back independently
 * and checks them against _scenario.json.
 */
class ScenarioGeneratorTest {
  private static final Pattern EDN_TYPE = Pattern.compile(":type \"([a-z_]+)\"");
  private static final Pattern EDN_MD5 = Pattern.compile("^\\{:md5 \"([0-9a-f]{32})\" ");
  private static final Pattern EDN_HOST = Pattern.compile(":hostname \"([^\"]+)\"");

  @TempDir static Path out;
  private static GenerationResult result;
  private static JsonNode scenario;
  private static Map<String, List<Entry>> entriesByPath;
  private static final List<String> progress = new ArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    GeneratorOptions options = GeneratorOptions.defaults(out).withDays(3).withHosts(3).withSeed(42);
    result = new ScenarioGenerator(progress::add).generate(options);
    scenario = GeneratedFiles.JSON.readTree(out.resolve("_scenario.json").toFile());
    entriesByPath = new HashMap<>();
    for (GeneratedFile file : result.files()) {
      entriesByPath.put(file.path(), GeneratedFiles.entries(file.format(), out.resolve(file.path())));
    }
  }

  @Test
  void writesTheDocumentedLayoutAndReportsProgress() throws IOException {
    assertThat(progress).hasSize(3);
    assertThat(progress.get(0)).startsWith("dt=2026-10-01: ");
    assertThat(out.resolve("dt=2026-10-01/app_events/dc0-web01.jsonl.gz")).exists();
    assertThat(out.resolve("dt=2026-10-01/app_events_edn/dc0-api01.edn.gz")).exists();
    assertThat(out.resolve("dt=2026-10-02/plaintext/dc0-api02.app.log.gz")).exists();
    assertThat(out.resolve("dt=2026-10-03/zap/dc0-kwanza01.log.gz")).exists();
    assertThat(out.resolve("dt=2026-10-03/statsd/dc0-web01.statsd.gz")).exists();
    assertThat(out.resolve("dt=2026-10-03/dcos_metrics/dc0-kwanza01.json.gz")).exists();
    assertThat(out.resolve("dt=2026-10-03/journald/dc0-kwanza01.jsonl.gz")).exists();
    Set<String> onDisk = new HashSet<>();
    try (Stream<Path> walk = Files.walk(out)) {
      walk.filter(Files::isRegularFile).forEach(path -> onDisk.add(out.relativize(path).toString().replace('\\', '/')));
    }
    Set<String> listed = new HashSet<>();
    scenario.get("files").forEach(file -> listed.add(file.get("path").asText()));
    listed.add("_scenario.json");
    assertThat(onDisk).isEqualTo(listed);
    long bytes = 0;
    for (String path : onDisk) {
      bytes += Files.size(out.resolve(path));
    }
    assertThat(result.bytes()).isEqualTo(bytes);
  }

  @Test
  void sameOptionsGiveIdenticalBytesAndAnotherSeedDoesNot(@TempDir Path first, @TempDir Path second, @TempDir Path third)
      throws IOException {
    GeneratorOptions options = GeneratorOptions.defaults(first).withDays(1).withHosts(2);
    new ScenarioGenerator().generate(options);
    new ScenarioGenerator(message -> { }, 1).generate(options.withOut(second));
    new ScenarioGenerator().generate(options.withOut(third).withSeed(2));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(first)) {
      files = walk.filter(Files::isRegularFile).map(first::relativize).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    for (Path file : files) {
      assertThat(Files.readAllBytes(second.resolve(file))).as(file.toString()).isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
    Path webFile = Path.of("dt=2026-10-01/app_events/dc0-web01.jsonl.gz");
    assertThat(Files.readAllBytes(third.resolve(webFile))).isNotEqualTo(Files.readAllBytes(first.resolve(webFile)));
  }

  @Test
  void countsInScenarioEqualWhatTheFilesHold() {
    Map<String, long[]> totals = new TreeMap<>();
    for (JsonNode file : scenario.get("files")) {
      String path = file.get("path").asText();
      List<Entry> entries = entriesByPath.get(path);
      long valid = entries.stream().filter(Entry::valid).mapToLong(Entry::records).sum();
      long malformed = entries.stream().filter(entry -> !entry.valid()).count();
      long lines = GeneratedFiles.lines(out.resolve(path)).size();
      assertThat(valid).as("valid records of " + path).isEqualTo(file.get("valid_records").asLong());
      assertThat(malformed).as("malformed records of " + path).isEqualTo(file.get("malformed_records").asLong());
      assertThat(lines).as("lines of " + path).isEqualTo(file.get("lines").asLong());
      if (!file.get("path").asText().contains("/es_shards/")) {
        // A snapshot file of six rows is planted by the ratio alone.
        assertThat(malformed).as("every file carries malformed records").isPositive();
      }
      long[] total = totals.computeIfAbsent(file.get("format").asText(), format -> new long[2]);
      total[0] += valid;
      total[1] += malformed;
    }
    assertThat(totals).hasSize(SampleFormat.values().length);
    totals.forEach((format, total) -> {
      assertThat(scenario.at("/totals/" + format + "/valid_records").asLong()).isEqualTo(total[0]);
      assertThat(scenario.at("/totals/" + format + "/malformed_records").asLong()).isEqualTo(total[1]);
      SampleFormat sampleFormat = SampleFormat.fromId(format).orElseThrow();
      assertThat(result.validRecords(sampleFormat)).isEqualTo(total[0]);
      assertThat(result.malformedRecords(sampleFormat)).isEqualTo(total[1]);
    });
    assertThat(result.validRecords(SampleFormat.DCOS_METRICS) % 3).isZero();
  }

  @Test
  void everyMalformedKindOfEveryFormatIsPlanted() {
    Map<String, Set<String>> planted = new TreeMap<>();
    for (JsonNode file : scenario.get("files")) {
      file.get("malformed_by_kind").fieldNames()
          .forEachRemaining(kind -> planted.computeIfAbsent(file.get("format").asText(), f -> new HashSet<>()).add(kind));
    }
    scenario.at("/malformed/kinds_by_format").fields().forEachRemaining(format -> {
      Set<String> kinds = new HashSet<>();
      format.getValue().forEach(kind -> kinds.add(kind.asText()));
      assertThat(planted.get(format.getKey())).as(format.getKey()).isEqualTo(kinds);
    });
  }

  @Test
  void malformedJsonLinesFailJackson() {
    long failures = 0;
    for (GeneratedFile file : result.files()) {
      if (file.format() != SampleFormat.APP_EVENTS) {
        continue;
      }
      for (Entry entry : entriesByPath.get(file.path())) {
        if (!entry.valid() && !entry.text().contains("\"timestamp\":")) {
          failures++;
          // Truncated, garbage or missing: no timestamp field survives parsing.
          assertThat(parsesWithTimestamp(entry.text())).as(entry.text()).isFalse();
        }
      }
    }
    assertThat(failures).isPositive();
  }

  private static boolean parsesWithTimestamp(String text) {
    try {
      return GeneratedFiles.JSON.readTree(text).has("timestamp");
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void every404IsRecordedExactlyOnceAndCarriesItsMd5() throws Exception {
    Map<String, Integer> found = new HashMap<>();
    Map<String, Integer> perDay = new TreeMap<>();
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    for (GeneratedFile file : result.files()) {
      if (file.format() != SampleFormat.APP_EVENTS && file.format() != SampleFormat.APP_EVENTS_EDN) {
        continue;
      }
      for (Entry entry : entriesByPath.get(file.path())) {
        if (!entry.valid()) {
          continue;
        }
        String digest = file.format() == SampleFormat.APP_EVENTS ? jsonMd5(entry.text()) : group(EDN_MD5, entry.text());
        String withoutMd5 = "{" + entry.text().substring(file.format() == SampleFormat.APP_EVENTS ? 42 : 41);
        assertThat(hex(md5.digest(withoutMd5.getBytes(StandardCharsets.UTF_8)))).isEqualTo(digest);
        boolean exception = entry.text().contains("\"exception\"") && entry.text().contains("exception_class");
        if (entry.text().contains(Backtraces.NOT_FOUND_MARKER)) {
          assertThat(exception).isTrue();
          assertThat(entry.text()).contains("myapp.middleware$parse_query_string.invoke(middleware.clj:42)", "Not Found: /page");
          found.merge(digest, 1, Integer::sum);
          perDay.merge(file.date().toString(), 1, Integer::sum);
        } else {
          assertThat(entry.text()).doesNotContain("parse_query_string", "Not Found");
        }
      }
    }
    Set<String> recorded = new HashSet<>();
    for (JsonNode day : scenario.at("/not_found/per_day")) {
      assertThat(day.get("count").asInt()).isEqualTo(day.get("md5").size()).isEqualTo(perDay.get(day.get("date").asText()));
      day.get("md5").forEach(digest -> recorded.add(digest.asText()));
    }
    assertThat(found.values()).allMatch(count -> count == 1);
    assertThat(found.keySet()).isEqualTo(recorded);
    assertThat(recorded).hasSize(scenario.at("/not_found/total").asInt()).hasSizeGreaterThan(100);
  }

  @Test
  void gcEventsRecurEverySevenMinutesWithinTheJitter() {
    Map<String, List<Long>> gcByHost = new TreeMap<>();
    for (GeneratedFile file : result.files()) {
      if (file.format() == SampleFormat.APP_EVENTS || file.format() == SampleFormat.APP_EVENTS_EDN) {
        for (Entry entry : entriesByPath.get(file.path())) {
          if (entry.valid() && entry.text().contains("\"gc\"")) {
            gcByHost.computeIfAbsent(file.host(), host -> new ArrayList<>()).add(entry.epochMillis());
          }
        }
      }
    }
    assertThat(scenario.at("/gc/period_seconds").asInt()).isEqualTo(420);
    long min = scenario.at("/gc/min_interval_seconds").asLong() * 1000;
    long max = scenario.at("/gc/max_interval_seconds").asLong() * 1000;
    for (String host : List.of("dc0-api01", "dc0-api02", "dc0-web01", "dc0-web02", "dc0-web03")) {
      List<Long> times = gcByHost.get(host);
      // Always in service: about 3 days / 7 minutes collections, none missing.
      assertThat(times).hasSizeBetween(3 * 24 * 60 / 7 - 2, 3 * 24 * 60 / 7 + 2);
      for (int i = 1; i < times.size(); i++) {
        assertThat(times.get(i) - times.get(i - 1)).as(host).isBetween(min, max);
      }
    }
  }

  @Test
  void leakErrorsFollowEveryRestartFiveToSevenMinutesLater() {
    JsonNode restarts = scenario.at("/connection_leak/restarts");
    assertThat(restarts.size()).isGreaterThanOrEqualTo(2 * 3 * 24 / 5);
    Map<String, List<Long>> starts = new TreeMap<>();
    Map<String, List<Long>> errors = new TreeMap<>();
    Map<String, List<Long>> plaintextErrors = new TreeMap<>();
    Map<String, List<Long>> journaldStarts = new TreeMap<>();
    for (GeneratedFile file : result.files()) {
      for (Entry entry : entriesByPath.get(file.path())) {
        if (!entry.valid()) {
          continue;
        }
        if (file.format() == SampleFormat.APP_EVENTS_EDN) {
          String type = group(EDN_TYPE, entry.text());
          if (type.equals("app_start")) {
            starts.computeIfAbsent(file.host(), h -> new ArrayList<>()).add(entry.epochMillis());
          } else if (type.equals("error")) {
            errors.computeIfAbsent(file.host(), h -> new ArrayList<>()).add(entry.epochMillis());
            assertThat(entry.text()).containsAnyOf(":message \"Too many open files\"",
                ":message \"java.net.UnknownHostException: db01.internal\"");
          }
        } else if (file.format() == SampleFormat.PLAINTEXT && entry.text().contains(" ERROR ")) {
          assertThat(entry.text()).contains("\tat com.mysite.db.Pool.connect(Pool.java:88)");
          plaintextErrors.computeIfAbsent(file.host(), h -> new ArrayList<>()).add(plaintextMillis(entry.text()));
        } else if (file.format() == SampleFormat.JOURNALD && entry.text().contains("\"MESSAGE\":\"Started api.service.\"")) {
          journaldStarts.computeIfAbsent(file.host(), h -> new ArrayList<>()).add(entry.epochMillis());
        }
      }
    }
    Map<String, List<Long>> expectedStarts = new TreeMap<>();
    Map<String, List<Long>> expectedErrors = new TreeMap<>();
    for (JsonNode restart : restarts) {
      String host = restart.get("host").asText();
      long at = restart.get("epoch_ms").asLong();
      expectedStarts.computeIfAbsent(host, h -> new ArrayList<>()).add(at);
      for (JsonNode offset : restart.get("error_offsets_ms")) {
        assertThat(offset.asLong()).isBetween(300_000L, 420_000L);
        expectedErrors.computeIfAbsent(host, h -> new ArrayList<>()).add(at + offset.asLong());
      }
      assertThat(restart.get("error_offsets_ms").size()).isBetween(4, 8);
    }
    expectedErrors.values().forEach(list -> list.sort(Long::compare));
    assertThat(starts).isEqualTo(expectedStarts);
    assertThat(journaldStarts).isEqualTo(expectedStarts);
    assertThat(errors).isEqualTo(expectedErrors);
    assertThat(plaintextErrors).isEqualTo(expectedErrors);
  }

  @Test
  void fleetAndTrafficFollowTheHourlyPlan() {
    JsonNode hourly = scenario.get("hourly");
    assertThat(hourly.size()).isEqualTo(72);
    int minServers = Integer.MAX_VALUE;
    int maxServers = 0;
    for (JsonNode hour : hourly) {
      minServers = Math.min(minServers, hour.get("servers").asInt());
      maxServers = Math.max(maxServers, hour.get("servers").asInt());
    }
    assertThat(minServers).isEqualTo(3);
    assertThat(maxServers).isEqualTo(6);

    long start = hourly.get(0).get("hour").asText().equals("2026-10-01T00:00:00Z") ? 1_790_812_800_000L : -1;
    long[] pageLoads = new long[72];
    double[] latencySum = new double[72];
    Map<Integer, Set<String>> hostsByHour = new HashMap<>();
    for (GeneratedFile file : result.files()) {
      if (file.format() != SampleFormat.APP_EVENTS) {
        continue;
      }
      for (Entry entry : entriesByPath.get(file.path())) {
        if (entry.valid() && entry.text().contains("\"type\":\"page_load\"")) {
          int hour = (int) ((entry.epochMillis() - start) / 3_600_000L);
          pageLoads[hour]++;
          latencySum[hour] += executionTime(entry.text());
          hostsByHour.computeIfAbsent(hour, h -> new HashSet<>()).add(file.host());
        }
      }
    }
    for (int hour = 0; hour < 72; hour++) {
      JsonNode planned = hourly.get(hour);
      assertThat(pageLoads[hour]).as("page loads of hour " + hour).isEqualTo(planned.get("web_page_loads").asLong());
      assertThat(hostsByHour.get(hour)).hasSizeLessThanOrEqualTo(planned.get("servers").asInt());
      double expectedMean = planned.get("web_median_latency_seconds").asDouble() * Math.exp(0.25 * 0.25 / 2);
      assertThat(latencySum[hour] / pageLoads[hour]).as("mean latency of hour " + hour)
          .isCloseTo(expectedMean, within(expectedMean * 0.12));
    }
    // Afternoon peak versus night: more traffic, more servers, slower pages.
    assertThat(pageLoads[15]).isGreaterThan(4 * pageLoads[3]);
    assertThat(hourly.get(15).get("servers").asInt()).isGreaterThan(hourly.get(3).get("servers").asInt());
    assertThat(hourly.get(15).get("web_median_latency_seconds").asDouble())
        .isGreaterThan(hourly.get(3).get("web_median_latency_seconds").asDouble());
  }

  private static double executionTime(String line) {
    int start = line.indexOf("\"execution_time\":") + 17;
    return Double.parseDouble(line.substring(start, line.indexOf(',', start)));
  }

  private static long plaintextMillis(String text) {
    return java.time.LocalDateTime.parse(text.substring(0, 23).replace(' ', 'T').replace(',', '.'))
        .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
  }

  private static String jsonMd5(String line) {
    return line.substring(8, 40);
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b));
    }
    return out.toString();
  }
}
