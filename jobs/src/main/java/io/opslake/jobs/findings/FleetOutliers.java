package io.opslake.jobs.findings;

import io.opslake.jobs.anomaly.RobustStatistics;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;

/**
 * Hosts whose rate of one event type on a day is far above the rest of the fleet's. A host's rate is
 * the share of its events that day that are of the type, {@code count / host total}, so a host that
 * served fewer requests is not an outlier for that alone. The fleet of a type is every host with
 * events that day that has had the type at some time (the caller decides the lookback), with a count
 * of 0 when it has none that day; it needs at least {@link #MIN_PEERS} peers besides the host judged.
 *
 * <p>For each host, against its peers (leave-one-out): x = ln((count + ½) / (total + 1)), the robust
 * z = (x − median of the peers' x) / max(1.4826 · MAD of the peers' x, {@link #MIN_SPREAD}); the
 * expected count is {@code total × e^median}. A host is an outlier when its rate is at least {@link
 * #MIN_RATIO} times the peers' median rate, it has at least {@link #MIN_COUNT} events of the type,
 * and either z ≥ {@link #MIN_Z} or its count is improbable as a Poisson draw around the expected
 * count, P(X ≥ count) ≤ {@link #MAX_POISSON_TAIL}. The second test is there because for a rare type
 * the peers' log rates are mostly Poisson noise of counts of 0 to 3, which inflates their MAD. Its
 * score is {@code min(1, −log10(p) / 5)} with p the smaller of the normal tail of z and the Poisson
 * tail, the detector's scale (0.6 is p = 1e-3). Cost: O(hosts²) per type and day.
 *
 * <p>Reference: F. R. Hampel, "The influence curve and its role in robust estimation", JASA 69(346),
 * 1974; P. J. Rousseeuw, C. Croux, "Alternatives to the median absolute deviation", JASA 88(424),
 * 1993; B. Iglewicz, D. C. Hoaglin, <i>How to Detect and Handle Outliers</i>, 1993 (the 3.5 cut-off).
 */
final class FleetOutliers {
  static final int MIN_PEERS = 3;
  static final double MIN_Z = 3.5;
  static final double MIN_RATIO = 5;
  static final long MIN_COUNT = 10;
  static final double MAX_POISSON_TAIL = 1e-6;
  /** Floor of the peers' spread of log rates: a factor of about 1.16 (e^0.15). */
  static final double MIN_SPREAD = 0.15;

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private FleetOutliers() {}

  /** One host's count of the type and its events of every type that day. */
  record HostCount(String host, long count, long total) {
    double logRate() {
      return Math.log((count + 0.5) / (total + 1.0));
    }
  }

  /**
   * An outlier host.
   *
   * @param host the host
   * @param count its events of the type
   * @param expected what its count would be at the peers' median rate ({@code total × rate})
   * @param rate its rate
   * @param peerRate the peers' median rate (of the smoothed log rates, transformed back)
   * @param z the robust z of its log rate
   * @param score in [0, 1]
   * @param peers hosts compared with
   */
  record Outlier(String host, long count, double expected, double rate, double peerRate, double z, double score,
      int peers) {}

  static List<Outlier> of(List<HostCount> fleet) {
    List<Outlier> outliers = new ArrayList<>();
    if (fleet.size() < MIN_PEERS + 1) {
      return outliers;
    }
    for (HostCount host : fleet) {
      double[] peers = fleet.stream().filter(other -> other != host).mapToDouble(HostCount::logRate).toArray();
      double median = RobustStatistics.median(peers, peers.length);
      double spread = Math.max(RobustStatistics.MAD_TO_SIGMA
          * RobustStatistics.medianAbsoluteDeviation(peers, peers.length, median), MIN_SPREAD);
      double z = (host.logRate() - median) / spread;
      double rate = (double) host.count() / host.total();
      double peerRate = Math.exp(median);
      double expected = host.total() * peerRate;
      double poissonTail = poissonTail(host.count(), expected);
      boolean far = z >= MIN_Z || poissonTail <= MAX_POISSON_TAIL;
      if (far && rate >= MIN_RATIO * peerRate && host.count() >= MIN_COUNT) {
        double p = Math.min(normalTail(z), poissonTail);
        outliers.add(new Outlier(host.host(), host.count(), expected, rate, peerRate, z, scoreOf(p), peers.length));
      }
    }
    return List.copyOf(outliers);
  }

  /** {@code min(1, −log10(1 − Φ(z)) / 5)}. */
  static double score(double z) {
    return scoreOf(normalTail(z));
  }

  /** P(X ≥ count) for X Poisson with mean {@code expected}. */
  static double poissonTail(long count, double expected) {
    if (count <= 0) {
      return 1;
    }
    return 1 - new PoissonDistribution(null, Math.max(expected, 1e-9), PoissonDistribution.DEFAULT_EPSILON,
        PoissonDistribution.DEFAULT_MAX_ITERATIONS).cumulativeProbability((int) Math.min(Integer.MAX_VALUE, count - 1));
  }

  private static double normalTail(double z) {
    return NORMAL.cumulativeProbability(-z);
  }

  private static double scoreOf(double p) {
    return Math.max(0, Math.min(1, -Math.log10(Math.max(p, Double.MIN_NORMAL)) / 5));
  }
}
