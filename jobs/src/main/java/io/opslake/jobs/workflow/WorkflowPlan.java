package io.opslake.jobs.workflow;

import java.util.List;

/**
 * A DAG as both runners execute it: its schedule, its tasks in a dependency order (ties broken by
 * id), and the edges {@code upstream -> downstream}. {@code bin/opslake workflow plan <dag> --json}
 * prints it, and the Airflow factory's tests compare the DAGs they build with it.
 */
public record WorkflowPlan(String dag, Schedule schedule, List<JobDescriptor> tasks, List<Edge> edges) {
  public WorkflowPlan {
    tasks = List.copyOf(tasks);
    edges = List.copyOf(edges);
  }

  /** {@code upstream} must succeed before {@code downstream} starts. */
  public record Edge(String upstream, String downstream) {}

  /** The tables this DAG's jobs write: Airflow outlets, and what on_update DAGs follow. */
  public List<String> writes() {
    return tasks.stream().flatMap(task -> task.writes().stream()).distinct().sorted().toList();
  }
}
