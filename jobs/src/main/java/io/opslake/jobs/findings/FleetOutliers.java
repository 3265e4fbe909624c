package io.opslake.jobs.findings;

import io.opslake.jobs.anomaly.RobustStatistics;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Hosts whose rate of one event type on a day is far above the rest of the fleet's. A host's rate is
 * the share of its events that day that are of the type, {@code count / host total}, so a host that
 * served fewer requests is not an outlier for that alone. For each host, against its peers (every
 * other host with events that day, of which at least {@link #MIN_PEERS}): x = ln((count + ½) / (total
 * + 1)), the robust z = (x − median of the peers' x) / max(1.4826 · MAD of the peers' x, {@link
 * #MIN_SPREAD}). A host is an outlier when z ≥ {@link #MIN_Z}, its rate is at least {@link
 * #MIN_RATIO} times the peers' median rate and it has at least {@link #MIN_COUNT} events of the type.
 * Its score is {@code min(1, −log10(1 − Φ(z)) / 5)}, the detector's scale (0.6 ≈ a one-sided normal
 * tail of 1e-3). Cost: O(hosts log hosts) per type and day.
 *
 * <p>Reference: P. J. Rousseeuw, C. Croux, "Alternatives to the median absolute deviation", JASA
 * 88(424), 1993 (the MAD and its 1.4826 consistency factor); F. R. Hampel, "The influence curve and
 * its role in robust estimation", JASA 69(346), 1974.
 */
final class FleetOutliers {
  static final int MIN_PEERS = 3;
  static final double MIN_Z = 3.5;
  static final double MIN_RATIO = 5;
  static final long MIN_COUNT = 10;
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
      if (z >= MIN_Z && rate >= MIN_RATIO * peerRate && host.count() >= MIN_COUNT) {
        outliers.add(new Outlier(host.host(), host.count(), host.total() * peerRate, rate, peerRate, z, score(z),
            peers.length));
      }
    }
    return List.copyOf(outliers);
  }

  /** {@code min(1, −log10(1 − Φ(z)) / 5)}. */
  static double score(double z) {
    double tail = Math.max(NORMAL.cumulativeProbability(-z), Double.MIN_NORMAL);
    return Math.max(0, Math.min(1, -Math.log10(tail) / 5));
  }
}
