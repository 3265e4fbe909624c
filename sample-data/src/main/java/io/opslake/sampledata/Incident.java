package io.opslake.sampledata;

/**
 * A planted incident, the ground truth of anomaly findings and alert-rule backtests.
 *
 * @param kind {@code error_burst}, {@code latency_spike} or {@code host_error_rate}
 * @param startMillis first instant of the incident (epoch ms, on an hour boundary)
 * @param endMillis end of the incident, exclusive
 * @param host the host it happens on, or null when it hits every web host in service
 * @param factor how much stronger than usual: extra exceptions in the hour (error_burst), the
 *     latency multiplier (latency_spike), the error-rate multiplier (host_error_rate)
 * @param description one sentence
 */
record Incident(String kind, long startMillis, long endMillis, String host, double factor, String description) {
  static final String ERROR_BURST = "error_burst";
  static final String LATENCY_SPIKE = "latency_spike";
  static final String HOST_ERROR_RATE = "host_error_rate";

  boolean covers(long epochMillis) {
    return epochMillis >= startMillis && epochMillis < endMillis;
  }
}
