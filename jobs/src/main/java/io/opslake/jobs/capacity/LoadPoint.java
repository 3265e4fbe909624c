package io.opslake.jobs.capacity;

/**
 * One measurement for a scalability fit: the throughput a system sustained at one load.
 *
 * @param load the load: concurrent users, threads or requests in flight, or the number of servers
 *     (N in the Universal Scalability Law); positive
 * @param throughput completed work per unit of time at that load (X); not negative
 */
public record LoadPoint(double load, double throughput) {}
