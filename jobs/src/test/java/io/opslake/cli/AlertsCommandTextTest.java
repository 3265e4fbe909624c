package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.jobs.alerts.AlertsBacktestResult;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text summary of {@code alerts backtest}: one line per rule variant, dashes where there are no incidents. */
class AlertsCommandTextTest {
  @Test
  void oneLinePerVariantWithDashesWithoutIncidents() {
    AlertsBacktestResult result = new AlertsBacktestResult(List.of("r1", "r2"), LocalDate.parse("2026-10-01"),
        LocalDate.parse("2026-10-02"), "alerts.yaml sha256:ab", 7,
        List.of(new AlertsBacktestResult.VariantSummary("errors", "threshold=3", "event_count", "", 4, 2, 600, 1, 2.0,
                11, 10, 1, 57.6, 135.0, 3L),
            new AlertsBacktestResult.VariantSummary("disk", "default", "disk_full", "", 0, 0, 0, 0, 0, null, null,
                null, null, null, null)),
        Duration.ofMillis(5700));

    assertThat(AlertsCommand.Backtest.text(result).split("\n")).containsExactly(
        "alerts backtest 2026-10-01..2026-10-02 in 5.7 s: 7 series evaluated, 4 alerts",
        "  rule[variant]                             alerts   keys   firing_s  flaps  per_day  detected  missed"
            + "  median_s     max_s  false",
        "  errors[threshold=3]                            4      2        600      1     2.00        10       1"
            + "        58       135      3",
        "  disk                                           0      0          0      0     0.00         -       -"
            + "         -         -      -",
        "  rules: alerts.yaml sha256:ab",
        "  runs: r1 r2");
  }
}
