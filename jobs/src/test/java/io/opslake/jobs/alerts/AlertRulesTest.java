package io.opslake.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading alert rules files: the rule forms, sweep expansion, and errors naming file:line. */
class AlertRulesTest {
  @Test
  void aSweepExpandsIntoOneVariantPerCombinationTheFirstKeyVaryingSlowest() {
    List<AlertRule> variants = AlertRules.parse("""
        rules:
          - id: api-errors
            kind: event_count
            type: error
            per: host
            window: 10m
            threshold: 4
            cooldown: 30m
            sweep:
              threshold: [2, 8]
              for: [0, 2m, 5m]
        """, "alerts.yaml");

    assertThat(variants).extracting(AlertRule::variant).containsExactly(
        "threshold=2,for=0", "threshold=2,for=2m", "threshold=2,for=5m",
        "threshold=8,for=0", "threshold=8,for=2m", "threshold=8,for=5m");
    assertThat(variants).extracting(AlertRule::threshold).containsExactly(2.0, 2.0, 2.0, 8.0, 8.0, 8.0);
    assertThat(variants).extracting(AlertRule::forDuration).containsExactly(Duration.ZERO, Duration.ofMinutes(2),
        Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(5));
    assertThat(variants).allSatisfy(variant -> {
      assertThat(variant.window()).isEqualTo(Duration.ofMinutes(10));
      assertThat(variant.cooldown()).isEqualTo(Duration.ofMinutes(30));
      assertThat(variant.scope()).isEqualTo(AlertRule.Scope.PER_HOST);
      assertThat(variant.line()).isEqualTo(2);
    });
    assertThat(variants.get(4).displayName()).isEqualTo("api-errors[threshold=8,for=2m]");
  }

  @Test
  void everyRuleFormReadsWithItsDefaults() {
    List<AlertRule> rules = AlertRules.parse("""
        version: 1
        rules:
          - {id: leak, kind: event_count, fingerprint: abc123, window: 1h, threshold: 10}
          - {id: slow, kind: latency, type: page_load, threshold: 2000, for: 5m}
          - {id: new-exceptions, kind: new_fingerprint, type: exception}
          - {id: disk, kind: disk_full}
        """, "alerts.yaml");

    assertThat(rules).extracting(AlertRule::displayName).containsExactly("leak", "slow", "new-exceptions", "disk");
    assertThat(rules.get(1).percentile()).isEqualTo("p95");
    assertThat(rules.get(1).forDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rules.get(3).horizon()).isEqualTo(Duration.ofHours(24));
    assertThat(rules.get(3).window()).isEqualTo(Duration.ofHours(6));
    assertThat(rules.get(3).line()).isEqualTo(6);
  }

  @Test
  void errorsAreUsageErrorsNamingFileAndLine() {
    assertError("rules:\n  - id: a\n    kind: event_count\n    type: error\n    treshold: 3\n",
        "Cannot load alert rules: alerts.yaml:5: rule 'a': unknown key for kind event_count 'treshold' (expected id,"
            + " description, kind, for, cooldown, sweep, type, fingerprint, per, window, threshold)");
    assertError("rules:\n  - id: a\n    kind: latency\n    type: page_load\n    threshold: 300\n    for: 5 minutes\n",
        "Cannot load alert rules: alerts.yaml:6: rule 'a': 'for' must be a duration like 90s, 5m, 1h or 1d, found"
            + " \"5 minutes\"");
    assertError("rules:\n  - id: a\n    kind: event_count\n    type: error\n",
        "Cannot load alert rules: alerts.yaml:2: rule 'a': missing 'threshold' (the value to be above)");
    assertError("rules:\n  - id: a\n    kind: event_count\n    type: error\n    threshold: 1\n    sweep:\n"
            + "      threshold: [1, x]\n",
        "Cannot load alert rules: alerts.yaml:7: rule 'a': 'threshold' must be a number, found \"x\"");
    assertError("rules:\n  - {id: a, kind: disk_full}\n  - {id: a, kind: disk_full}\n",
        "Cannot load alert rules: alerts.yaml:3: repeated rule id 'a'");
    assertError("rules:\n  - id: a\n    kind: [\n", null);
  }

  private static void assertError(String text, String message) {
    assertThatThrownBy(() -> AlertRules.parse(text, "alerts.yaml"))
        .isInstanceOfSatisfying(OpslakeException.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.USAGE);
          if (message != null) {
            assertThat(e.getMessage()).isEqualTo(message);
          } else {
            assertThat(e.getMessage()).matches("Cannot load alert rules: alerts.yaml:[34]: not valid YAML: .*");
          }
        });
  }
}
