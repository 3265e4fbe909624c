package io.opslake.jobs.events;

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
public record ReclassifyResult(
    String runId,
    String rulesFile,
    String rulesVersion,
    LocalDate from,
    LocalDate to,
    boolean dryRun,
    long read,
    long duplicates,
    long written,
    List<String> dates,
    List<Transition> transitions,
    String report,
    Duration elapsed) {

  public ReclassifyResult {
    dates = List.copyOf(dates);
    transitions = List.copyOf(transitions);
  }

  /** Events whose type the rules changed. */
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
  public record Transition(String from, String to, long count, double share, List<String> examples) {}
}
