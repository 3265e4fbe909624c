package io.opslake.jobs.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The JSON form of a {@link WorkflowPlan} ({@code bin/opslake workflow plan <dag> --json}), the
 * contract the Airflow factory's tests check their DAGs against. Serialized by Jackson from these
 * records: keys are snake_case; durations are seconds; {@code airflow_schedule} is null for
 * on_update DAGs, whose {@code triggered_by} names the table.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"dag_id", "schedule", "airflow_schedule", "triggered_by", "outlets", "tasks", "edges"})
public record PlanJson(String dagId, String schedule, String airflowSchedule, List<String> triggeredBy,
    List<String> outlets, List<Task> tasks, List<List<String>> edges) {

  /** One task of the DAG. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Task(String taskId, String command, List<String> args, List<String> dependsOn, int retries,
      long retryDelaySeconds, long timeoutSeconds, String owner, List<String> tags, List<String> reads,
      List<String> writes, Spark spark) {}

  /** spark-submit's resources; absent ones are left out. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Spark(String driverMemory, String executorMemory, Integer executorCores, Integer numExecutors) {}

  public static PlanJson of(WorkflowPlan plan) {
    List<Task> tasks = plan.tasks().stream().map(job -> new Task(job.id(), job.command(), job.args(),
        job.dependsOn().stream().sorted().toList(), job.retries(), job.retryDelay().toSeconds(),
        job.timeout().toSeconds(), job.owner(), job.tags(), job.reads(), job.writes(),
        new Spark(job.spark().driverMemory().orElse(null), job.spark().executorMemory().orElse(null),
            job.spark().executorCores().orElse(null), job.spark().numExecutors().orElse(null)))).toList();
    return new PlanJson(plan.dag(), plan.schedule().describe(), plan.schedule().airflowSchedule().orElse(null),
        plan.schedule().kind() == Schedule.Kind.ON_UPDATE ? List.of(plan.schedule().table()) : List.of(),
        plan.writes(), tasks,
        plan.edges().stream().map(edge -> List.of(edge.upstream(), edge.downstream())).toList());
  }
}
