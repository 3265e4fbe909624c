package io.opslake.jobs.alerts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * What an {@link AlertsBacktestJob} run did.
 *
 * @param runIds the commit run ids ({@code alert_firings}, {@code alert_summary})
 * @param from first day of the range
 * @param to last day of the range
 * @param rulesFile the rules file and its SHA-256
 * @param keysEvaluated (rule, key) series evaluated
 * @param variants one summary per rule variant, in file order
 * @param elapsed wall-clock time
 */
@JsonPropertyOrder({"run_ids", "from", "to", "rules_file", "keys_evaluated", "alerts", "variants", "elapsed_seconds"})
public record AlertsBacktestResult(
    List<String> runIds,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate from,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate to,
    String rulesFile,
    long keysEvaluated,
    List<VariantSummary> variants,
    @JsonIgnore Duration elapsed) {
  public AlertsBacktestResult {
    runIds = List.copyOf(runIds);
    variants = List.copyOf(variants);
  }

  @JsonProperty("elapsed_seconds")
  public double elapsedSeconds() {
    return elapsed.toMillis() / 1000.0;
  }

  /** Alerts of every variant (the {@code alert_firings} rows written). */
  @JsonProperty("alerts")
  public long alerts() {
    return variants.stream().mapToLong(VariantSummary::alerts).sum();
  }

  /** The summary of {@code rule}'s variant {@code variant}. */
  public VariantSummary variant(String rule, String variant) {
    return variants.stream().filter(summary -> summary.rule().equals(rule) && summary.variant().equals(variant))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no variant " + rule + "[" + variant + "]"));
  }

  /**
   * One rule variant's figures, as on its {@code alert_summary} row; the incident figures are null
   * without an incidents file.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"rule", "variant", "kind", "alerts", "keys_alerted", "firing_seconds", "flapping_refires",
      "alerts_per_day", "incidents", "incidents_detected", "incidents_missed", "median_delay_seconds",
      "max_delay_seconds", "false_alarms"})
  public record VariantSummary(
      String rule,
      String variant,
      String kind,
      @JsonIgnore String description,
      long alerts,
      long keysAlerted,
      double firingSeconds,
      long flappingRefires,
      double alertsPerDay,
      Integer incidents,
      Integer incidentsDetected,
      Integer incidentsMissed,
      Double medianDelaySeconds,
      Double maxDelaySeconds,
      Long falseAlarms) {}
}
