package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate → ingest → reclassify → series through the CLI on the generated scenario (2 days, 2
 * hosts, seed 3), checked against the generator's ground truth: the planted hourly page loads and
 * the GC cadence (every 400–440 s per host) show in the series; the third day, never generated,
 * is a day without input.
 */
class SeriesScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  static String warehouse;
  static JsonNode truth;
  static JsonNode summary;

  @BeforeAll
  static void generateIngestReclassifySeries() throws IOException {
    SharedSpark.session();
    Path landing = temp.resolve("landing");
    warehouse = temp.resolve("warehouse").toString();
    CliRun generate = CliRun.of("generate", "--days", "2", "--hosts", "2", "--seed", "3", "--out", landing.toString());
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    truth = JSON.readTree(landing.resolve("_scenario.json").toFile());
    CliRun ingest = CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse);
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    CliRun reclassify = CliRun.of("reclassify", "--from", "2026-10-01", "--to", "2026-10-02", "--warehouse", warehouse);
    assertThat(reclassify.exitCode()).as(reclassify.err()).isZero();
    CliRun series = CliRun.of("series", "--from", "2026-10-01", "--to", "2026-10-03", "--warehouse", warehouse, "--json");
    assertThat(series.exitCode()).as(series.err()).isZero();
    summary = JSON.readTree(series.out());
  }

  private static List<JsonNode> query(String sql) throws IOException {
    CliRun run = CliRun.of("query", "--warehouse", warehouse, "--format", "json", "-e", sql);
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  @Test
  void hourlyWebPageLoadsAreThePlantedCounts() throws IOException {
    Map<String, Long> counted = new HashMap<>();
    for (JsonNode row : query("SELECT date_format(bucket_start, \"yyyy-MM-dd'T'HH:mm:ss'Z'\") hour, sum(count) n"
        + " FROM event_series WHERE grain = 'hour' AND series_kind = 'type_host' AND type = 'page_load'"
        + " AND hostname LIKE 'dc0-web%' GROUP BY 1")) {
      counted.put(row.get("hour").asText(), row.get("n").asLong());
    }
    Map<String, Long> planted = new HashMap<>();
    truth.get("hourly").forEach(hour -> planted.put(hour.get("hour").asText(), hour.get("web_page_loads").asLong()));

    assertThat(planted).hasSize(48);
    assertThat(counted).isEqualTo(planted);
  }

  @Test
  void theGcCadenceShowsInTheMinuteSeriesOfEachApiHost() throws IOException {
    double period = truth.get("gc").get("period_seconds").asDouble();
    for (JsonNode host : truth.get("hosts").get("api")) {
      List<JsonNode> minutes = query("SELECT cast(bucket_start AS string) t, count FROM event_series"
          + " WHERE dt = DATE '2026-10-01' AND grain = 'minute' AND series_kind = 'type_host' AND type = 'gc'"
          + " AND hostname = '" + host.asText() + "' ORDER BY bucket_start");
      // The dense minute grid: every minute of the day, at most one collection in any of them.
      assertThat(minutes).hasSize(1440);
      assertThat(minutes).allSatisfy(row -> assertThat(row.get("count").asLong()).isBetween(0L, 1L));
      List<Integer> collections = new ArrayList<>();
      for (int minute = 0; minute < minutes.size(); minute++) {
        if (minutes.get(minute).get("count").asLong() == 1) {
          collections.add(minute);
        }
      }
      // 400–440 s apart: consecutive collections 6 to 8 minute buckets apart, about 86,400 / 420 a day.
      for (int i = 1; i < collections.size(); i++) {
        assertThat(collections.get(i) - collections.get(i - 1)).as(host + " at minute " + collections.get(i))
            .isBetween(6, 8);
      }
      assertThat(collections.size()).isBetween((int) (86_400 / (period + 20)), (int) (86_400 / (period - 20)) + 1);
    }
  }

  @Test
  void theDayThatWasNeverGeneratedIsADayWithoutInput() throws IOException {
    assertThat(summary.get("days").toString()).isEqualTo("[\"2026-10-01\",\"2026-10-02\",\"2026-10-03\"]");
    assertThat(summary.get("days_without_input").toString()).isEqualTo("[\"2026-10-03\"]");
    assertThat(summary.get("events_read").asLong())
        .isEqualTo(query("SELECT count(*) n FROM events").get(0).get("n").asLong());
    List<JsonNode> days = query("SELECT cast(dt AS string) d, bool_and(has_input) all_in, bool_or(has_input) any_in,"
        + " count(*) n FROM series_days GROUP BY dt ORDER BY dt");
    assertThat(days).extracting(row -> row.get("d").asText() + " " + row.get("all_in").asBoolean() + " "
            + row.get("any_in").asBoolean() + " " + row.get("n").asLong())
        .containsExactly("2026-10-01 true true 8", "2026-10-02 true true 8", "2026-10-03 false false 8");
    assertThat(summary.get("rows_written").get("series_days").asLong()).isEqualTo(24);
    assertThat(query("SELECT count(*) n FROM metric_series WHERE dt = DATE '2026-10-03'").get(0).get("n").asLong())
        .isZero();
  }

  @Test
  void aBadRangeIsAUsageErrorBeforeSparkWork() {
    CliRun bad = CliRun.of("series", "--from", "2026-10-02", "--to", "2026-10-01", "--warehouse",
        temp.resolve("untouched").toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("opslake series: Cannot build series: --to 2026-10-01 is before --from 2026-10-02\n");
    assertThat(temp.resolve("untouched")).doesNotExist();
  }
}
