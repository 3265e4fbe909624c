package io.opslake.jobs.capacity;

import java.time.Instant;
import java.util.Map;

/**
 * One hour of one service, as the capacity job reads it from the series tables.
 *
 * @param hour start of the hour (UTC)
 * @param servers active servers of the service in that hour
 * @param pageLoads page loads the service's hosts served in that hour
 * @param latencyP95 p95 of the service's page-load time in that hour, ms (the hosts' hourly p95s
 *     weighted by their samples); null without samples
 * @param latencySamples samples behind {@code latencyP95}
 * @param utilisation per resource with metrics that hour, the mean utilisation of the service's
 *     hosts and the metric it came from (see {@link CapacityInputs}); empty without host metrics
 * @param requests requests served: page loads plus access-log requests ({@code http_request})
 * @param errors failed requests: {@code exception} events plus other events with a 5xx {@code
 *     http_status}
 */
public record RoleHour(Instant hour, int servers, long pageLoads, Double latencyP95, long latencySamples,
    Map<UtilisationResource, Measured> utilisation, long requests, long errors) {
  public RoleHour {
    utilisation = Map.copyOf(utilisation);
  }

  /** An hour without host metrics and errors, its requests its page loads. */
  public RoleHour(Instant hour, int servers, long pageLoads, Double latencyP95, long latencySamples) {
    this(hour, servers, pageLoads, latencyP95, latencySamples, Map.of(), pageLoads, 0);
  }

  /** Page loads per active server in the hour. */
  public double pageLoadsPerServer() {
    return servers > 0 ? (double) pageLoads / servers : 0;
  }

  /**
   * A utilisation measured in one hour.
   *
   * @param percent mean utilisation of the service's hosts, %
   * @param source the metric it came from, e.g. {@code host.vmstat.cpu.idle}
   */
  public record Measured(double percent, String source) {}
}
