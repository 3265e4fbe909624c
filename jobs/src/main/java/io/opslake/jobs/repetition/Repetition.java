package io.opslake.jobs.repetition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * How one group of events (a fingerprint or a template) repeats; plain Java, no Spark.
 *
 * <p>Cadence: inter-arrival times are taken between consecutive events <em>of the same host</em>
 * and pooled over hosts (a fleet of hosts each collecting garbage every 7 minutes is periodic; the
 * merged stream is not). With at least {@link #MIN_INTERVALS} intervals the group is
 * <b>periodic</b> when the interquartile range is at most {@link #PERIODIC_MAX_RELATIVE_IQR} of
 * the median (the period is the median), <b>bursty</b> when the median is at most {@link
 * #BURSTY_MAX_MEDIAN_TO_MEAN} of the mean (most gaps short, a few long ones carry the mean; for a
 * Poisson process the ratio is ln 2 ≈ 0.69), else <b>sporadic</b>. The Goh–Barabási burstiness
 * {@code (sd − mean) / (sd + mean)} (EPL 81, 48002, 2008) is reported alongside.
 *
 * <p>After restarts: a host's restarts are its events of a restart type, merged when closer than
 * {@link #RESTART_MERGE_MICROS} (journald and the app both log one restart). An event's delay is
 * the time since its host's last restart. The group <b>recurs after restarts</b> when its hosts
 * restarted at least twice, at least 80 % of those restarts were followed by an event of the group
 * within the window, and at least 80 % of the group's events fall within the window after a
 * restart. A leak that fails minutes after every start passes all three; GC every few minutes
 * follows every restart too but most of its events are far from one.
 *
 * <p>Quantiles, means and the standard deviation come from Apache Commons Math (the copy Spark
 * ships); what remains hand-written here is the grouping by host and restart, which no statistics
 * library models.
 */
public final class Repetition {
  public static final int MIN_INTERVALS = 4;
  public static final double PERIODIC_MAX_RELATIVE_IQR = 0.25;
  public static final double BURSTY_MAX_MEDIAN_TO_MEAN = 0.2;
  public static final double RECUR_MIN_SHARE = 0.8;
  public static final long RESTART_MERGE_MICROS = 60_000_000L;

  private Repetition() {}

  /** One host's event times in microseconds, ascending. */
  public record HostSeries(String host, long[] times) {}

  public enum Pattern { PERIODIC, BURSTY, SPORADIC }

  /** The measures of one group; doubles are null when undefined. */
  public record Stats(
      long count, long hosts, long firstMicros, long lastMicros, long intervals, Double intervalMedianSeconds,
      Double intervalIqrSeconds, Double burstiness, Pattern pattern, Double periodSeconds, long restarts,
      Double afterRestartMedianSeconds, Double afterRestartShare, Double restartsFollowedShare,
      boolean recursAfterRestart) implements java.io.Serializable {}

  /**
   * @param restartsByHost each host's restart times (micros, ascending, already merged)
   * @param windowMicros how soon after a restart an event counts as "after the restart"
   */
  public static Stats analyze(List<HostSeries> series, Map<String, long[]> restartsByHost, long windowMicros) {
    long count = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    List<Double> intervals = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    long withinWindow = 0;
    long restarts = 0;
    long followed = 0;
    for (HostSeries host : series) {
      long[] times = host.times();
      count += times.length;
      if (times.length == 0) {
        continue;
      }
      first = Math.min(first, times[0]);
      last = Math.max(last, times[times.length - 1]);
      for (int i = 1; i < times.length; i++) {
        intervals.add((times[i] - times[i - 1]) / 1e6);
      }
      long[] starts = restartsByHost.getOrDefault(host.host(), new long[0]);
      restarts += starts.length;
      for (long start : starts) {
        int at = lowerBound(times, start);
        if (at < times.length && times[at] - start <= windowMicros) {
          followed++;
        }
      }
      for (long time : times) {
        int index = upperBound(starts, time) - 1;
        if (index >= 0) {
          long delay = time - starts[index];
          delays.add(delay / 1e6);
          if (delay <= windowMicros) {
            withinWindow++;
          }
        }
      }
    }
    double[] sorted = intervals.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Percentile quantiles = quantiles(sorted);
    Double median = sorted.length == 0 ? null : quantiles.evaluate(50);
    Double iqr = sorted.length == 0 ? null : quantiles.evaluate(75) - quantiles.evaluate(25);
    Double burstiness = burstiness(sorted);
    Pattern pattern = pattern(sorted, median, iqr);
    Double afterRestartMedian = delays.isEmpty() ? null
        : quantiles(delays.stream().mapToDouble(Double::doubleValue).toArray()).evaluate(50);
    Double share = count == 0 ? null : (double) withinWindow / count;
    Double followedShare = restarts == 0 ? null : (double) followed / restarts;
    boolean recurs = restarts >= 2 && followedShare >= RECUR_MIN_SHARE && share != null && share >= RECUR_MIN_SHARE;
    return new Stats(count, series.size(), first, last, sorted.length, median, iqr, burstiness, pattern,
        pattern == Pattern.PERIODIC ? median : null, restarts, afterRestartMedian, share, followedShare, recurs);
  }

  static Pattern pattern(double[] sorted, Double median, Double iqr) {
    if (sorted.length < MIN_INTERVALS || median == null) {
      return Pattern.SPORADIC;
    }
    if (median > 0 && iqr <= PERIODIC_MAX_RELATIVE_IQR * median) {
      return Pattern.PERIODIC;
    }
    double mean = StatUtils.mean(sorted);
    return mean > 0 && median <= BURSTY_MAX_MEDIAN_TO_MEAN * mean ? Pattern.BURSTY : Pattern.SPORADIC;
  }

  static Double burstiness(double[] values) {
    if (values.length < 2) {
      return null;
    }
    double mean = StatUtils.mean(values);
    // Goh and Barabási use the population standard deviation (divide by n, not n - 1).
    double sd = new StandardDeviation(false).evaluate(values, mean);
    return sd + mean == 0 ? null : (sd - mean) / (sd + mean);
  }

  /**
   * Quantiles by linear interpolation between closest ranks: Hyndman and Fan's type 7, numpy's and
   * R's default, which is Commons Math's {@link Percentile.EstimationType#R_7} (its own default,
   * {@code LEGACY}, interpolates differently). The data are copied and sorted once.
   */
  static Percentile quantiles(double[] values) {
    Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    percentile.setData(values);
    return percentile;
  }

  /** The {@code q}-quantile ({@code 0 < q <= 1}) of {@code values}, type 7 as {@link #quantiles}. */
  static double quantile(double[] values, double q) {
    return quantiles(values).evaluate(q * 100);
  }

  /** Restart times of one host, ascending, with restarts closer than a minute merged into the first. */
  public static long[] mergeRestarts(long[] times) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    List<Long> merged = new ArrayList<>();
    for (long time : sorted) {
      if (merged.isEmpty() || time - merged.get(merged.size() - 1) >= RESTART_MERGE_MICROS) {
        merged.add(time);
      }
    }
    return merged.stream().mapToLong(Long::longValue).toArray();
  }

  private static int lowerBound(long[] values, long key) {
    int low = 0;
    int high = values.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (values[mid] < key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static int upperBound(long[] values, long key) {
    int low = 0;
    int high = values.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (values[mid] <= key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
