package io.opslake.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.jobs.metrics.CounterRates.RatePoint;
import io.opslake.jobs.metrics.CounterRates.Sample;
import io.opslake.jobs.metrics.CounterRates.Skip;
import io.opslake.jobs.metrics.CounterRates.SkippedInterval;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterRatesTest {
  private static final long SECOND = 1_000_000L;
  private static final long T0 = 1_790_000_000L * SECOND;

  private static Sample at(long seconds, double value) {
    return new Sample(T0 + seconds * SECOND, value);
  }

  private static RatePoint rate(long endSeconds, double perSecond, double intervalSeconds) {
    return new RatePoint(T0 + endSeconds * SECOND, perSecond, intervalSeconds);
  }

  private final CounterRates rules = CounterRates.withDefaults();

  @Test
  void ratesBetweenConsecutiveSamplesStampedAtTheEndOfTheInterval() {
    CounterRates.Result result = rules.derive(List.of(at(0, 100), at(30, 400), at(60, 400), at(90, 1300)));

    assertThat(result.points()).containsExactly(rate(30, 10.0, 30.0), rate(60, 0.0, 30.0), rate(90, 30.0, 30.0));
    assertThat(result.skipped()).isEmpty();
    assertThat(result.duplicates()).isZero();
    assertThat(result.outOfOrder()).isZero();
  }

  @Test
  void aDecreaseIsAResetAndItsIntervalHasNoRate() {
    CounterRates.Result result = rules.derive(List.of(at(0, 1000), at(10, 1100), at(20, 50), at(30, 250)));

    assertThat(result.points()).containsExactly(rate(10, 10.0, 10.0), rate(30, 20.0, 10.0));
    assertThat(result.skipped()).containsExactly(new SkippedInterval(T0 + 20 * SECOND, 10.0, Skip.RESET));
    assertThat(result.count(Skip.RESET)).isEqualTo(1);
  }

  @Test
  void anIntervalLongerThanTheMaximumIsAGapEvenWhenTheCounterGrew() {
    // 15 minutes is the longest interval; 15 minutes and one second is a gap.
    CounterRates.Result result = rules.derive(List.of(at(0, 0), at(900, 1800), at(1801, 999_999), at(1811, 1_000_099)));

    assertThat(result.points()).containsExactly(rate(900, 2.0, 900.0), rate(1811, 10.0, 10.0));
    assertThat(result.skipped()).containsExactly(new SkippedInterval(T0 + 1801 * SECOND, 901.0, Skip.GAP));
  }

  @Test
  void theMaximumIntervalIsConfigurable() {
    CounterRates tight = new CounterRates(Duration.ofSeconds(20), Double.POSITIVE_INFINITY);

    CounterRates.Result result = tight.derive(List.of(at(0, 0), at(20, 40), at(50, 100)));

    assertThat(result.points()).containsExactly(rate(20, 2.0, 20.0));
    assertThat(result.count(Skip.GAP)).isEqualTo(1);
  }

  @Test
  void outOfOrderSamplesGiveTheSameRatesAsSortedOnes() {
    List<Sample> sorted = List.of(at(0, 10), at(10, 20), at(20, 40), at(30, 70));
    List<Sample> shuffled = List.of(at(20, 40), at(0, 10), at(30, 70), at(10, 20));

    CounterRates.Result result = rules.derive(shuffled);

    assertThat(result.points()).isEqualTo(rules.derive(sorted).points())
        .containsExactly(rate(10, 1.0, 10.0), rate(20, 2.0, 10.0), rate(30, 3.0, 10.0));
    assertThat(result.outOfOrder()).isEqualTo(2);
    assertThat(result.skipped()).isEmpty();
  }

  @Test
  void ofSamplesWithTheSameTimestampTheLargestIsKeptWhateverTheOrder() {
    List<Sample> samples = List.of(at(0, 100), at(10, 150), at(10, 200), at(10, 120), at(20, 300));

    CounterRates.Result result = rules.derive(samples);

    assertThat(result.points()).containsExactly(rate(10, 10.0, 10.0), rate(20, 10.0, 10.0));
    assertThat(result.duplicates()).isEqualTo(2);
    assertThat(rules.derive(List.of(at(20, 300), at(10, 120), at(10, 200), at(10, 150), at(0, 100))).points()).isEqualTo(result.points());
  }

  @Test
  void aSingleSampleOrNoneYieldsNoRate() {
    assertThat(rules.derive(List.of(at(0, 5))).points()).isEmpty();
    assertThat(rules.derive(List.of(at(0, 5), at(0, 7))).points()).isEmpty();
    assertThat(rules.derive(List.of()).points()).isEmpty();
  }

  @Test
  void negativeAndNonFiniteValuesAreDropped() {
    CounterRates.Result result = rules.derive(List.of(at(0, 10), at(5, Double.NaN), at(10, -3),
        at(15, Double.POSITIVE_INFINITY), at(20, 30)));

    assertThat(result.points()).containsExactly(rate(20, 1.0, 20.0));
    assertThat(result.invalid()).isEqualTo(3);
  }

  @Test
  void ratesAboveTheCapAreSkipped() {
    CounterRates capped = new CounterRates(Duration.ofMinutes(15), 100.0);

    CounterRates.Result result = capped.derive(List.of(at(0, 0), at(10, 1000), at(20, 1001), at(30, 2011)));

    assertThat(result.points()).containsExactly(rate(10, 100.0, 10.0), rate(20, 0.1, 10.0));
    assertThat(result.skipped()).containsExactly(new SkippedInterval(T0 + 30 * SECOND, 10.0, Skip.OVER_CAP));
  }

  @Test
  void subSecondIntervalsDivideByTheirExactLength() {
    CounterRates.Result result = rules.derive(List.of(new Sample(T0, 0), new Sample(T0 + 250_000, 1)));

    assertThat(result.points()).containsExactly(new RatePoint(T0 + 250_000, 4.0, 0.25));
  }

  @Test
  void rejectsANonPositiveIntervalOrCap() {
    assertThatThrownBy(() -> new CounterRates(Duration.ZERO, 1.0))
        .hasMessage("Cannot derive rates: the maximum interval must be positive, not PT0S");
    assertThatThrownBy(() -> new CounterRates(Duration.ofMinutes(1), 0.0))
        .hasMessage("Cannot derive rates: the maximum rate must be positive, not 0.0");
  }
}
