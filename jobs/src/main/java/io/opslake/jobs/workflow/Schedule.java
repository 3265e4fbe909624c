package io.opslake.jobs.workflow;

import java.util.Optional;

/**
 * When a DAG runs: every night ({@code @nightly}, midnight UTC), every hour ({@code @hourly}), on a
 * five-field cron expression, or when an upstream job updates a table ({@code on_update: <table>},
 * Airflow's data-aware scheduling).
 */
public record Schedule(Kind kind, String expression, String table) {
  /** The four kinds of schedule a descriptor can name. */
  public enum Kind {
    NIGHTLY,
    HOURLY,
    CRON,
    ON_UPDATE
  }

  public static Schedule nightly() {
    return new Schedule(Kind.NIGHTLY, "@nightly", null);
  }

  public static Schedule hourly() {
    return new Schedule(Kind.HOURLY, "@hourly", null);
  }

  public static Schedule onUpdate(String table) {
    return new Schedule(Kind.ON_UPDATE, null, table);
  }

  /**
   * Parses the string form ({@code @nightly}, {@code @hourly} or cron); returns the reason when it is
   * none of them.
   */
  public static ParseResult parse(String text) {
    String trimmed = text.trim();
    if (trimmed.equals("@nightly")) {
      return new ParseResult(Optional.of(nightly()), null);
    }
    if (trimmed.equals("@hourly")) {
      return new ParseResult(Optional.of(hourly()), null);
    }
    if (trimmed.startsWith("@")) {
      return new ParseResult(Optional.empty(),
          "bad schedule '" + text + "': use @nightly, @hourly, a five-field cron expression or on_update: <table>");
    }
    Optional<String> cronProblem = CronExpression.problem(trimmed);
    if (cronProblem.isPresent()) {
      return new ParseResult(Optional.empty(), "bad schedule '" + text + "': " + cronProblem.get());
    }
    return new ParseResult(Optional.of(new Schedule(Kind.CRON, trimmed, null)), null);
  }

  /** The outcome of {@link #parse}: a schedule, or the reason there is none. */
  public record ParseResult(Optional<Schedule> schedule, String problem) {}

  /** How the descriptor spells this schedule (and how plans and summaries show it). */
  public String describe() {
    return kind == Kind.ON_UPDATE ? "on_update: " + table : expression;
  }

  /** Airflow's schedule string for time-based schedules; empty for on_update. */
  public Optional<String> airflowSchedule() {
    return switch (kind) {
      case NIGHTLY -> Optional.of("@daily");
      case HOURLY -> Optional.of("@hourly");
      case CRON -> Optional.of(expression);
      case ON_UPDATE -> Optional.empty();
    };
  }
}
