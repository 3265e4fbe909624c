package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.ingest.IngestOptions;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.events.ReclassifyOptions;
import io.opslake.jobs.series.SeriesOptions;
import io.opslake.sampledata.GeneratorOptions;
import io.opslake.sampledata.SampleFormat;
import io.opslake.sampledata.ScenarioGenerator;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario recall of the anomaly findings (docs/benchmarks.md): a generated scenario of 10 days, 2
 * hosts (4 web, 2 API), seed 11, 40 page loads per host-hour, app events (JSON and EDN) only,
 * ingested, reclassified, built into series and judged by {@code findings} as of each of the last 3
 * days (where the generator plants its three incidents, SCENARIO.md "Incidents") through the {@code
 * Jobs} facade. Every planted incident must be found by an {@code anomalies} row of the right kind on
 * the right series overlapping its window ({@code point} on the burst host's exceptions and on the
 * page-load p95 latency, {@code host_outlier} on the 10x host's exceptions), and the rows overlapping
 * no incident (false positives) stay under a bound per kind.
 */
class AnomalyRecallTest {
  private static final int DAYS = 10;
  private static final int PAGE_LOADS_PER_HOST_HOUR = 40;
  private static final LocalDate START = GeneratorOptions.DEFAULT_START;
  /**
   * Bounds of false-positive rows over the 3 days judged, per kind; measured 0, 0, 0 (docs/benchmarks.md).
   */
  private static final Map<String, Integer> MAX_FALSE_POSITIVES = Map.of("point", 1, "level_shift", 1,
      "host_outlier", 0);

  @TempDir static Path temp;
  private static final SparkSession spark = SharedSpark.session();
  private static JsonNode incidents;
  private static final List<Row> anomalies = new ArrayList<>();

  @BeforeAll
  static void generateAndRunThePipeline() throws IOException {
    Path landing = temp.resolve("landing");
    String warehouse = temp.resolve("wh").toString();
    long started = System.nanoTime();
    new ScenarioGenerator(line -> {}).generate(GeneratorOptions.defaults(landing).withDays(DAYS).withHosts(2)
        .withSeed(11).withPageLoadsPerHostHour(PAGE_LOADS_PER_HOST_HOUR).withFormats(EnumSet.of(SampleFormat.APP_EVENTS, SampleFormat.APP_EVENTS_EDN)));
    incidents = new ObjectMapper().readTree(landing.resolve("_scenario.json").toFile()).get("incidents");
    Jobs.ingest(spark, IngestOptions.of(List.of(landing.toString()), warehouse), Jobs.RatesAfterIngest.REBUILD,
        line -> {});
    lap("generate + ingest", started);
    String last = START.plusDays(DAYS - 1).toString();
    Jobs.reclassify(spark, ReclassifyOptions.of(warehouse, START.toString(), last, Optional.empty(),
        ReclassifyOptions.Mode.APPLY, Optional.empty()));
    lap("reclassify", started);
    Jobs.series(spark, SeriesOptions.range(warehouse, START.toString(), last));
    lap("series", started);
    for (int day = DAYS - 3; day < DAYS; day++) {
      Jobs.findings(spark, FindingsOptions.asOf(warehouse, START.plusDays(day).toString()));
      lap("findings " + day, started);
    }
    String base = temp.resolve("wh").toUri().toString();
    anomalies.addAll(spark.read().parquet(base + "/anomalies").collectAsList());
    anomalies.forEach(row -> System.out.println("anomaly: " + row.getAs("kind") + " " + row.getAs("series_key") + " "
        + row.getAs("sentence")));
  }

  private static void lap(String what, long started) {
    System.out.printf("%s done after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
  }

  @Test
  void everyPlantedIncidentIsFoundByARowOfTheRightKind() {
    assertThat(incidents).hasSize(3);
    for (JsonNode incident : incidents) {
      String host = incident.get("host").isNull() ? null : incident.get("host").asText();
      List<Row> found = switch (incident.get("kind").asText()) {
        case "error_burst" -> matching(incident, "point", "event_series", "exception|" + host);
        case "latency_spike" -> matching(incident, "point", "latency_series", "page_load");
        case "host_error_rate" -> matching(incident, "host_outlier", "event_series", "exception|" + host);
        default -> throw new AssertionError(incident.toString());
      };
      assertThat(found).as("%s", incident).isNotEmpty();
      System.out.println("found " + incident.get("kind").asText() + ": " + found.get(0).getAs("sentence"));
    }
  }

  @Test
  void falsePositivesStayUnderTheirBounds() {
    Map<String, Integer> falsePositives = new TreeMap<>();
    Map<String, Integer> rows = new TreeMap<>();
    for (Row row : anomalies) {
      String kind = row.getAs("kind");
      rows.merge(kind, 1, Integer::sum);
      boolean overlapsIncident = false;
      for (JsonNode incident : incidents) {
        overlapsIncident |= overlaps(row, incident);
      }
      if (!overlapsIncident) {
        falsePositives.merge(kind, 1, Integer::sum);
        System.out.println("false positive: " + row.getAs("sentence"));
      }
    }
    System.out.println("anomaly rows per kind " + rows + ", false positives per kind " + falsePositives);
    MAX_FALSE_POSITIVES.forEach((kind, bound) ->
        assertThat(falsePositives.getOrDefault(kind, 0)).as(kind).isLessThanOrEqualTo(bound));
  }

  private static List<Row> matching(JsonNode incident, String kind, String table, String key) {
    return anomalies.stream().filter(row -> row.getAs("kind").equals(kind) && row.getAs("series_table").equals(table)
        && row.getAs("series_key").equals(key) && overlaps(row, incident)).toList();
  }

  private static boolean overlaps(Row row, JsonNode incident) {
    Instant start = row.<java.sql.Timestamp>getAs("bucket_start").toInstant();
    Instant end = row.<java.sql.Timestamp>getAs("bucket_end").toInstant();
    Instant from = Instant.parse(incident.get("start").asText());
    Instant to = Instant.parse(incident.get("end").asText());
    return start.isBefore(to) && end.isAfter(from);
  }
}
