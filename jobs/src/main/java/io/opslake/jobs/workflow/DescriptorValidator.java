package io.opslake.jobs.workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checks that need every descriptor at once: ids unique, {@code depends_on} naming an existing
 * job of the same DAG, no dependency cycles, one schedule per DAG, {@code on_update} tables written
 * by another DAG's job, no cycle of DAGs triggering each other, and only known template variables.
 */
public final class DescriptorValidator {
  private DescriptorValidator() {}

  /** Loads {@code folder} and checks it; the problems of both steps, sorted by file and line. */
  public static Workflows loadAndValidate(java.nio.file.Path folder, String displayFolder) {
    DescriptorLoader.Loaded loaded = DescriptorLoader.load(folder, displayFolder);
    List<DescriptorProblem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(validate(loaded.descriptors(), loaded.idsSeen()));
    return new Workflows(loaded.descriptors(), problems.stream().distinct().sorted().toList());
  }

  /**
   * Problems among {@code descriptors}; {@code idsSeen} also holds the ids of files that did not
   * parse, so a job depending on one of them is not reported a second time.
   */
  public static List<DescriptorProblem> validate(List<JobDescriptor> descriptors, Set<String> idsSeen) {
    List<DescriptorProblem> problems = new ArrayList<>();
    Map<String, JobDescriptor> byId = new LinkedHashMap<>();
    for (JobDescriptor job : descriptors) {
      JobDescriptor previous = byId.putIfAbsent(job.id(), job);
      if (previous != null) {
        problems.add(job.problemAt("/id", "duplicate id '" + job.id() + "' (also in " + previous.file() + ")"));
      }
    }
    for (JobDescriptor job : byId.values()) {
      checkTemplates(job, problems);
      checkUpstreams(job, byId, idsSeen, problems);
    }
    checkSchedules(byId, problems);
    checkCycles(byId, problems);
    checkTriggerCycles(byId, problems);
    return problems;
  }

  private static void checkTemplates(JobDescriptor job, List<DescriptorProblem> problems) {
    for (int i = 0; i < job.args().size(); i++) {
      for (String variable : ArgumentTemplate.variables(job.args().get(i))) {
        if (!ArgumentTemplate.VARIABLES.contains(variable)) {
          problems.add(job.problemAt("/args/" + i, "unknown template variable '{{ " + variable
              + " }}': use " + String.join(", ", ArgumentTemplate.VARIABLES)));
        }
      }
    }
  }

  private static void checkUpstreams(JobDescriptor job, Map<String, JobDescriptor> byId, Set<String> idsSeen,
      List<DescriptorProblem> problems) {
    for (int i = 0; i < job.dependsOn().size(); i++) {
      String upstream = job.dependsOn().get(i);
      JobDescriptor target = byId.get(upstream);
      String path = "/depends_on/" + i;
      if (target == null) {
        if (!idsSeen.contains(upstream)) {
          problems.add(job.problemAt(path, "missing upstream '" + upstream + "': no job has that id"));
        }
      } else if (upstream.equals(job.id())) {
        problems.add(job.problemAt(path, "job '" + job.id() + "' depends on itself"));
      } else if (!target.dag().equals(job.dag())) {
        problems.add(job.problemAt(path, "upstream '" + upstream + "' is in dag '" + target.dag() + "', not '"
            + job.dag() + "': follow another dag with schedule on_update: <table>"));
      }
    }
    if (job.schedule().kind() == Schedule.Kind.ON_UPDATE) {
      String table = job.schedule().table();
      List<JobDescriptor> writers = byId.values().stream().filter(other -> other.writes().contains(table)).toList();
      if (writers.isEmpty()) {
        problems.add(job.problemAt("/schedule", "missing upstream for on_update: no job writes table '" + table + "'"));
      } else if (writers.stream().allMatch(writer -> writer.dag().equals(job.dag()))) {
        problems.add(job.problemAt("/schedule", "on_update: table '" + table
            + "' is only written by dag '" + job.dag() + "' itself"));
      }
    }
  }

  /** Every job of a DAG must name the same schedule: it is the DAG's schedule. */
  private static void checkSchedules(Map<String, JobDescriptor> byId, List<DescriptorProblem> problems) {
    Map<String, JobDescriptor> first = new HashMap<>();
    for (JobDescriptor job : byId.values()) {
      JobDescriptor reference = first.putIfAbsent(job.dag(), job);
      if (reference != null && !reference.schedule().equals(job.schedule())) {
        problems.add(job.problemAt("/schedule", "schedule '" + job.schedule().describe() + "' differs from '"
            + reference.schedule().describe() + "' of job '" + reference.id() + "' in the same dag '"
            + job.dag() + "'"));
      }
    }
  }

  private static void checkCycles(Map<String, JobDescriptor> byId, List<DescriptorProblem> problems) {
    Map<String, List<String>> graph = new TreeMap<>();
    for (JobDescriptor job : byId.values()) {
      graph.put(job.id(), job.dependsOn().stream().filter(byId::containsKey).filter(id -> !id.equals(job.id())).toList());
    }
    for (List<String> cycle : Cycles.find(graph)) {
      JobDescriptor job = byId.get(cycle.get(0));
      int index = job.dependsOn().indexOf(cycle.get(1));
      problems.add(job.problemAt("/depends_on/" + index, "dependency cycle: " + String.join(" -> ", cycle)));
    }
  }

  /** DAG A triggered by a table DAG B writes, and B (transitively) by one A writes, would loop. */
  private static void checkTriggerCycles(Map<String, JobDescriptor> byId, List<DescriptorProblem> problems) {
    Map<String, Set<String>> triggers = new TreeMap<>();
    Map<String, JobDescriptor> exampleJob = new HashMap<>();
    for (JobDescriptor job : byId.values()) {
      triggers.computeIfAbsent(job.dag(), dag -> new TreeSet<>());
      exampleJob.putIfAbsent(job.dag(), job);
      if (job.schedule().kind() == Schedule.Kind.ON_UPDATE) {
        for (JobDescriptor writer : byId.values()) {
          if (writer.writes().contains(job.schedule().table()) && !writer.dag().equals(job.dag())) {
            triggers.computeIfAbsent(writer.dag(), dag -> new TreeSet<>()).add(job.dag());
          }
        }
      }
    }
    Map<String, List<String>> graph = new TreeMap<>();
    triggers.forEach((dag, downstream) -> graph.put(dag, List.copyOf(downstream)));
    for (List<String> cycle : Cycles.find(graph)) {
      problems.add(exampleJob.get(cycle.get(1)).problemAt("/schedule",
          "trigger cycle between dags: " + String.join(" -> ", cycle)));
    }
  }

  /** Finds cycles in a small directed graph, each reported once from its smallest node. */
  static final class Cycles {
    private Cycles() {}

    static List<List<String>> find(Map<String, List<String>> graph) {
      Set<List<String>> found = new LinkedHashSet<>();
      for (String start : graph.keySet()) {
        walk(start, new ArrayList<>(List.of(start)), graph, found);
      }
      return List.copyOf(found);
    }

    private static void walk(String node, List<String> path, Map<String, List<String>> graph,
        Set<List<String>> found) {
      for (String next : graph.getOrDefault(node, List.of())) {
        int seen = path.indexOf(next);
        if (seen >= 0) {
          found.add(canonical(path.subList(seen, path.size())));
        } else if (path.size() <= graph.size()) {
          path.add(next);
          walk(next, path, graph, found);
          path.remove(path.size() - 1);
        }
      }
    }

    /** The cycle rotated to start at its smallest node, closed by repeating it. */
    private static List<String> canonical(List<String> cycle) {
      String smallest = cycle.stream().min(Comparator.naturalOrder()).orElseThrow();
      int offset = cycle.indexOf(smallest);
      List<String> rotated = new ArrayList<>();
      for (int i = 0; i < cycle.size(); i++) {
        rotated.add(cycle.get((offset + i) % cycle.size()));
      }
      rotated.add(smallest);
      return List.copyOf(rotated);
    }
  }
}
