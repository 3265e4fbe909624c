package io.opslake.jobs.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link WorkflowPlan} ({@code bin/opslake workflow plan <dag> --json}), the
 * contract the Airflow factory's tests check their DAGs against. Keys are snake_case; durations
 * are seconds; {@code airflow_schedule} is null for on_update DAGs, whose {@code triggered_by}
 * names the table.
 */
public final class PlanJson {
  private PlanJson() {}

  public static Map<String, Object> of(WorkflowPlan plan) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dag_id", plan.dag());
    json.put("schedule", plan.schedule().describe());
    json.put("airflow_schedule", plan.schedule().airflowSchedule().orElse(null));
    json.put("triggered_by", plan.schedule().kind() == Schedule.Kind.ON_UPDATE
        ? List.of(plan.schedule().table()) : List.of());
    json.put("outlets", plan.writes());
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (JobDescriptor job : plan.tasks()) {
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("task_id", job.id());
      task.put("command", job.command());
      task.put("args", job.args());
      task.put("depends_on", job.dependsOn().stream().sorted().toList());
      task.put("retries", job.retries());
      task.put("retry_delay_seconds", job.retryDelay().toSeconds());
      task.put("timeout_seconds", job.timeout().toSeconds());
      task.put("owner", job.owner());
      task.put("tags", job.tags());
      task.put("reads", job.reads());
      task.put("writes", job.writes());
      Map<String, Object> spark = new LinkedHashMap<>();
      job.spark().driverMemory().ifPresent(value -> spark.put("driver_memory", value));
      job.spark().executorMemory().ifPresent(value -> spark.put("executor_memory", value));
      job.spark().executorCores().ifPresent(value -> spark.put("executor_cores", value));
      job.spark().numExecutors().ifPresent(value -> spark.put("num_executors", value));
      task.put("spark", spark);
      tasks.add(task);
    }
    json.put("tasks", tasks);
    json.put("edges", plan.edges().stream().map(edge -> List.of(edge.upstream(), edge.downstream())).toList());
    return json;
  }
}
