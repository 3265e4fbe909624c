package io.opslake.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.opslake.sampledata.GeneratedFiles.Entry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planted incidents (SCENARIO.md, "Incidents") are in the app events as _scenario.json says,
 * counted back from the written files: a short scenario has none; in a 10-day one the burst host
 * has its extra exceptions in the hour, the spike hour is 5× slower, and the host of the error-rate
 * incident has 10× its peers' exceptions per page load that day.
 */
class IncidentsTest {
  @TempDir static Path out;
  private static JsonNode scenario;
  private static final List<Event> events = new ArrayList<>();

  private record Event(String host, long epochMillis, String type, double executionSeconds) {}

  @BeforeAll
  static void generate() throws IOException {
    GeneratorOptions options = GeneratorOptions.defaults(out).withDays(10).withHosts(2).withSeed(7)
        .withFormats(EnumSet.of(SampleFormat.APP_EVENTS)).withMalformedRatio(0);
    GenerationResult result = new ScenarioGenerator(line -> {}).generate(options);
    scenario = GeneratedFiles.JSON.readTree(out.resolve("_scenario.json").toFile());
    for (GeneratedFile file : result.files()) {
      for (Entry entry : GeneratedFiles.entries(file.format(), out.resolve(file.path()))) {
        JsonNode json = GeneratedFiles.JSON.readTree(entry.text());
        JsonNode time = json.at("/additional_info/execution_time");
        events.add(new Event(file.host(), entry.epochMillis(), json.get("type").asText(),
            time.isMissingNode() ? Double.NaN : time.asDouble()));
      }
    }
  }

  @Test
  void aScenarioShorterThanTenDaysHasNone() throws IOException {
    Path shortOut = out.resolve("short");
    new ScenarioGenerator(line -> {}).generate(GeneratorOptions.defaults(shortOut).withDays(2).withHosts(2)
        .withFormats(EnumSet.of(SampleFormat.APP_EVENTS)));
    assertThat(GeneratedFiles.JSON.readTree(shortOut.resolve("_scenario.json").toFile()).get("incidents")).isEmpty();
  }

  @Test
  void threeIncidentsOnDistinctDaysOfTheLastWeek() {
    JsonNode incidents = scenario.get("incidents");
    assertThat(incidents).hasSize(3);
    List<String> days = new ArrayList<>();
    for (JsonNode incident : incidents) {
      assertThat(incident.get("start").asText()).startsWith("2026-10-");
      days.add(incident.get("start").asText().substring(0, 10));
      assertThat(incident.get("description").asText()).isNotBlank();
    }
    assertThat(days).doesNotHaveDuplicates().allMatch(day -> day.compareTo("2026-10-08") >= 0);
    assertThat(incidents.get(0).get("kind").asText()).isEqualTo("error_burst");
    assertThat(incidents.get(1).get("kind").asText()).isEqualTo("latency_spike");
    assertThat(incidents.get(1).get("host").isNull()).isTrue();
    assertThat(incidents.get(2).get("kind").asText()).isEqualTo("host_error_rate");
    assertThat(incidents.get(2).get("host").asText()).isNotEqualTo(incidents.get(0).get("host").asText());
  }

  @Test
  void theBurstHostHasItsExtraExceptionsInTheHour() {
    JsonNode burst = scenario.get("incidents").get(0);
    long start = burst.get("start_epoch_ms").asLong();
    long inHour = events.stream().filter(e -> e.type().equals("exception") && e.host().equals(burst.get("host").asText())
        && e.epochMillis() >= start && e.epochMillis() < start + 3_600_000L).count();
    long pageLoads = events.stream().filter(e -> e.type().equals("page_load") && e.host().equals(burst.get("host").asText())
        && e.epochMillis() >= start && e.epochMillis() < start + 3_600_000L).count();
    // The planted extra exceptions plus the usual 1.2 % of the hour's page loads (a few).
    assertThat(inHour).isGreaterThanOrEqualTo(burst.get("factor").asLong())
        .isLessThanOrEqualTo(burst.get("factor").asLong() + Math.max(10, pageLoads / 20));
  }

  @Test
  void theSpikeHourIsFiveTimesSlowerThanTheSameHourADayBefore() {
    JsonNode spike = scenario.get("incidents").get(1);
    long start = spike.get("start_epoch_ms").asLong();
    double during = meanLatency(start);
    double dayBefore = meanLatency(start - 86_400_000L);
    assertThat(during / dayBefore).isCloseTo(5.0, within(0.75));
  }

  @Test
  void theErrorRateHostHasTenTimesItsPeersExceptionsPerPageLoad() {
    JsonNode rate = scenario.get("incidents").get(2);
    long start = rate.get("start_epoch_ms").asLong();
    Map<String, long[]> perHost = new HashMap<>();
    for (Event event : events) {
      if (event.epochMillis() >= start && event.epochMillis() < start + 86_400_000L) {
        long[] counts = perHost.computeIfAbsent(event.host(), host -> new long[2]);
        counts[0] += event.type().equals("exception") ? 1 : 0;
        counts[1] += event.type().equals("page_load") ? 1 : 0;
      }
    }
    long[] host = perHost.remove(rate.get("host").asText());
    long peerExceptions = perHost.values().stream().mapToLong(counts -> counts[0]).sum();
    long peerLoads = perHost.values().stream().mapToLong(counts -> counts[1]).sum();
    assertThat((double) host[0] / host[1]).isCloseTo(0.12, within(0.02));
    assertThat((double) peerExceptions / peerLoads).isCloseTo(0.012, within(0.005));
  }

  private static double meanLatency(long hourStart) {
    return events.stream().filter(e -> e.type().equals("page_load") && e.epochMillis() >= hourStart
        && e.epochMillis() < hourStart + 3_600_000L).mapToDouble(Event::executionSeconds).average().orElseThrow();
  }
}
