package io.opslake.jobs.workflow;

import io.opslake.errors.OpslakeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns the descriptors of one DAG into a {@link WorkflowPlan} (topological order, ties by id). */
public final class WorkflowPlanner {
  private WorkflowPlanner() {}

  /**
   * The plan of {@code dag}; {@code workflows} must be valid (no cycles, upstreams present).
   *
   * @throws OpslakeException (usage) when no descriptor belongs to {@code dag}
   */
  public static WorkflowPlan plan(Workflows workflows, String dag) {
    List<JobDescriptor> jobs = workflows.jobsOf(dag);
    if (jobs.isEmpty()) {
      throw OpslakeException.usage("Cannot plan workflow: no dag '" + dag + "'; dags are "
          + String.join(", ", workflows.dags()));
    }
    Map<String, JobDescriptor> byId = new HashMap<>();
    Map<String, Integer> waitingFor = new HashMap<>();
    List<WorkflowPlan.Edge> edges = new ArrayList<>();
    for (JobDescriptor job : jobs) {
      byId.put(job.id(), job);
      waitingFor.put(job.id(), job.dependsOn().size());
      job.dependsOn().stream().sorted().forEach(upstream -> edges.add(new WorkflowPlan.Edge(upstream, job.id())));
    }
    edges.sort((a, b) -> a.upstream().equals(b.upstream())
        ? a.downstream().compareTo(b.downstream()) : a.upstream().compareTo(b.upstream()));
    TreeSet<String> ready = new TreeSet<>();
    waitingFor.forEach((id, count) -> {
      if (count == 0) {
        ready.add(id);
      }
    });
    List<JobDescriptor> ordered = new ArrayList<>();
    while (!ready.isEmpty()) {
      String next = ready.pollFirst();
      ordered.add(byId.get(next));
      for (WorkflowPlan.Edge edge : edges) {
        if (edge.upstream().equals(next) && waitingFor.merge(edge.downstream(), -1, Integer::sum) == 0) {
          ready.add(edge.downstream());
        }
      }
    }
    if (ordered.size() != jobs.size()) {
      throw OpslakeException.usage("Cannot plan workflow: dag '" + dag + "' has a dependency cycle");
    }
    return new WorkflowPlan(dag, jobs.get(0).schedule(), ordered, edges);
  }
}
