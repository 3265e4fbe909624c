package io.opslake.jobs.alerts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Evaluates the variants of one rule on one key's series, in time order, and returns their alerts.
 * Plain Java; the job runs it once per (rule, key) group. Times are epoch milliseconds.
 *
 * <p><b>Minute rules</b> ({@link #minutes}): event counts and latencies are evaluated once per minute
 * of the range, at the <em>end</em> of each minute bucket (the minute's data is complete then), so a
 * burst in the bucket 10:05 is seen at 10:06. A minute without a row counts 0 events and has no
 * latency (the condition is false). An event count's value at a minute is the sum of the counts of
 * the {@code window} minutes ending there (a sliding window); a latency's is the minute's measure.
 * The condition is value &gt; threshold.
 *
 * <p><b>Disk rules</b> ({@link #disk}): evaluated at each {@code host.df.used} sample: the
 * least-squares line of the used bytes over the trailing {@code window} (at least 3 samples spanning
 * half the window) gives the fill rate; the value is the hours until used reaches the size at that
 * rate (infinite when not growing), and the condition is value ≤ horizon.
 */
public final class SeriesEvaluation {
  private static final long MINUTE = 60_000L;
  private static final double HOUR = 3_600_000.0;

  private SeriesEvaluation() {}

  /** A minute bucket of a series: its start and its value (count, or a latency measure; null: none). */
  public record MinutePoint(long bucketStart, Double value) {}

  /** A disk sample: time, used bytes and size (bytes, null when not known at that time). */
  public record DiskSample(long time, double used, Double size) {}

  /** An alert of one variant. */
  public record VariantAlert(AlertRule variant, Alert alert) {}

  /**
   * The alerts of {@code variants} (one event-count or latency rule) over the minutes of
   * {@code [from, to)}, given the series' minute points in time order.
   */
  public static List<VariantAlert> minutes(List<AlertRule> variants, Iterator<MinutePoint> points, long from,
      long to) {
    int size = variants.size();
    AlertStateMachine[] machines = new AlertStateMachine[size];
    long[] windowMinutes = new long[size];
    int longest = 1;
    for (int i = 0; i < size; i++) {
      machines[i] = variants.get(i).stateMachine();
      windowMinutes[i] = Math.max(1, variants.get(i).window().toMinutes());
      longest = (int) Math.max(longest, windowMinutes[i]);
    }
    double[] recent = new double[longest];
    double[] sums = new double[size];
    MinutePoint next = points.hasNext() ? points.next() : null;
    long start = Math.floorDiv(from, MINUTE) * MINUTE;
    for (long bucket = start, index = 0; bucket < to; bucket += MINUTE, index++) {
      while (next != null && next.bucketStart() < bucket) {
        next = points.hasNext() ? points.next() : null;
      }
      Double value = next != null && next.bucketStart() == bucket ? next.value() : null;
      double count = value == null ? 0 : value;
      int slot = (int) (index % longest);
      for (int i = 0; i < size; i++) {
        AlertRule variant = variants.get(i);
        if (variant.kind() == AlertRule.Kind.EVENT_COUNT) {
          sums[i] += count;
          if (index >= windowMinutes[i]) {
            sums[i] -= recent[(int) ((index - windowMinutes[i]) % longest)];
          }
          machines[i].evaluate(bucket + MINUTE, sums[i] > variant.threshold(), sums[i]);
        } else {
          machines[i].evaluate(bucket + MINUTE, value != null && value > variant.threshold(),
              value == null ? Double.NaN : value);
        }
      }
      recent[slot] = count;
    }
    return collect(variants, machines, Math.max(start, to));
  }

  /** The alerts of {@code variants} (one disk_full rule) on one disk's samples in time order, up to {@code to}. */
  public static List<VariantAlert> disk(List<AlertRule> variants, Iterator<DiskSample> samples, long from, long to) {
    int size = variants.size();
    AlertStateMachine[] machines = new AlertStateMachine[size];
    List<Deque<DiskSample>> windows = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      machines[i] = variants.get(i).stateMachine();
      windows.add(new ArrayDeque<>());
    }
    while (samples.hasNext()) {
      DiskSample sample = samples.next();
      if (sample.time() >= to) {
        break;
      }
      for (int i = 0; i < size; i++) {
        AlertRule variant = variants.get(i);
        Deque<DiskSample> window = windows.get(i);
        window.addLast(sample);
        while (window.peekFirst().time() < sample.time() - variant.window().toMillis()) {
          window.removeFirst();
        }
        if (sample.time() < from) {
          continue;
        }
        double hours = hoursUntilFull(window, sample, variant.window().toMillis());
        machines[i].evaluate(sample.time(), hours <= variant.horizon().toMillis() / HOUR, hours);
      }
    }
    return collect(variants, machines, to);
  }

  /** Hours until {@code latest.used} reaches its size at the window's least-squares rate; infinite when unknown. */
  static double hoursUntilFull(Deque<DiskSample> window, DiskSample latest, long windowMillis) {
    if (latest.size() == null || window.size() < 3
        || latest.time() - window.peekFirst().time() < windowMillis / 2) {
      return Double.POSITIVE_INFINITY;
    }
    double n = window.size();
    double meanT = 0;
    double meanU = 0;
    for (DiskSample sample : window) {
      meanT += (sample.time() - latest.time()) / HOUR / n;
      meanU += sample.used() / n;
    }
    double covariance = 0;
    double variance = 0;
    for (DiskSample sample : window) {
      double t = (sample.time() - latest.time()) / HOUR - meanT;
      covariance += t * (sample.used() - meanU);
      variance += t * t;
    }
    double perHour = covariance / variance;
    if (!(perHour > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(0, (latest.size() - latest.used()) / perHour);
  }

  private static List<VariantAlert> collect(List<AlertRule> variants, AlertStateMachine[] machines, long end) {
    List<VariantAlert> alerts = new ArrayList<>();
    for (int i = 0; i < machines.length; i++) {
      for (Alert alert : machines[i].finish(end)) {
        alerts.add(new VariantAlert(variants.get(i), alert));
      }
    }
    return alerts;
  }
}
