package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import io.opslake.schemas.MetricTypeDeclarations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load source rule of the capacity job (docs/algorithms.md#load-source), plain Java: of every
 * measure of a service's requests per hour, one is chosen for the whole window, in this order:
 *
 * <ol>
 *   <li>page loads ({@code page_load} events) when the service's hosts have any;
 *   <li>else access-log requests ({@code http_request} events) when they have any;
 *   <li>else the request counter (a {@code metric_rates} series whose name matches one of the
 *       request counter globs, {@link #DEFAULT_REQUEST_COUNTERS} unless configured) with the most
 *       requests over the window, each hour's requests being Σ over the service's series of that
 *       name of the hour's mean per-second rate × 3,600.
 * </ol>
 *
 * One source per service, never a sum of them: the page a user loads is also a line of the same
 * hosts' access log and a tick of their request counter, so a sum would count it two or three
 * times; one source for the whole window also keeps the models' load in one unit. The latency is
 * chosen the same way: the {@code page.load.time} p95 when the service has any, else the p95 of
 * its {@code http_request} events' {@code duration_ms}.
 */
public final class LoadSources {
  /** Request counter globs by default: Prometheus' {@code *_requests_total}, StatsD-style {@code *.requests}, .... */
  public static final List<String> DEFAULT_REQUEST_COUNTERS = List.of("*requests", "*requests_total", "*requests.count");

  private LoadSources() {}

  /** Where the latency of a service comes from. */
  public enum LatencySource {
    PAGE_LOAD_TIME("page.load.time"),
    REQUEST_DURATION("http_request duration_ms"),
    NONE("none");

    private final String label;

    LatencySource(String label) {
      this.label = label;
    }

    /** As in {@code capacity_model.parameters.latency_source}. */
    public String label() {
      return label;
    }
  }

  /**
   * A latency measured in one hour.
   *
   * @param p95 the p95, ms
   * @param samples samples behind it
   */
  public record Latency(double p95, long samples) {}

  /**
   * One hour of one service with every candidate measure of its load and latency.
   *
   * @param hour start of the hour (UTC)
   * @param servers active servers
   * @param pageLoads {@code page_load} events
   * @param pageLoadTime p95 of {@code page.load.time}; null without samples
   * @param httpRequests {@code http_request} events
   * @param requestDuration p95 of the {@code http_request} events' {@code duration_ms}; null without
   * @param counterRequests per request counter name, its requests in the hour (mean rate × 3,600,
   *     summed over the service's series of that name)
   * @param utilisation as {@link RoleHour#utilisation()}
   * @param errors as {@link RoleHour#errors()}
   */
  public record Candidates(Instant hour, int servers, long pageLoads, Latency pageLoadTime, long httpRequests,
      Latency requestDuration, Map<String, Double> counterRequests,
      Map<UtilisationResource, RoleHour.Measured> utilisation, long errors) {
    public Candidates {
      counterRequests = Map.copyOf(counterRequests);
      utilisation = Map.copyOf(utilisation);
    }
  }

  /**
   * A service's hours under its sources.
   *
   * @param load where its requests come from
   * @param latency where its latency comes from
   * @param hours its hours, oldest first, with the chosen load and latency
   */
  public record ServiceHours(LoadSource load, LatencySource latency, List<RoleHour> hours) {
    public ServiceHours {
      hours = List.copyOf(hours);
    }
  }

  /** Applies the rule to one service's hours (oldest first). */
  public static ServiceHours apply(List<Candidates> hours) {
    LoadSource load = loadSource(hours);
    LatencySource latency = hours.stream().anyMatch(hour -> hour.pageLoadTime() != null) ? LatencySource.PAGE_LOAD_TIME
        : hours.stream().anyMatch(hour -> hour.requestDuration() != null) ? LatencySource.REQUEST_DURATION
            : LatencySource.NONE;
    List<RoleHour> chosen = new ArrayList<>();
    for (Candidates hour : hours) {
      long requests = switch (load.kind()) {
        case PAGE_LOADS -> hour.pageLoads();
        case HTTP_REQUESTS -> hour.httpRequests();
        case COUNTER -> Math.round(hour.counterRequests().getOrDefault(load.counter(), 0.0));
        case NONE -> 0;
      };
      Latency p95 = switch (latency) {
        case PAGE_LOAD_TIME -> hour.pageLoadTime();
        case REQUEST_DURATION -> hour.requestDuration();
        case NONE -> null;
      };
      chosen.add(new RoleHour(hour.hour(), hour.servers(), requests, p95 == null ? null : p95.p95(),
          p95 == null ? 0 : p95.samples(), hour.utilisation(), hour.errors()));
    }
    return new ServiceHours(load, latency, chosen);
  }

  private static LoadSource loadSource(List<Candidates> hours) {
    if (hours.stream().anyMatch(hour -> hour.pageLoads() > 0)) {
      return LoadSource.PAGE_LOADS;
    }
    if (hours.stream().anyMatch(hour -> hour.httpRequests() > 0)) {
      return LoadSource.HTTP_REQUESTS;
    }
    // A counter of all requests counts at least as many as one of a part of them (errors, an endpoint).
    Map<String, Double> totals = new TreeMap<>();
    hours.forEach(hour -> hour.counterRequests().forEach((name, requests) -> totals.merge(name, requests, Double::sum)));
    String best = null;
    for (Map.Entry<String, Double> total : totals.entrySet()) {
      if (total.getValue() > 0 && (best == null || total.getValue() > totals.get(best))) {
        best = total.getKey();
      }
    }
    return best == null ? LoadSource.NONE : LoadSource.counter(best);
  }

  /**
   * The Java (and Spark SQL {@code RLIKE}) regular expression matching a name any of {@code globs}
   * matches ({@code *} and {@code ?} are wildcards over the whole name, as in {@code --metric-type}).
   */
  public static String regex(List<String> globs, String prefix) {
    if (globs.isEmpty() || globs.stream().anyMatch(glob -> glob == null || glob.isBlank())) {
      throw OpslakeException.usage(prefix + "--request-counter needs a metric name or glob");
    }
    List<String> alternatives = new ArrayList<>();
    for (String glob : globs) {
      alternatives.add("(" + new MetricTypeDeclarations.Declaration(glob.strip(), "counter").regex() + ")");
    }
    return String.join("|", alternatives);
  }
}
