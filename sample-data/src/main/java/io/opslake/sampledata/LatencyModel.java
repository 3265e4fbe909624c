package io.opslake.sampledata;

import java.util.SplittableRandom;

/**
 * Page-load latency as a function of load per server, shaped like the Universal Scalability
 * Law's response time: with {@code n = requestsPerServerHour / concurrencyUnit},
 *
 * <pre>
 *   median(n)      = baseSeconds × (1 + sigma × (n − 1) + kappa × n × (n − 1))
 *   execution_time = median(n) × exp(noiseSigma × Z),  Z ~ N(0, 1)   (lognormal noise)
 * </pre>
 *
 * The mean of execution_time is {@code median × exp(noiseSigma² / 2)}.
 */
record LatencyModel(double baseSeconds, double sigma, double kappa, double concurrencyUnit, double noiseSigma) {
  static LatencyModel forRate(int pageLoadsPerHostHour) {
    return new LatencyModel(0.25, 0.02, 0.0015, pageLoadsPerHostHour / 10.0, 0.25);
  }

  double medianSeconds(double requestsPerServerHour) {
    double n = requestsPerServerHour / concurrencyUnit;
    return baseSeconds * (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  /** One execution time in whole milliseconds (at least 1). */
  int sampleMillis(double requestsPerServerHour, SplittableRandom random) {
    double seconds = medianSeconds(requestsPerServerHour) * Math.exp(noiseSigma * RandomStreams.gaussian(random));
    return (int) Math.max(1, Math.round(seconds * 1000));
  }
}
