package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.schemas.Tables;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/opslake capacity} on a generated scenario (14 days, 2 base web hosts, seed 5: page loads
 * and StatsD timings for 14 days, host_stats for the first 7, four access-log requests) after ingest,
 * reclassify and series,
 * checked against the planted truth of {@code _scenario.json} and sample-data/SCENARIO.md: the latency
 * model's σ and κ, the load per server at the objective, the recommended fleet per week, the CPU and
 * memory lines, the error rate and its flat trend, and the disk-full date. Tolerances are those of
 * docs/benchmarks.md#capacity.
 */
class CapacityScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double Z95 = 1.6448536269514722;
  private static final double OBJECTIVE_MS = 500;
  private static final double UTILISATION = 0.70;

  @TempDir static Path temp;
  static String warehouse;
  static JsonNode truth;
  static JsonNode diskTruth;
  static CliRun fortnight;
  static CliRun firstWeek;

  @BeforeAll
  static void generateIngestSeriesAndPlan() throws IOException {
    SharedSpark.session();
    long started = System.nanoTime();
    Path traffic = temp.resolve("traffic");
    Path hostStats = temp.resolve("host_stats");
    warehouse = temp.resolve("warehouse").toString();
    // Only what capacity reads, uncompressed: page loads (app_events), page-load timings (statsd),
    // and host_stats (CPU, disks) for the first week.
    run("generate", "--days", "14", "--hosts", "2", "--seed", "5", "--formats", "app_events,statsd",
        "--malformed-ratio", "0", "--compress", "none", "--out", traffic.toString());
    run("generate", "--days", "7", "--hosts", "2", "--seed", "5", "--formats", "host_stats",
        "--malformed-ratio", "0", "--compress", "none", "--out", hostStats.toString());
    truth = JSON.readTree(traffic.resolve("_scenario.json").toFile());
    // Four access-log requests of dc0-web01, three of them 5xx: requests and errors beside the page loads.
    Path accessLog = traffic.resolve("dt=2026-10-05/access_log/access_dc0-web01_2026-10-05T12-00-00Z.log");
    Files.createDirectories(accessLog.getParent());
    Files.writeString(accessLog, """
        192.0.2.7 - - [05/Oct/2026:12:10:00 +0000] "GET /page1 HTTP/1.1" 503 0 "-" "curl/8.4.0"
        192.0.2.7 - - [05/Oct/2026:12:11:00 +0000] "GET /page2 HTTP/1.1" 500 0 "-" "curl/8.4.0"
        192.0.2.7 - - [05/Oct/2026:12:12:00 +0000] "GET /page3 HTTP/1.1" 502 0 "-" "curl/8.4.0"
        192.0.2.7 - - [05/Oct/2026:12:13:00 +0000] "GET /page4 HTTP/1.1" 200 512 "-" "curl/8.4.0"
        """);
    diskTruth = JSON.readTree(hostStats.resolve("_scenario.json").toFile()).get("host_stats").get("filling_disk");
    run("ingest", "--input", traffic.toString(), "--warehouse", warehouse);
    run("ingest", "--input", hostStats.toString(), "--warehouse", warehouse);
    run("reclassify", "--from", "2026-10-01", "--to", "2026-10-14", "--warehouse", warehouse);
    run("series", "--from", "2026-10-01", "--to", "2026-10-14", "--warehouse", warehouse);
    fortnight = run("capacity", "--as-of", "2026-10-14", "--horizon-weeks", "1", "--warehouse", warehouse, "--json");
    firstWeek = run("capacity", "--as-of", "2026-10-07", "--warehouse", warehouse, "--json");
    System.out.printf("capacity benchmark: fixture (generate, ingest, reclassify, series, capacity × 2) took %.0f s%n",
        (System.nanoTime() - started) / 1e9);
  }

  private static CliRun run(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
    return run;
  }

  private static List<JsonNode> query(String sql) throws IOException {
    CliRun run = run("query", "--warehouse", warehouse, "--format", "json", "-e", sql);
    List<JsonNode> rows = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  private static JsonNode model(String date, String service, String model) throws IOException {
    List<JsonNode> rows = query("SELECT *, to_json(parameters) p FROM capacity_model WHERE dt = DATE '" + date
        + "' AND service = '" + service + "' AND model = '" + model + "'");
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  /** The planted p95 in ms at x page loads per server-hour: the USL median times the lognormal's 95th percentile. */
  private static double plantedP95(double x) {
    JsonNode latency = truth.get("latency");
    double n = x / latency.get("concurrency_unit").asDouble();
    double median = 1000 * latency.get("base_seconds").asDouble()
        * (1 + latency.get("sigma").asDouble() * (n - 1) + latency.get("kappa").asDouble() * n * (n - 1));
    return median * Math.exp(latency.get("noise_sigma").asDouble() * Z95);
  }

  /** The planted load per server at which p95 reaches the objective, by bisection. */
  private static double plantedBreachLoad() {
    double low = 0;
    double high = 10_000;
    for (int i = 0; i < 100; i++) {
      double middle = (low + high) / 2;
      if (plantedP95(middle) >= OBJECTIVE_MS) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }

  /** Planted web page loads per hour at {@code hour}: page_loads_per_host_hour × hosts × load. */
  private static double plantedPageLoads(Instant hour) {
    JsonNode traffic = truth.get("traffic");
    Instant start = LocalDate.parse(truth.get("options").get("start").asText()).atStartOfDay(ZoneOffset.UTC).toInstant();
    double hours = Duration.between(start, hour).toHours();
    var time = hour.atZone(ZoneOffset.UTC);
    boolean weekend = time.getDayOfWeek() == DayOfWeek.SATURDAY || time.getDayOfWeek() == DayOfWeek.SUNDAY;
    double load = Math.pow(1 + traffic.get("weekly_growth").asDouble(), hours / 168)
        * (1 + traffic.get("daily_amplitude").asDouble()
            * Math.cos(2 * Math.PI * (time.getHour() - traffic.get("peak_hour_utc").asDouble()) / 24))
        * (weekend ? traffic.get("weekend_factor").asDouble() : 1);
    return truth.get("options").get("page_loads_per_host_hour").asDouble() * truth.get("options").get("hosts").asDouble()
        * load;
  }

  @Test
  void theLatencyModelRecoversThePlantedContentionAndCoherency() throws IOException {
    JsonNode web = model("2026-10-14", "web", "latency_per_server");
    assertThat(web.get("status").asText()).as(web.toString()).isEqualTo("fitted");
    JsonNode parameters = JSON.readTree(web.get("p").asText());
    double a = parameters.get("intercept_ms").asDouble();
    double b = parameters.get("linear_ms").asDouble();
    double c = parameters.get("quadratic_ms").asDouble();
    // The fit is in page loads per server-hour x; the scenario's n is x / concurrency_unit:
    // R0 = R(x = unit), σ = (b u + c u²) / R0, κ = c u² / R0.
    double unit = truth.get("latency").get("concurrency_unit").asDouble();
    double base = a + b * unit + c * unit * unit;
    double sigma = (b * unit + c * unit * unit) / base;
    double kappa = c * unit * unit / base;

    assertThat(base).isCloseTo(plantedP95(unit), within(0.05 * plantedP95(unit)));
    assertThat(sigma).isCloseTo(truth.get("latency").get("sigma").asDouble(), within(0.015));
    assertThat(kappa).isCloseTo(truth.get("latency").get("kappa").asDouble(), within(0.001));
    assertThat(web.get("breach_load_per_server").asDouble())
        .isCloseTo(plantedBreachLoad(), within(0.10 * plantedBreachLoad()));
    assertThat(web.get("r2").asDouble()).isGreaterThan(0.5);
    System.out.printf("capacity benchmark: R0 %.1f ms (planted %.1f), sigma %.4f, kappa %.5f, breach %.1f (planted %.1f)%n",
        base, plantedP95(unit), sigma, kappa, web.get("breach_load_per_server").asDouble(), plantedBreachLoad());
  }

  @Test
  void theRecommendedFleetPerWeekMatchesThePlantedDemandAndCapacity() throws IOException {
    List<JsonNode> plan = query("SELECT * FROM capacity_plan WHERE dt = DATE '2026-10-14' AND service = 'web'"
        + " ORDER BY week");
    assertThat(plan).hasSize(1);
    JsonNode week = plan.get(0);
    assertThat(week.get("status").asText()).isEqualTo("planned");
    assertThat(week.get("week_start").asText()).isEqualTo("2026-10-15");
    double peak = 0;
    Instant first = Instant.parse("2026-10-15T00:00:00Z");
    for (int hour = 0; hour < 7 * 24; hour++) {
      peak = Math.max(peak, plantedPageLoads(first.plusSeconds(3600L * hour)));
    }
    int plantedServers = (int) Math.ceil(peak / (plantedBreachLoad() * UTILISATION));
    System.out.printf("capacity benchmark: week 1 peak %.1f (planted %.1f), servers %d (planted %d), upper %d%n",
        week.get("demand_median").asDouble(), peak, week.get("servers_needed_median").asInt(), plantedServers,
        week.get("servers_needed").asInt());

    // Two weeks of history: the median may lag the 4 %/week growth, the 95 % bound must cover the planted peak.
    assertThat(week.get("demand_median").asDouble()).isCloseTo(peak, within(0.20 * peak));
    assertThat(week.get("demand_upper").asDouble()).isGreaterThanOrEqualTo(peak);
    assertThat(week.get("servers_needed_median").asInt()).isBetween(plantedServers - 1, plantedServers + 1);
    assertThat(week.get("servers_needed").asInt()).isBetween(plantedServers, plantedServers + 2);
    // The planted autoscaler runs at most 2 × hosts = 4 web servers; the busiest hour of D had all of them.
    assertThat(week.get("current_fleet").asInt()).isEqualTo(4);
  }

  @Test
  void theDemandForecastIsBacktestedAndTooLongAHorizonIsRefused() throws IOException {
    JsonNode demand = model("2026-10-14", "web", "demand_forecast");
    assertThat(demand.get("status").asText()).as(demand.toString()).isEqualTo("fitted");
    assertThat(demand.get("points").asLong()).isEqualTo(14);
    // 14 days cannot give an honest backtest (28 days of training + 7): a reason, not a number.
    assertThat(demand.has("backtest_mape")).isFalse();
    assertThat(demand.has("backtest_coverage80")).isFalse();
    assertThat(demand.get("sentence").asText()).endsWith("; no backtest: 14 days of history; an honest one needs 35"
        + " (28 days of training, so that the forecast's intervals are calibrated on two weekly seasons it was not"
        + " fitted on, plus 7 days to compare)");
    System.out.printf("capacity benchmark: %s%n", demand.get("sentence").asText());

    JsonNode early = model("2026-10-07", "web", "demand_forecast");
    assertThat(early.get("status").asText()).isEqualTo("not_fitted");
    assertThat(early.get("reason").asText()).isEqualTo("Cannot forecast demand of web peak-hour page loads 12 weeks"
        + " ahead from 7 days of history: the horizon may be at most half the history, so 12 weeks need 168 days");
    JsonNode plan = query("SELECT * FROM capacity_plan WHERE dt = DATE '2026-10-07' AND service = 'web'").get(0);
    assertThat(plan.get("status").asText()).isEqualTo("not_planned");
    assertThat(plan.get("reason").asText()).startsWith("No plan for web: no demand forecast (Cannot forecast demand");
  }

  /**
   * Checks the {@code model} row of web against the planted line u(x) = intercept + percentPerBusy ·
   * x / (1.5 × page_loads_per_host_hour): intercept ± 3 points, slope and load at the target ± 10 %.
   */
  private static JsonNode plantedUtilisationLine(String model, String source, double intercept, double percentPerBusy)
      throws IOException {
    JsonNode row = model("2026-10-14", "web", model);
    assertThat(row.get("status").asText()).as(row.toString()).isEqualTo("fitted");
    JsonNode parameters = JSON.readTree(row.get("p").asText());
    double plantedSlope = percentPerBusy / (1.5 * truth.get("options").get("page_loads_per_host_hour").asDouble());
    double plantedTargetLoad = (100 * UTILISATION - intercept) / plantedSlope;
    System.out.printf("capacity benchmark: %s %.2f %% + %.4f %%/load (planted %.1f + %.4f), 70 %% at %.1f (planted"
        + " %.1f), R2 %.3f over %d hours%n", model, parameters.get("intercept_percent").asDouble(),
        parameters.get("slope_percent").asDouble(), intercept, plantedSlope, row.get("breach_load_per_server").asDouble(),
        plantedTargetLoad, row.get("r2").asDouble(), row.get("points").asLong());
    assertThat(parameters.get("source").asText()).isEqualTo(source);
    assertThat(parameters.get("intercept_percent").asDouble()).isCloseTo(intercept, within(3.0));
    assertThat(parameters.get("slope_percent").asDouble()).isCloseTo(plantedSlope, within(0.10 * plantedSlope));
    assertThat(row.get("breach_load_per_server").asDouble()).isCloseTo(plantedTargetLoad, within(0.10 * plantedTargetLoad));
    return row;
  }

  @Test
  void theUtilisationModelRecoversThePlantedCpuLawAndTheLatencyConstraintBinds() throws IOException {
    // Planted (sample-data/SCENARIO.md, host_stats): vmstat's 100 − idle averages 9 + 60 · busy %,
    // busy = page loads per server-hour / (1.5 × page_loads_per_host_hour) below saturation; so
    // u(x) = 9 + 60 x / 180 = 9 + x / 3 and the line reaches 70 % at x = 183 (host_stats: first 7 days).
    JsonNode cpu = plantedUtilisationLine("utilisation_per_server", "host.vmstat.cpu.idle", 9, 60);

    JsonNode week = query("SELECT * FROM capacity_plan WHERE dt = DATE '2026-10-14' AND service = 'web'").get(0);
    assertThat(week.get("utilisation_load_per_server").asDouble())
        .isEqualTo(cpu.get("breach_load_per_server").asDouble());
    // Latency allows 122.6 × 0.7 = 85.8 page loads per server-hour, CPU about 183: latency binds.
    assertThat(week.get("binding_constraint").asText()).isEqualTo("latency");
    assertThat(week.get("servers_needed").asInt()).isEqualTo(week.get("servers_for_latency").asInt());
    assertThat(week.get("servers_for_utilisation").asInt())
        .isEqualTo((int) Math.ceil(week.get("demand_upper").asDouble() / cpu.get("breach_load_per_server").asDouble()));
  }

  @Test
  void memoryFollowsThePlantedLawAndCpuStaysTheTightestUtilisation() throws IOException {
    // Planted (sample-data/SCENARIO.md, host_stats): free's and top's used memory is
    // (0.25 + 0.35 busy + 0.03 U) of the total, busy = x / (1.5 × page_loads_per_host_hour), so
    // m(x) = 26.5 + 35 x / 180 % and the line reaches 70 % at x = 223.7, beyond CPU's 183.
    JsonNode memory = plantedUtilisationLine("memory_per_server", "host.mem.used", 26.5, 35);

    // lsof runs on the API hosts only (SCENARIO.md): the web service has no descriptor counts.
    JsonNode descriptors = model("2026-10-14", "web", "descriptors_per_server");
    assertThat(descriptors.get("status").asText()).isEqualTo("not_fitted");
    assertThat(descriptors.get("reason").asText()).isEqualTo("Cannot fit descriptor utilisation against load of web:"
        + " no descriptor metrics (host.lsof.descriptors) in hours with page loads");

    JsonNode cpu = model("2026-10-14", "web", "utilisation_per_server");
    JsonNode week = query("SELECT * FROM capacity_plan WHERE dt = DATE '2026-10-14' AND service = 'web'").get(0);
    assertThat(week.get("utilisation_resource").asText()).isEqualTo("cpu");
    assertThat(week.get("utilisation_load_per_server").asDouble())
        .isEqualTo(cpu.get("breach_load_per_server").asDouble())
        .isLessThan(memory.get("breach_load_per_server").asDouble());
  }

  @Test
  void theErrorRateIsFlatInLoadAsPlanted() throws IOException {
    // Planted: 0.2 % of web page loads raise an exception other than the 404s (which the default
    // rules retype to 404, a client error), whatever the load; on top, the error_burst's extra
    // exceptions and, for one UTC day, 10.8 % of one base host's page loads (about 1 / servers of
    // the fleet's each hour). The fixture adds four access-log requests of a web host, three with a
    // 5xx status.
    double pageLoads = 0;
    double errors = 0;
    for (JsonNode hour : truth.get("hourly")) {
      pageLoads += hour.get("web_page_loads").asDouble();
      errors += 0.002 * hour.get("web_page_loads").asDouble();
    }
    for (JsonNode incident : truth.get("incidents")) {
      Instant start = Instant.parse(incident.get("start").asText());
      Instant end = Instant.parse(incident.get("end").asText());
      if (incident.get("kind").asText().equals("error_burst")) {
        errors += incident.get("factor").asDouble();
      } else if (incident.get("kind").asText().equals("host_error_rate")) {
        for (JsonNode hour : truth.get("hourly")) {
          Instant at = Instant.parse(hour.get("hour").asText());
          if (!at.isBefore(start) && at.isBefore(end)) {
            errors += 0.108 * hour.get("web_page_loads").asDouble() / hour.get("servers").asDouble();
          }
        }
      }
    }
    // The service's load source is its page loads: the four access-log requests are requests the
    // page loads already count (docs/algorithms.md#load-source), but their three 5xx are errors.
    double plantedRate = 100 * (errors + 3) / pageLoads;
    JsonNode rate = model("2026-10-14", "web", "error_rate_per_server");
    assertThat(rate.get("status").asText()).as(rate.toString()).isEqualTo("fitted");
    JsonNode parameters = JSON.readTree(rate.get("p").asText());
    System.out.printf("capacity benchmark: error rate %.3f %% (planted %.3f %%), slope %s p %s, dispersion %s: %s%n",
        parameters.get("mean_rate_percent").asDouble(), plantedRate, parameters.get("slope_percent").asText(),
        parameters.get("slope_p").asText(), parameters.path("dispersion").asText(), rate.get("sentence").asText());
    assertThat(parameters.get("requests").asDouble()).isEqualTo(pageLoads);
    assertThat(rate.get("load_source").asText()).isEqualTo("page_loads");
    assertThat(rate.get("load_unit").asText()).isEqualTo("page loads per server-hour");
    long exceptions = query("SELECT count(*) n FROM events WHERE type = 'exception' AND hostname LIKE 'dc0-web%'")
        .get(0).get("n").asLong();
    assertThat(parameters.get("errors").asLong()).isEqualTo(exceptions + 3);
    assertThat(parameters.get("mean_rate_percent").asDouble()).isCloseTo(plantedRate, within(0.15 * plantedRate));
    assertThat(parameters.get("trend").asText()).isEqualTo("flat");
    assertThat(rate.get("sentence").asText()).startsWith("web: the error rate is flat in load, ")
        .endsWith("so errors set no limit on the load per server");
    assertThat(rate.has("breach_load_per_server")).isFalse();
  }

  @Test
  void tooFewFleetSizesGiveAReasonInsteadOfAUslFit() throws IOException {
    // The planted autoscaler keeps 2 to 4 web servers: three fleet sizes.
    JsonNode usl = model("2026-10-14", "web", "usl");
    assertThat(usl.get("status").asText()).isEqualTo("not_fitted");
    assertThat(usl.get("reason").asText()).isEqualTo("Cannot fit USL: 3 distinct loads (2, 3, 4); λ, σ and κ need"
        + " at least 4 distinct loads");
    assertThat(usl.has("sigma")).isFalse();
  }

  @Test
  void thePlantedDiskFullDateIsFoundWithinADay() throws IOException {
    List<JsonNode> disk = query("SELECT * FROM resource_forecast WHERE dt = DATE '2026-10-07'"
        + " AND hostname = '" + diskTruth.get("host").asText() + "' AND resource LIKE '"
        + diskTruth.get("mount").asText() + " %'");
    assertThat(disk).hasSize(1);
    assertThat(disk.get(0).get("status").asText()).isEqualTo("fills");
    Instant planted = Instant.parse(diskTruth.get("full_at").asText());
    Instant found = Instant.parse(disk.get(0).get("exhausted_at").asText());
    System.out.printf("capacity benchmark: disk full at %s (planted %s)%n", found, planted);
    assertThat(Duration.between(planted, found).abs()).isLessThanOrEqualTo(Duration.ofDays(1));
    assertThat(Instant.parse(disk.get(0).get("earliest").asText())).isBefore(found);

    List<JsonNode> others = query("SELECT status FROM resource_forecast WHERE dt = DATE '2026-10-07'"
        + " AND resource_kind = 'disk' AND resource LIKE '/var/log %' AND hostname <> 'dc0-web01'");
    assertThat(others).isNotEmpty().allSatisfy(row -> assertThat(row.get("status").asText()).isNotEqualTo("fills"));
  }

  @Test
  void theSummaryAndTheReportFilesAreWritten() throws IOException {
    JsonNode summary = JSON.readTree(fortnight.out());
    assertThat(summary.get("as_of").asText()).isEqualTo("2026-10-14");
    assertThat(summary.get("services_planned").asLong()).isEqualTo(1);
    Path reports = Path.of(warehouse, "reports", "capacity", "dt=2026-10-14");
    List<String> header = new ArrayList<>();
    Tables.CAPACITY_PLAN.dataColumns().forEach(column -> header.add(column.name()));
    assertThat(Files.readAllLines(reports.resolve("capacity_plan.csv")).get(0)).isEqualTo(String.join(",", header));
    assertThat(Files.readAllLines(reports.resolve("capacity_plan.csv"))).anyMatch(line -> line.startsWith("web,planned,page_loads,,1,"));
    assertThat(Files.readString(reports.resolve("resource_forecast.csv"))).contains("dc0-web01,disk,/var/log");
    assertThat(Files.readString(reports.resolve("capacity_plan.svg"))).startsWith("<svg").contains("Capacity plan of web",
        "95 % interval", "capacity of 4 servers at 70 %").endsWith("</svg>\n");
    assertThat(Files.readString(Path.of(warehouse, "reports", "capacity", "dt=2026-10-07", "resource_forecast.svg")))
        .contains("/var/log (/dev/nvme1n1) on dc0-web01");
  }

  @Test
  void anInventoryWithTextWhereADateBelongsIsAUsageErrorNamingTheLine() throws IOException {
    Path inventory = temp.resolve("inventory.csv");
    Files.writeString(inventory, "hostname,role,from,to\ndc0-web01,web,2026-10-01,\ndc0-web02,web,2026-10-01,later\n");
    CliRun bad = CliRun.of("capacity", "--as-of", "2026-10-14", "--inventory", inventory.toString(), "--warehouse",
        warehouse);
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("opslake capacity: Cannot plan capacity: line 3 of inventory.csv: 'later' in"
        + " column to is not a date (YYYY-MM-DD) or an ISO instant\n");
  }
}
