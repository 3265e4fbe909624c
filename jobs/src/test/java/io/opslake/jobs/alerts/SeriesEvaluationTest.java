package io.opslake.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sliding-window counts, latencies and disk projections evaluated on hand-made series; expectations by hand. */
class SeriesEvaluationTest {
  private static final long M = 60_000L;
  private static final long H = 3_600_000L;

  private static AlertRule rule(AlertRule.Kind kind, String variant, Duration window, double threshold,
      Duration cooldown, Duration horizon) {
    return new AlertRule("r", variant, "", kind, "error", null, null, AlertRule.Scope.ALL_HOSTS, "p95", window,
        threshold, Duration.ZERO, cooldown, horizon, null, 1);
  }

  @Test
  void eventCountsAreSummedOverASlidingWindowEvaluatedAtTheEndOfEachMinute() {
    // Counts 1,1,1 in minutes 0–2 and 3 in minute 5; the minutes without a row count 0.
    // 3-minute sums seen at the end of minutes 0..9: 1 2 3 2 1 3 3 3 0 0; "more than 2":
    // fires at 3 min, resolves at 4; fires at 6, resolves at 9.
    AlertRule noCooldown = rule(AlertRule.Kind.EVENT_COUNT, "cooldown=0", Duration.ofMinutes(3), 2, Duration.ZERO,
        null);
    AlertRule cooldown = rule(AlertRule.Kind.EVENT_COUNT, "cooldown=5m", Duration.ofMinutes(3), 2,
        Duration.ofMinutes(5), null);
    List<SeriesEvaluation.MinutePoint> points = List.of(new SeriesEvaluation.MinutePoint(0, 1.0),
        new SeriesEvaluation.MinutePoint(M, 1.0), new SeriesEvaluation.MinutePoint(2 * M, 1.0),
        new SeriesEvaluation.MinutePoint(5 * M, 3.0));

    List<SeriesEvaluation.VariantAlert> alerts =
        SeriesEvaluation.minutes(List.of(noCooldown, cooldown), points.iterator(), 0, 10 * M);

    assertThat(alerts).containsExactly(
        new SeriesEvaluation.VariantAlert(noCooldown, new Alert(3 * M, 3 * M, 4 * M, true, M, 0, 3.0)),
        new SeriesEvaluation.VariantAlert(noCooldown, new Alert(6 * M, 6 * M, 9 * M, true, 3 * M, 0, 3.0)),
        // The second firing starts 2 min after the first resolved, within the 5-minute cooldown.
        new SeriesEvaluation.VariantAlert(cooldown, new Alert(3 * M, 3 * M, 9 * M, true, 4 * M, 1, 3.0)));
  }

  @Test
  void aLatencyMinuteWithoutDataDoesNotHoldTheCondition() {
    AlertRule slow = rule(AlertRule.Kind.LATENCY, "default", Duration.ofMinutes(1), 500, Duration.ZERO, null);
    List<SeriesEvaluation.MinutePoint> points = List.of(new SeriesEvaluation.MinutePoint(0, 600.0),
        new SeriesEvaluation.MinutePoint(M, null), new SeriesEvaluation.MinutePoint(2 * M, 700.0),
        new SeriesEvaluation.MinutePoint(3 * M, 800.0), new SeriesEvaluation.MinutePoint(4 * M, 100.0));

    assertThat(SeriesEvaluation.minutes(List.of(slow), points.iterator(), 0, 5 * M)).extracting(
            SeriesEvaluation.VariantAlert::alert)
        .containsExactly(new Alert(M, M, 2 * M, true, M, 0, 600.0),
            new Alert(3 * M, 3 * M, 5 * M, true, 2 * M, 0, 800.0));
  }

  @Test
  void aDiskIsProjectedFullAtItsLeastSquaresRateOverTheTrailingWindow() {
    // used = 100 + 10 h of a size of 200: full in 10 - h hours. Window 3 h (at least 3 samples over
    // 1.5 h), horizon 5 h: fires at h = 5 (5 hours left) and is still firing at the end, 8.5 h,
    // with 2 hours left at the last sample (h = 8) as the peak (the smallest).
    AlertRule full = rule(AlertRule.Kind.DISK_FULL, "default", Duration.ofHours(3), 0, Duration.ZERO,
        Duration.ofHours(5));
    List<SeriesEvaluation.DiskSample> samples = new java.util.ArrayList<>();
    for (int hour = 0; hour <= 8; hour++) {
      samples.add(new SeriesEvaluation.DiskSample(hour * H, 100 + 10.0 * hour, 200.0));
    }

    List<SeriesEvaluation.VariantAlert> alerts = SeriesEvaluation.disk(List.of(full), samples.iterator(), 0,
        17 * H / 2);

    assertThat(alerts).hasSize(1);
    Alert alert = alerts.get(0).alert();
    assertThat(alert.start()).isEqualTo(5 * H);
    assertThat(alert.end()).isEqualTo(17 * H / 2);
    assertThat(alert.resolved()).isFalse();
    assertThat(alert.peak()).isCloseTo(2.0, within(1e-9));
  }
}
