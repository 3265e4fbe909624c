package io.opslake.jobs.workflow;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** What a local workflow run did: one outcome per (date, step), in the order they were decided. */
public record WorkflowRunResult(String dag, List<StepOutcome> outcomes, Duration elapsed) {
  public WorkflowRunResult {
    outcomes = List.copyOf(outcomes);
  }

  /** How a step ended. */
  public enum Status {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    /** Completed by an earlier run for this date (resume). */
    ALREADY_DONE("already done"),
    /** Not started because a step it depends on failed. */
    UPSTREAM_FAILED("upstream failed");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One step on one date: status, attempts made, seconds spent, and why it failed. */
  public record StepOutcome(LocalDate date, String step, Status status, int attempts, double seconds, String message) {}

  public boolean succeeded() {
    return outcomes.stream().noneMatch(o -> o.status() == Status.FAILED || o.status() == Status.UPSTREAM_FAILED);
  }

  public long count(Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  /** The summary table the CLI prints. */
  public String summaryText() {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT,
        "workflow %s: %d succeeded, %d already done, %d failed, %d not run (upstream failed) in %.1f s%n",
        dag, count(Status.SUCCEEDED), count(Status.ALREADY_DONE), count(Status.FAILED),
        count(Status.UPSTREAM_FAILED), elapsed.toMillis() / 1000.0));
    text.append(String.format(Locale.ROOT, "  %-10s  %-16s  %-15s  %8s  %8s  %s%n",
        "date", "step", "status", "attempts", "seconds", "message"));
    for (StepOutcome outcome : outcomes) {
      text.append(String.format(Locale.ROOT, "  %-10s  %-16s  %-15s  %8d  %8.1f  %s", outcome.date(),
          outcome.step(), outcome.status().label(), outcome.attempts(), outcome.seconds(),
          outcome.message() == null ? "" : outcome.message()).stripTrailing()).append(System.lineSeparator());
    }
    return text.toString();
  }
}
