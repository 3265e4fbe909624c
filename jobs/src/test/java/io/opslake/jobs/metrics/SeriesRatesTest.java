package io.opslake.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.jobs.metrics.SeriesRates.Rate;
import io.opslake.jobs.metrics.SeriesRates.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesRatesTest {
  private static final long SECOND = 1_000_000L;
  private final CounterRates rules = CounterRates.withDefaults();

  @Test
  void countersAreDerivedWithTheirUnitPerSecond() {
    SeriesRates.Result result = SeriesRates.of(List.of(
        new Sample(0, 0, "counter", "ms"), new Sample(10 * SECOND, 250, "counter", "ms")), rules, ts -> true);

    assertThat(result.rates()).containsExactly(new Rate(10 * SECOND, 25.0, 10.0, "ms/s", "derived"));
    assertThat(result.counterShadowed()).isFalse();
  }

  @Test
  void aCounterWithoutUnitGivesOnePerSecond() {
    assertThat(SeriesRates.rateUnit(null)).isEqualTo("1/s");
    assertThat(SeriesRates.rateUnit("")).isEqualTo("1/s");
    assertThat(SeriesRates.rateUnit("bytes")).isEqualTo("bytes/s");
  }

  @Test
  void producerRatesAreCopiedUnchangedAndNeverDerivedAgain() {
    // Rate values that look like a reset and a jump: a derivation would skip or inflate them.
    SeriesRates.Result result = SeriesRates.of(List.of(
        new Sample(20 * SECOND, 3.5, "rate", "docs/s"),
        new Sample(10 * SECOND, 7.0, "rate", "docs/s"),
        new Sample(30 * SECOND, 900.0, "rate", "docs/s")), rules, ts -> true);

    assertThat(result.rates()).containsExactly(
        new Rate(10 * SECOND, 7.0, null, "docs/s", "producer"),
        new Rate(20 * SECOND, 3.5, null, "docs/s", "producer"),
        new Rate(30 * SECOND, 900.0, null, "docs/s", "producer"));
    assertThat(result.resets()).isZero();
  }

  @Test
  void aSeriesWithProducerRatesIsNotAlsoDerivedFromItsCounterRows() {
    SeriesRates.Result result = SeriesRates.of(List.of(
        new Sample(0, 100, "counter", null), new Sample(10 * SECOND, 200, "counter", null),
        new Sample(10 * SECOND, 10.0, "rate", null)), rules, ts -> true);

    assertThat(result.rates()).containsExactly(new Rate(10 * SECOND, 10.0, null, null, "producer"));
    assertThat(result.counterShadowed()).isTrue();
  }

  @Test
  void onlyIntervalsEndingAtKeptTimesAreEmittedAndCounted() {
    // The lookback sample at 0 is a predecessor only; the reset at 20 s falls in the kept range.
    SeriesRates.Result result = SeriesRates.of(List.of(
        new Sample(0, 0, "counter", null), new Sample(5 * SECOND, 50, "counter", null),
        new Sample(10 * SECOND, 60, "counter", null), new Sample(20 * SECOND, 5, "counter", null)),
        rules, ts -> ts >= 10 * SECOND);

    assertThat(result.rates()).containsExactly(new Rate(10 * SECOND, 2.0, 5.0, "1/s", "derived"));
    assertThat(result.resets()).isEqualTo(1);
    assertThat(result.gaps()).isZero();
  }

  @Test
  void otherKindsAreIgnored() {
    SeriesRates.Result result = SeriesRates.of(List.of(
        new Sample(0, 1, "gauge", null), new Sample(10 * SECOND, 9, "gauge", null)), rules, ts -> true);

    assertThat(result.rates()).isEmpty();
  }
}
