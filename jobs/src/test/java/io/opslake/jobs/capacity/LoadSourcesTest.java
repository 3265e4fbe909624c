package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.OpslakeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The load source rule on hand-built hours: one source per service, a request never counted twice. */
class LoadSourcesTest {
  private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

  @Test
  void aServiceWithPageLoadsAndAnAccessLogCountsEachRequestOnce() {
    // 2 servers; each hour 100 page loads, and 130 access-log lines: the 100 page requests plus 30
    // for assets. The page loads are the load and the requests; the access log adds nothing.
    List<LoadSources.Candidates> hours = new ArrayList<>();
    for (int h = 0; h < 3; h++) {
      hours.add(new LoadSources.Candidates(START.plusSeconds(3600L * h), 2, 100, new LoadSources.Latency(420, 100),
          130, new LoadSources.Latency(35, 130), Map.of("http.requests", 131.0), Map.of(), 2));
    }
    LoadSources.ServiceHours web = LoadSources.apply(hours);

    assertThat(web.load()).isEqualTo(LoadSource.PAGE_LOADS);
    assertThat(web.load().label()).isEqualTo("page_loads");
    assertThat(web.latency()).isEqualTo(LoadSources.LatencySource.PAGE_LOAD_TIME);
    RoleHour first = web.hours().get(0);
    assertThat(first.load()).isEqualTo(100);
    assertThat(first.requests()).isEqualTo(100);
    assertThat(first.loadPerServer()).isEqualTo(50.0);
    assertThat(first.latencyP95()).isEqualTo(420.0);
    assertThat(first.latencySamples()).isEqualTo(100);
    assertThat(first.errors()).isEqualTo(2);
    assertThat(web.hours().stream().mapToLong(RoleHour::requests).sum()).isEqualTo(300);
  }

  @Test
  void anAccessLogOnlyServiceGetsItsLoadAndLatencyFromItsHttpRequests() {
    List<LoadSources.Candidates> hours = List.of(
        new LoadSources.Candidates(START, 2, 0, null, 240, new LoadSources.Latency(290, 240), Map.of(), Map.of(), 6),
        // an hour whose requests had no duration field: load but no latency
        new LoadSources.Candidates(START.plusSeconds(3600), 3, 0, null, 90, null, Map.of(), Map.of(), 0));
    LoadSources.ServiceHours gateway = LoadSources.apply(hours);

    assertThat(gateway.load()).isEqualTo(LoadSource.HTTP_REQUESTS);
    assertThat(gateway.load().label()).isEqualTo("http_requests");
    assertThat(gateway.latency()).isEqualTo(LoadSources.LatencySource.REQUEST_DURATION);
    assertThat(gateway.latency().label()).isEqualTo("http_request duration_ms");
    assertThat(gateway.hours()).extracting(RoleHour::load).containsExactly(240L, 90L);
    assertThat(gateway.hours()).extracting(RoleHour::latencyP95).containsExactly(290.0, null);
    assertThat(gateway.hours()).extracting(RoleHour::latencySamples).containsExactly(240L, 0L);
    assertThat(gateway.hours().get(0).loadPerServer()).isEqualTo(120.0);
  }

  @Test
  void aCounterOnlyServiceGetsItsLoadFromTheRatesOfItsLargestRequestCounter() {
    // 2.5 requests/s over an hour are 9,000 requests; the failed-requests counter (0.1/s) also
    // matches the default globs but counts a part of them, so the larger counter is the load.
    List<LoadSources.Candidates> hours = List.of(
        new LoadSources.Candidates(START, 2, 0, null, 0, null,
            Map.of("http_requests_total", 2.5 * 3600, "http_failed_requests_total", 0.1 * 3600), Map.of(), 360),
        new LoadSources.Candidates(START.plusSeconds(3600), 2, 0, null, 0, null,
            Map.of("http_requests_total", 1.25 * 3600 + 0.4), Map.of(), 0));
    LoadSources.ServiceHours api = LoadSources.apply(hours);

    assertThat(api.load()).isEqualTo(LoadSource.counter("http_requests_total"));
    assertThat(api.load().label()).isEqualTo("counter:http_requests_total");
    assertThat(api.latency()).isEqualTo(LoadSources.LatencySource.NONE);
    assertThat(api.hours()).extracting(RoleHour::load).containsExactly(9000L, 4500L);
    assertThat(api.hours()).extracting(RoleHour::requests).containsExactly(9000L, 4500L);

    ServiceCapacity.Assessment assessed = ServiceCapacity.assess("api", api, LocalDate.parse("2026-10-01"), 1, 500,
        0.7);
    assertThat(assessed.latency().reason()).isEqualTo("Cannot fit latency against load of api: no latency data (no"
        + " page.load.time samples or http_request durations)");
    assertThat(assessed.dailyPeaks()).containsEntry(LocalDate.parse("2026-10-01"), 9000L);
  }

  @Test
  void aServiceWithNoRequestsAtAllSaysSo() {
    LoadSources.ServiceHours cron = LoadSources.apply(List.of(
        new LoadSources.Candidates(START, 1, 0, null, 0, null, Map.of(), Map.of(), 0)));
    assertThat(cron.load()).isEqualTo(LoadSource.NONE);

    ServiceCapacity.Assessment assessed = ServiceCapacity.assess("cron", cron, LocalDate.parse("2026-10-01"), 1, 500,
        0.7);
    assertThat(assessed.usl().reason()).isEqualTo("Cannot fit USL of cron: no requests (no page loads, http_request"
        + " events or request counter rates)");
  }

  @Test
  void theErrorRateOfAnAccessLogServiceIsItsServerErrorsOverItsRequests() {
    // 12 hours at 2 servers with 100, 200, 300, 400 requests in turn and 1, 2, 3, 4 5xx: 1 % every
    // hour, so the weighted mean rate is Σ errors / Σ requests = 30 / 3,000 = 1 % and flat.
    List<LoadSources.Candidates> hours = new ArrayList<>();
    for (int h = 0; h < 12; h++) {
      long requests = 100L * (1 + h % 4);
      hours.add(new LoadSources.Candidates(START.plusSeconds(3600L * h), 2, 0, null, requests, null, Map.of(),
          Map.of(), requests / 100));
    }
    ServiceCapacity.Assessment assessed = ServiceCapacity.assess("gw", LoadSources.apply(hours),
        LocalDate.parse("2026-10-01"), 1, 500, 0.7);

    ErrorRateLoadFit rate = assessed.errorRate().value();
    assertThat(rate.requests()).isEqualTo(3000);
    assertThat(rate.errors()).isEqualTo(30);
    assertThat(rate.meanRate()).isCloseTo(1.0, within(1e-12));
    assertThat(rate.trend()).isEqualTo(ErrorRateLoadFitter.Trend.FLAT);
    assertThat(assessed.loadSource()).isEqualTo(LoadSource.HTTP_REQUESTS);
  }

  @Test
  void theDefaultRequestCounterGlobsMatchTheCommonNamesAndNoOthers() {
    Pattern defaults = Pattern.compile(LoadSources.regex(LoadSources.DEFAULT_REQUEST_COUNTERS, ""));
    assertThat(List.of("http_requests_total", "nginx.requests", "requests", "http.server.requests.count"))
        .allMatch(name -> defaults.matcher(name).matches());
    assertThat(List.of("page.load.time", "writer.EventReceived.count", "requests.latency", "expvar.Requests"))
        .noneMatch(name -> defaults.matcher(name).matches());
    Pattern configured = Pattern.compile(LoadSources.regex(List.of("expvar.Requests", "app.hits?"), ""));
    assertThat(List.of("expvar.Requests", "app.hits1")).allMatch(name -> configured.matcher(name).matches());
    assertThatThrownBy(() -> LoadSources.regex(List.of(" "), "Cannot plan capacity: "))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot plan capacity: --request-counter needs a metric name or glob");
  }
}
