package io.opslake.jobs.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a reclassify run did.
 *
 * @param runId the commit run id (also names the report directory)
 * @param read raw events read in the date range
 * @param duplicates raw rows dropped because another row had the same event_id
 * @param written rows in the rebuilt partitions (in a dry run: rows that would be written)
 * @param dates partitions replaced (empty in a dry run)
 * @param transitions per {@code original_type → type}, largest first
 * @param report where the transition table was written as CSV
 */
@JsonPropertyOrder({"run_id", "dry_run", "from", "to", "rules_file", "rules_version", "read", "duplicates", "written",
    "changed", "partitions", "report", "elapsed_seconds", "transitions"})
public record ReclassifyResult(
    String runId,
    String rulesFile,
    String rulesVersion,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate from,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate to,
    boolean dryRun,
    long read,
    long duplicates,
    long written,
    @JsonProperty("partitions") List<String> dates,
    List<Transition> transitions,
    String report,
    @JsonIgnore Duration elapsed) {

  public ReclassifyResult {
    dates = List.copyOf(dates);
    transitions = List.copyOf(transitions);
  }

  @JsonProperty("elapsed_seconds")
  public double elapsedSeconds() {
    return elapsed.toMillis() / 1000.0;
  }

  /** Events whose type the rules changed. */
  @JsonProperty("changed")
  public long changed() {
    return transitions.stream().filter(t -> !Objects.equals(t.from(), t.to())).mapToLong(Transition::count).sum();
  }

  /**
   * One row of the transition table.
   *
   * @param from original type (null: the raw event had none)
   * @param to type after the rules
   * @param share count divided by all events of the run
   * @param examples up to three event ids, the smallest ones
   */
  @JsonPropertyOrder({"old_type", "new_type", "count", "share", "examples"})
  public record Transition(@JsonProperty("old_type") String from, @JsonProperty("new_type") String to, long count,
      double share, List<String> examples) {}
}
