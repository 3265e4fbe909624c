package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.ingest.IngestOptions;
import io.opslake.jobs.Jobs;
import io.opslake.jobs.events.ReclassifyOptions;
import io.opslake.jobs.series.SeriesOptions;
import io.opslake.sampledata.Compression;
import io.opslake.sampledata.GeneratorOptions;
import io.opslake.sampledata.SampleFormat;
import io.opslake.sampledata.ScenarioGenerator;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario recall of the trend findings (docs/benchmarks.md "Trends on a 35-day scenario"): a
 * generated scenario of 35 days (seed 5, one base web host, app events in JSON only, 20 page loads
 * per host-hour, uncompressed) is ingested without rates, reclassified, built into series and judged
 * by {@code findings} as of its last day through the {@code Jobs} facade; the 28-day window is the
 * longest the history reaches.
 *
 * <p>Ground truth from {@code _scenario.json}: the planted weekly growth of the load ({@code
 * traffic.weekly_growth}) must be found on the fleet's {@code page_load} counts, at that rate within
 * {@link #GROWTH_TOLERANCE}; and a
 * significant trend is allowed only on a series whose expected daily count rises over the window.
 * The expected counts are derived from the scenario's {@code hourly[]} records alone (load-driven
 * types follow the host's share of the expected page loads, {@code gc} its hours in service), so
 * the autoscaled host's series, which rise because it serves more hours as the load grows, are the
 * derived rises; a host that is always in service has flat GC counts.
 */
class TrendRecallTest {
  private static final int DAYS = 35;
  private static final int WINDOW_DAYS = 28;
  private static final LocalDate START = GeneratorOptions.DEFAULT_START;
  private static final LocalDate AS_OF = START.plusDays(DAYS - 1);
  /**
   * Tolerance on the fleet's relative slope per week against the planted growth (absolute: one
   * percentage point); measured +4.00 %/week against 4 % (docs/benchmarks.md).
   */
  private static final double GROWTH_TOLERANCE = 0.01;

  @TempDir static Path temp;
  private static final SparkSession spark = SharedSpark.session();
  private static JsonNode scenario;
  private static final List<Row> trends = new ArrayList<>();

  @BeforeAll
  static void generateAndRunThePipeline() throws IOException {
    Path landing = temp.resolve("landing");
    String warehouse = temp.resolve("wh").toString();
    long started = System.nanoTime();
    new ScenarioGenerator(line -> {}).generate(GeneratorOptions.defaults(landing).withDays(DAYS).withHosts(1)
        .withSeed(5).withPageLoadsPerHostHour(20).withCompress(Compression.NONE)
        .withFormats(EnumSet.of(SampleFormat.APP_EVENTS)));
    scenario = new ObjectMapper().readTree(landing.resolve("_scenario.json").toFile());
    lap("generate", started);
    Jobs.ingest(spark, IngestOptions.of(List.of(landing.toString()), warehouse), Jobs.RatesAfterIngest.SKIP,
        line -> {});
    lap("ingest", started);
    Jobs.reclassify(spark, ReclassifyOptions.of(warehouse, START.toString(), AS_OF.toString(), Optional.empty(),
        ReclassifyOptions.Mode.APPLY, Optional.empty()));
    lap("reclassify", started);
    Jobs.series(spark, SeriesOptions.range(warehouse, START.toString(), AS_OF.toString()));
    lap("series", started);
    Jobs.findings(spark, FindingsOptions.asOf(warehouse, AS_OF.toString()));
    lap("findings", started);
    trends.addAll(spark.read().parquet(temp.resolve("wh").toUri() + "/trends").collectAsList());
    trends.forEach(row -> System.out.println("trend: " + row.getAs("series_kind") + " " + row.getAs("series_key")
        + " " + row.getAs("window_days") + " " + row.getAs("relative_slope_per_week") + " p=" + row.getAs("p_value")
        + " significant=" + row.getAs("significant")));
  }

  private static void lap(String what, long started) {
    long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
    System.out.printf("%s done after %.1f s (test JVM CPU %.1f s, load average %.1f)%n", what,
        (System.nanoTime() - started) / 1e9, cpu / 1e9,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  @Test
  void thePlantedGrowthIsFoundOnTheFleetsPageLoadsAtThePlantedRate() {
    double planted = scenario.get("traffic").get("weekly_growth").asDouble();
    List<Row> fleet = trends.stream().filter(row -> row.getAs("series_kind").equals("type")
        && row.getAs("series_key").equals("page_load") && row.<Integer>getAs("window_days") == WINDOW_DAYS).toList();
    assertThat(fleet).hasSize(1);
    Row found = fleet.get(0);
    assertThat(found.<Boolean>getAs("significant")).as("%s", found).isTrue();
    assertThat(found.<Double>getAs("relative_slope_per_week")).as("%s", found)
        .isCloseTo(planted, org.assertj.core.data.Offset.offset(GROWTH_TOLERANCE));
  }

  @Test
  void noSignificantTrendOnASeriesWithoutAPlantedOrDerivedRise() {
    ExpectedCounts expected = ExpectedCounts.from(scenario, AS_OF.minusDays(WINDOW_DAYS - 1), AS_OF);
    Map<String, Boolean> rising = expected.rising();
    System.out.println("expected count, last week of the window over its first: " + expected.growth());
    List<String> falsePositives = new ArrayList<>();
    int significant = 0;
    for (Row row : trends) {
      if (!row.<Boolean>getAs("significant")) {
        continue;
      }
      significant++;
      String key = row.getAs("series_key");
      if (!rising.getOrDefault(key, false)) {
        falsePositives.add(key + " " + row.getAs("window_days") + " " + row.getAs("sentence"));
      }
    }
    System.out.println(significant + " significant of " + trends.size() + " rows; false positives " + falsePositives);
    assertThat(falsePositives).isEmpty();
  }

  /**
   * Expected daily counts per event series key ({@code type} and {@code type|host}) from the
   * scenario's hourly records: web host i (1-based, in {@code hosts.web} order) is in service in an
   * hour when {@code servers >= i} and then serves {@code expected_web_page_loads / servers} page
   * loads; {@code page_load}, {@code 404} and {@code exception} are drawn per page load, {@code gc}
   * every 420 s in service.
   */
  private record ExpectedCounts(Map<String, double[]> perKey) {
    /** A rise of the expected count below this share over the window is flat. */
    static final double MIN_RISE = 0.01;

    static ExpectedCounts from(JsonNode scenario, LocalDate from, LocalDate to) {
      List<String> web = new ArrayList<>();
      scenario.get("hosts").get("web").forEach(host -> web.add(host.asText()));
      int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
      Map<String, double[]> perKey = new HashMap<>();
      for (JsonNode hour : scenario.get("hourly")) {
        LocalDate day = Instant.parse(hour.get("hour").asText()).atZone(ZoneOffset.UTC).toLocalDate();
        if (day.isBefore(from) || day.isAfter(to)) {
          continue;
        }
        int index = (int) (day.toEpochDay() - from.toEpochDay());
        int servers = hour.get("servers").asInt();
        double perServer = hour.get("expected_web_page_loads").asDouble() / servers;
        for (int i = 0; i < servers; i++) {
          for (String type : List.of("page_load", "404", "exception")) {
            add(perKey, type, web.get(i), days, index, perServer);
          }
          add(perKey, "gc", web.get(i), days, index, 1);
        }
      }
      return new ExpectedCounts(perKey);
    }

    private static void add(Map<String, double[]> perKey, String type, String host, int days, int day, double value) {
      perKey.computeIfAbsent(type, key -> new double[days])[day] += value;
      perKey.computeIfAbsent(type + "|" + host, key -> new double[days])[day] += value;
    }

    /**
     * Per key, the expected count of the window's last week over that of its first week (the same
     * weekdays, so the weekend dip cancels).
     */
    Map<String, Double> growth() {
      Map<String, Double> growth = new java.util.TreeMap<>();
      perKey.forEach((key, counts) -> {
        double first = 0;
        double last = 0;
        for (int i = 0; i < 7; i++) {
          first += counts[i];
          last += counts[counts.length - 7 + i];
        }
        growth.put(key, last / first);
      });
      return growth;
    }

    /** Per key, whether its expected count rises: by more than {@link #MIN_RISE} from the first week to the last. */
    Map<String, Boolean> rising() {
      Map<String, Boolean> rising = new java.util.TreeMap<>();
      growth().forEach((key, ratio) -> rising.put(key, ratio > 1 + MIN_RISE));
      return rising;
    }
  }
}
