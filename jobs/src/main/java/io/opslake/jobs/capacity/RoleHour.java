package io.opslake.jobs.capacity;

import java.time.Instant;
import java.util.Map;

/**
 * One hour of one service, as the capacity job reads it from the series tables.
 *
 * @param hour start of the hour (UTC)
 * @param servers active servers of the service in that hour
 * @param load requests the service's hosts served in that hour, from its load source ({@link
 *     LoadSources}: page loads, else access-log requests, else a request counter)
 * @param latencyP95 p95 latency of the service in that hour, ms, from its latency source ({@link
 *     LoadSources}: the hosts' hourly {@code page.load.time} p95s weighted by their samples, else the
 *     p95 of its {@code http_request} durations); null without samples
 * @param latencySamples samples behind {@code latencyP95}
 * @param utilisation per resource with metrics that hour, the mean utilisation of the service's
 *     hosts and the metric it came from (see {@link CapacityInputs}); empty without host metrics
 * @param errors failed requests: {@code exception} events plus other events with a 5xx {@code
 *     http_status}
 */
public record RoleHour(Instant hour, int servers, long load, Double latencyP95, long latencySamples,
    Map<UtilisationResource, Measured> utilisation, long errors) {
  public RoleHour {
    utilisation = Map.copyOf(utilisation);
  }

  /** An hour without host metrics and errors, its requests its load. */
  public RoleHour(Instant hour, int servers, long load, Double latencyP95, long latencySamples) {
    this(hour, servers, load, latencyP95, latencySamples, Map.of(), 0);
  }

  /** Requests served: the load, the error rate's denominator. */
  public long requests() {
    return load;
  }

  /** Load (requests) per active server in the hour. */
  public double loadPerServer() {
    return servers > 0 ? (double) load / servers : 0;
  }

  /**
   * A utilisation measured in one hour.
   *
   * @param percent mean utilisation of the service's hosts, %
   * @param source the metric it came from, e.g. {@code host.vmstat.cpu.idle}
   */
  public record Measured(double percent, String source) {}
}
