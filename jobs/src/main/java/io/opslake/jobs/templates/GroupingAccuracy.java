package io.opslake.jobs.templates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grouping accuracy (GA), the metric of the public log-parsing benchmarks (Zhu et al., ICSE 2019):
 * a line is parsed correctly iff the set of lines sharing its predicted template equals the set of
 * lines sharing its ground-truth template; GA is the share of lines parsed correctly. It judges
 * the grouping only, not the template text. Cost: linear in the number of lines.
 */
public final class GroupingAccuracy {
  private GroupingAccuracy() {}

  /**
   * The score of one evaluation.
   *
   * @param correct lines whose predicted group equals their true group
   * @param lines all lines
   */
  public record Score(long correct, long lines) {
    public double accuracy() {
      return lines == 0 ? 1.0 : (double) correct / lines;
    }
  }

  /**
   * Scores predicted labels against true labels, line by line (same length; a label is any string
   * naming a group, e.g. a template or its id; null is a group of its own like any other label).
   */
  public static Score of(List<String> predicted, List<String> truth) {
    if (predicted.size() != truth.size()) {
      throw new IllegalArgumentException("Cannot compute grouping accuracy: " + predicted.size()
          + " predicted labels for " + truth.size() + " lines");
    }
    Map<String, List<Integer>> predictedGroups = groups(predicted);
    Map<String, List<Integer>> trueGroups = groups(truth);
    long correct = 0;
    for (List<Integer> group : trueGroups.values()) {
      // The lines of a true group are all correct iff they all carry one predicted label and that
      // label covers no other line; otherwise none of them is.
      String label = predicted.get(group.get(0));
      boolean sameLabel = group.stream().allMatch(line -> Objects.equals(predicted.get(line), label));
      if (sameLabel && predictedGroups.get(key(label)).size() == group.size()) {
        correct += group.size();
      }
    }
    return new Score(correct, truth.size());
  }

  private static Map<String, List<Integer>> groups(List<String> labels) {
    Map<String, List<Integer>> groups = new HashMap<>();
    for (int line = 0; line < labels.size(); line++) {
      groups.computeIfAbsent(key(labels.get(line)), key -> new ArrayList<>()).add(line);
    }
    return groups;
  }

  private static String key(String label) {
    return label == null ? "\u0000null" : label;
  }
}
