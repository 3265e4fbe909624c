package io.opslake.jobs.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Drain parser as published (Pinjia He et al., ICWS 2017), for comparison: lines in arrival
 * order, whitespace tokens, only whole-token numbers masked, depth 4, similarity threshold 0.5,
 * 100 children per node, Drain's similarity (equal tokens / length, ties to more parameters). A
 * line's label is the final template of the cluster it joined.
 */
final class DrainBaseline {
  static final ParseTree.Settings SETTINGS = new ParseTree.Settings(4, 0.5, 100, ParseTree.Similarity.DRAIN);
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

  private DrainBaseline() {}

  static List<String> parse(List<String> messages) {
    ParseTree tree = new ParseTree(SETTINGS);
    List<ParseTree.Cluster> joined = new ArrayList<>();
    for (String message : messages) {
      List<String> tokens = new ArrayList<>();
      for (String token : message.strip().split("\\s+")) {
        tokens.add(NUMBER.matcher(token).matches() ? Masker.PARAMETER : token);
      }
      joined.add(tree.add(tokens, 1));
    }
    return joined.stream().map(ParseTree.Cluster::template).toList();
  }
}
