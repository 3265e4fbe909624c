package io.opslake.jobs.capacity;

import java.time.Instant;

/**
 * One hour of one service, as the capacity job reads it from the series tables.
 *
 * @param hour start of the hour (UTC)
 * @param servers active servers of the service in that hour
 * @param pageLoads page loads the service's hosts served in that hour
 * @param latencyP95 p95 of the service's page-load time in that hour, ms (the hosts' hourly p95s
 *     weighted by their samples); null without samples
 * @param latencySamples samples behind {@code latencyP95}
 * @param cpuUtilisation mean CPU utilisation of the service's hosts in that hour, %; null without
 *     CPU metrics
 * @param cpuSource the metric {@code cpuUtilisation} came from (see {@link CapacityInputs}); null
 *     without
 */
public record RoleHour(Instant hour, int servers, long pageLoads, Double latencyP95, long latencySamples,
    Double cpuUtilisation, String cpuSource) {
  /** An hour without CPU metrics. */
  public RoleHour(Instant hour, int servers, long pageLoads, Double latencyP95, long latencySamples) {
    this(hour, servers, pageLoads, latencyP95, latencySamples, null, null);
  }

  /** Page loads per active server in the hour. */
  public double pageLoadsPerServer() {
    return servers > 0 ? (double) pageLoads / servers : 0;
  }
}
