package io.opslake.jobs.workflow;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** A loaded and checked set of descriptors: valid when {@code problems} is empty. */
public record Workflows(List<JobDescriptor> descriptors, List<DescriptorProblem> problems) {
  public Workflows {
    descriptors = List.copyOf(descriptors);
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /** The DAG ids, sorted. */
  public List<String> dags() {
    return List.copyOf(new TreeSet<>(descriptors.stream().map(JobDescriptor::dag).toList()));
  }

  public List<JobDescriptor> jobsOf(String dag) {
    return descriptors.stream().filter(job -> job.dag().equals(dag)).toList();
  }

  public Optional<JobDescriptor> job(String id) {
    return descriptors.stream().filter(job -> job.id().equals(id)).findFirst();
  }
}
