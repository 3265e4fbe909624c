package io.opslake.jobs.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The rates of one series (one name, hostname, label set and source) from its {@code counter} and
 * {@code rate} rows: producer rates are kept as they are, counters go through {@link
 * CounterRates}. Plain Java; {@link RatesJob} calls it once per series group.
 *
 * <p>A series that has {@code rate} rows is never derived as well, even if it also has {@code
 * counter} rows: the producer already said what its rate is, and a second, derived value under the
 * same name would double it in any sum.
 */
public final class SeriesRates {
  public static final String KIND_COUNTER = "counter";
  public static final String KIND_RATE = "rate";
  public static final String DERIVED = "derived";
  public static final String PRODUCER = "producer";

  private SeriesRates() {}

  /** One {@code raw_metrics} row of the series. */
  public record Sample(long tsMicros, double value, String kind, String unit) {}

  /**
   * One {@code metric_rates} row of the series.
   *
   * @param intervalSeconds null for a producer rate
   * @param kindSource {@link #DERIVED} or {@link #PRODUCER}
   */
  public record Rate(long tsMicros, double rate, Double intervalSeconds, String unit, String kindSource) {}

  /**
   * The series' rates and what was skipped. Rates, resets, gaps and capped intervals are counted
   * only where they end at a time {@code keep} accepts; the sample counts cover every sample.
   */
  public record Result(List<Rate> rates, long resets, long gaps, long overCap, int duplicates, int outOfOrder,
      int invalid, boolean counterShadowed) {
    public Result {
      rates = List.copyOf(rates);
    }
  }

  /** The unit of a rate derived from a counter measured in {@code counterUnit} (null: a count). */
  public static String rateUnit(String counterUnit) {
    return (counterUnit == null || counterUnit.isEmpty() ? "1" : counterUnit) + "/s";
  }

  /**
   * @param samples the series' rows of kind counter or rate, in any order (other kinds are ignored)
   * @param rules how counters become rates
   * @param keep which end times to emit (the job's target dates; the lookback day only provides
   *     predecessors)
   */
  public static Result of(List<Sample> samples, CounterRates rules, LongPredicate keep) {
    List<Sample> producer = samples.stream().filter(sample -> KIND_RATE.equals(sample.kind())).toList();
    List<Sample> counters = samples.stream().filter(sample -> KIND_COUNTER.equals(sample.kind())).toList();
    List<Rate> rates = new ArrayList<>();
    if (!producer.isEmpty()) {
      for (Sample sample : producer) {
        if (keep.test(sample.tsMicros())) {
          rates.add(new Rate(sample.tsMicros(), sample.value(), null, sample.unit(), PRODUCER));
        }
      }
      rates.sort(Comparator.comparingLong(Rate::tsMicros));
      return new Result(rates, 0, 0, 0, 0, 0, 0, !counters.isEmpty());
    }
    CounterRates.Result derived = rules.derive(
        counters.stream().map(sample -> new CounterRates.Sample(sample.tsMicros(), sample.value())).toList());
    String unit = rateUnit(latestUnit(counters));
    for (CounterRates.RatePoint point : derived.points()) {
      if (keep.test(point.tsMicros())) {
        rates.add(new Rate(point.tsMicros(), point.perSecond(), point.intervalSeconds(), unit, DERIVED));
      }
    }
    List<CounterRates.SkippedInterval> kept =
        derived.skipped().stream().filter(interval -> keep.test(interval.endMicros())).toList();
    return new Result(rates, count(kept, CounterRates.Skip.RESET), count(kept, CounterRates.Skip.GAP),
        count(kept, CounterRates.Skip.OVER_CAP), derived.duplicates(), derived.outOfOrder(), derived.invalid(), false);
  }

  /** The unit of the most recent sample that has one; a series normally has a single unit. */
  private static String latestUnit(List<Sample> counters) {
    return counters.stream()
        .filter(sample -> sample.unit() != null)
        .max(Comparator.comparingLong(Sample::tsMicros).thenComparing(Sample::unit))
        .map(Sample::unit)
        .orElse(null);
  }

  private static long count(List<CounterRates.SkippedInterval> intervals, CounterRates.Skip reason) {
    return intervals.stream().filter(interval -> interval.reason() == reason).count();
  }
}
