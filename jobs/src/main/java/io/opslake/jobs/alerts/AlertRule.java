package io.opslake.jobs.alerts;

import java.time.Duration;
import java.util.Objects;

/**
 * One variant of one alert rule of a rules file ({@link AlertRules}): a rule without {@code sweep}
 * has one variant, {@code default}; a sweep expands into one variant per combination of its values.
 *
 * @param id the rule's id in the file
 * @param variant {@code default}, or the swept values ({@code threshold=5}, {@code threshold=5,for=5m})
 * @param description free text, may be empty
 * @param kind what the rule watches
 * @param type the event type (event counts, latencies by type, new fingerprints); null when not used
 * @param fingerprint event counts of one fingerprint; null when not used
 * @param urlGroup latencies of one URL group; null when not used
 * @param scope whether event counts are per host or over all hosts
 * @param percentile latency measure: {@code p50}, {@code p95}, {@code p99} or {@code max}
 * @param window event counts: the sliding window summed at each minute; disk: the trailing fit window
 * @param threshold event counts and latencies: fire when the value is above it (strictly)
 * @param forDuration how long the condition must hold before the alert fires
 * @param cooldown a firing starting sooner than this after the previous one resolved is a flapping re-fire
 * @param horizon disk: fire when the disk is projected full within this time
 * @param mount disk: only this mount point; null for all
 * @param line the rule's line in the file
 */
public record AlertRule(
    String id,
    String variant,
    String description,
    Kind kind,
    String type,
    String fingerprint,
    String urlGroup,
    Scope scope,
    String percentile,
    Duration window,
    double threshold,
    Duration forDuration,
    Duration cooldown,
    Duration horizon,
    String mount,
    int line) implements java.io.Serializable {

  /** The rule forms. */
  public enum Kind {
    /** More than N events (of a type, a type on one host, or a fingerprint) in a sliding window. */
    EVENT_COUNT("event_count"),
    /** A latency percentile of a type or URL group above X ms, per minute. */
    LATENCY("latency"),
    /** A fingerprint of a type seen for the first time. */
    NEW_FINGERPRINT("new_fingerprint"),
    /** A disk (host and mount) projected full within the horizon at its current rate. */
    DISK_FULL("disk_full");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** Event counts over all hosts or per host. */
  public enum Scope {
    ALL_HOSTS,
    PER_HOST
  }

  public AlertRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(forDuration, "forDuration");
    Objects.requireNonNull(cooldown, "cooldown");
    description = description == null ? "" : description;
  }

  /** How the summary and {@code alert_firings.rule} name the variant: {@code id} or {@code id[variant]}. */
  public String displayName() {
    return variant.equals(AlertRules.DEFAULT_VARIANT) ? id : id + "[" + variant + "]";
  }

  /** Whether a larger or a smaller value is worse for this rule. */
  public Alert.Severity severity() {
    return kind == Kind.DISK_FULL ? Alert.Severity.LOWER_IS_WORSE : Alert.Severity.HIGHER_IS_WORSE;
  }

  public AlertStateMachine stateMachine() {
    return new AlertStateMachine(forDuration.toMillis(), cooldown.toMillis(), severity());
  }
}
