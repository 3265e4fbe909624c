package io.opslake.jobs.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns the samples of one counter series (a cumulative total that only grows while its process
 * lives) into per-second rates between consecutive samples. Plain Java, no Spark; {@link
 * RatesJob} runs it once per series.
 *
 * <p>The rules (docs/metrics.md explains them with examples):
 *
 * <ol>
 *   <li>Samples whose value is not a finite number &ge; 0 are dropped (a counter is never
 *       negative); counted as {@link Result#invalid()}.
 *   <li>Samples are sorted by time, so out-of-order input gives the same rates as sorted input;
 *       {@link Result#outOfOrder()} counts samples older than the one before them in input order.
 *   <li>Of several samples with the same timestamp the one with the largest value is kept: a
 *       counter only grows, so the largest reading is the latest, and the choice does not depend on
 *       input order (Spark gives a group's rows in no particular order). The others are counted as
 *       {@link Result#duplicates()}.
 *   <li>Each pair of consecutive samples {@code (t0, v0), (t1, v1)} is one interval of {@code t1 -
 *       t0 > 0} seconds (equal timestamps were merged, so nothing divides by zero):
 *       <ul>
 *         <li>longer than {@code maxInterval}: a {@link Skip#GAP}, no rate: a restart inside the
 *             gap could hide behind a counter that grew back past {@code v0};
 *         <li>{@code v1 < v0}: a {@link Skip#RESET}, no rate (the process restarted and the
 *             counter began again from zero). Prometheus {@code rate()} detects resets the same way
 *             (any decrease) but then counts {@code v1} as the increase; that is a lower bound of
 *             the true increase, so opslake emits no point rather than a too-low one;
 *         <li>otherwise the rate is {@code (v1 - v0) / (t1 - t0)}, stamped {@code t1}; a rate above
 *             the optional {@code maxRate} is a {@link Skip#OVER_CAP}, not emitted.
 *       </ul>
 * </ol>
 */
public final class CounterRates {
  /** Default longest interval a rate may span. */
  public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofMinutes(15);

  private static final double MICROS_PER_SECOND = 1_000_000.0;

  private final long maxIntervalMicros;
  private final double maxRate;

  /**
   * @param maxInterval intervals longer than this are gaps
   * @param maxRate rates above this are dropped as implausible; {@code Double.POSITIVE_INFINITY}
   *     for no cap
   */
  public CounterRates(Duration maxInterval, double maxRate) {
    if (maxInterval.isNegative() || maxInterval.isZero()) {
      throw new IllegalArgumentException("Cannot derive rates: the maximum interval must be positive, not " + maxInterval);
    }
    if (!(maxRate > 0)) {
      throw new IllegalArgumentException("Cannot derive rates: the maximum rate must be positive, not " + maxRate);
    }
    this.maxIntervalMicros = maxInterval.toNanos() / 1000;
    this.maxRate = maxRate;
  }

  /** With {@link #DEFAULT_MAX_INTERVAL} and no cap. */
  public static CounterRates withDefaults() {
    return new CounterRates(DEFAULT_MAX_INTERVAL, Double.POSITIVE_INFINITY);
  }

  /** One reading of a counter: time in microseconds since the epoch (UTC) and the total. */
  public record Sample(long tsMicros, double value) {}

  /** A rate over {@code intervalSeconds} ending at {@code tsMicros}. */
  public record RatePoint(long tsMicros, double perSecond, double intervalSeconds) {}

  /** Why an interval produced no rate. */
  public enum Skip {
    RESET,
    GAP,
    OVER_CAP
  }

  /** An interval that produced no rate, identified by its end sample's time. */
  public record SkippedInterval(long endMicros, double intervalSeconds, Skip reason) {}

  /**
   * What one series yielded.
   *
   * @param points the rates, in time order
   * @param skipped the intervals without a rate, in time order
   * @param duplicates samples dropped because another sample had the same timestamp
   * @param outOfOrder samples older than their predecessor in input order
   * @param invalid samples dropped for a value that is not a finite number &ge; 0
   */
  public record Result(List<RatePoint> points, List<SkippedInterval> skipped, int duplicates, int outOfOrder, int invalid) {
    public Result {
      points = List.copyOf(points);
      skipped = List.copyOf(skipped);
    }

    public long count(Skip reason) {
      return skipped.stream().filter(interval -> interval.reason() == reason).count();
    }
  }

  /** Applies the rules above to one series' samples, given in any order. */
  public Result derive(List<Sample> samples) {
    Objects.requireNonNull(samples, "samples");
    List<Sample> valid = new ArrayList<>(samples.size());
    int invalid = 0;
    int outOfOrder = 0;
    long previousTs = Long.MIN_VALUE;
    for (Sample sample : samples) {
      if (sample.tsMicros() < previousTs) {
        outOfOrder++;
      }
      previousTs = sample.tsMicros();
      if (Double.isFinite(sample.value()) && sample.value() >= 0) {
        valid.add(sample);
      } else {
        invalid++;
      }
    }
    valid.sort(Comparator.comparingLong(Sample::tsMicros).thenComparingDouble(Sample::value));
    List<Sample> series = keepLargestPerTimestamp(valid);
    int duplicates = valid.size() - series.size();

    List<RatePoint> points = new ArrayList<>(Math.max(0, series.size() - 1));
    List<SkippedInterval> skipped = new ArrayList<>();
    for (int i = 1; i < series.size(); i++) {
      Sample start = series.get(i - 1);
      Sample end = series.get(i);
      long micros = end.tsMicros() - start.tsMicros();
      double seconds = micros / MICROS_PER_SECOND;
      if (micros <= 0) {
        continue; // cannot happen after merging equal timestamps; never divide by it anyway
      }
      if (micros > maxIntervalMicros) {
        skipped.add(new SkippedInterval(end.tsMicros(), seconds, Skip.GAP));
      } else if (end.value() < start.value()) {
        skipped.add(new SkippedInterval(end.tsMicros(), seconds, Skip.RESET));
      } else {
        double rate = (end.value() - start.value()) / seconds;
        if (rate > maxRate) {
          skipped.add(new SkippedInterval(end.tsMicros(), seconds, Skip.OVER_CAP));
        } else {
          points.add(new RatePoint(end.tsMicros(), rate, seconds));
        }
      }
    }
    return new Result(points, skipped, duplicates, outOfOrder, invalid);
  }

  /** Input sorted by time, then value: the last sample of each run of equal times has the largest value. */
  private static List<Sample> keepLargestPerTimestamp(List<Sample> sorted) {
    List<Sample> kept = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      boolean lastOfItsTime = i + 1 == sorted.size() || sorted.get(i + 1).tsMicros() != sorted.get(i).tsMicros();
      if (lastOfItsTime) {
        kept.add(sorted.get(i));
      }
    }
    return kept;
  }
}
