package io.opslake.jobs.templates;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed-depth parse tree of Drain (Pinjia He et al., ICWS 2017): the first level splits token
 * sequences by length, the next {@code depth - 2} levels by their leading tokens (a token holding a
 * digit or a parameter, or one beyond {@code maxChildren} siblings, goes to the {@code <*>} child),
 * and each leaf holds clusters whose template is compared token by token with a new sequence. A
 * sequence joins the most similar cluster of its leaf when the similarity reaches the threshold
 * (the positions where they differ become {@code <*>}), otherwise it starts a new cluster.
 *
 * <p>Mutable and not thread safe while mining; after mining it is only read ({@link #match}) and can
 * be shipped to Spark executors. Cost: one map lookup per level, then one comparison per cluster of
 * the leaf (usually a handful).
 */
public final class ParseTree implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String PARAMETER = Masker.PARAMETER;

  /** How a sequence's similarity to a cluster template is measured. */
  public enum Similarity {
    /**
     * Drain's: tokens equal to the template's constant tokens, divided by the sequence length
     * (template parameters count as unequal; ties go to the template with more parameters).
     */
    DRAIN,
    /**
     * opslake's: tokens equal to the template's constant tokens, divided by the number of constant
     * tokens, so masked parameters neither help nor hurt and short messages that differ in their
     * one constant word stay apart.
     */
    CONSTANT_TOKENS
  }

  /**
   * @param depth tree depth including the length level and the leaf level (Drain's default is 4:
   *     two leading tokens are used for routing)
   * @param threshold similarity a sequence needs to join a cluster, in (0, 1]
   * @param maxChildren children per inner node before new tokens go to the {@code <*>} child
   * @param similarity the similarity measure
   */
  public record Settings(int depth, double threshold, int maxChildren, Similarity similarity)
      implements Serializable {
    public Settings {
      if (depth < 3) {
        throw new IllegalArgumentException("Cannot build a parse tree: depth " + depth + " is below 3");
      }
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException(
            "Cannot build a parse tree: similarity threshold " + threshold + " is not in (0, 1]");
      }
      if (maxChildren < 2) {
        throw new IllegalArgumentException(
            "Cannot build a parse tree: max children " + maxChildren + " is below 2");
      }
    }
  }

  /** A cluster: its template tokens (parameters as {@code <*>}) and how many sequences joined it. */
  public static final class Cluster implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] template;
    private long count;

    Cluster(List<String> tokens) {
      this.template = tokens.toArray(new String[0]);
    }

    public String template() {
      return String.join(" ", template);
    }

    public long count() {
      return count;
    }

    int parameters() {
      int parameters = 0;
      for (String token : template) {
        if (token.equals(PARAMETER)) {
          parameters++;
        }
      }
      return parameters;
    }
  }

  private static final class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<String, Node> children = new HashMap<>();
    final List<Cluster> clusters = new ArrayList<>();
  }

  private final Settings settings;
  private final Map<Integer, Node> byLength = new HashMap<>();
  private final List<Cluster> clusters = new ArrayList<>();

  public ParseTree(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** Every cluster, in creation order. */
  public List<Cluster> clusters() {
    return List.copyOf(clusters);
  }

  /**
   * Adds {@code count} occurrences of a token sequence: it joins (and generalizes) the most similar
   * cluster of its leaf, or starts a new one. Returns the cluster it joined.
   */
  public Cluster add(List<String> tokens, long count) {
    Node leaf = route(tokens);
    Cluster best = null;
    double bestSimilarity = -1;
    int bestTieBreak = -1;
    for (Cluster cluster : leaf.clusters) {
      double similarity = similarity(cluster.template, tokens);
      int tieBreak = settings.similarity() == Similarity.DRAIN ? cluster.parameters() : equalConstants(cluster.template, tokens);
      if (similarity > bestSimilarity || (similarity == bestSimilarity && tieBreak > bestTieBreak)) {
        best = cluster;
        bestSimilarity = similarity;
        bestTieBreak = tieBreak;
      }
    }
    if (best == null || bestSimilarity < settings.threshold()) {
      best = new Cluster(tokens);
      leaf.clusters.add(best);
      clusters.add(best);
    } else {
      for (int i = 0; i < best.template.length; i++) {
        if (!best.template[i].equals(tokens.get(i))) {
          best.template[i] = PARAMETER;
        }
      }
    }
    best.count += count;
    return best;
  }

  /**
   * Adds a finished template as its own cluster, without comparing it with the others; used to
   * rebuild a tree from the {@code patterns} table.
   */
  public void addTemplate(List<String> tokens, long count) {
    Cluster cluster = new Cluster(tokens);
    cluster.count = count;
    route(tokens).clusters.add(cluster);
    clusters.add(cluster);
  }

  /**
   * The cluster a sequence belongs to, without changing the tree: among the leaves its leading
   * tokens can reach (their own child or the {@code <*>} child at each level), the most specific
   * template that matches it exactly (every constant token equal), else the most similar one when
   * it reaches the threshold, else null.
   */
  public Cluster match(List<String> tokens) {
    Node root = byLength.get(tokens.size());
    if (root == null) {
      return null;
    }
    List<Node> leaves = new ArrayList<>();
    collectLeaves(root, tokens, 0, leaves);
    Cluster exact = null;
    int exactConstants = -1;
    Cluster similar = null;
    double bestSimilarity = -1;
    for (Node leaf : leaves) {
      for (Cluster cluster : leaf.clusters) {
        int constants = cluster.template.length - cluster.parameters();
        int equal = equalConstants(cluster.template, tokens);
        if (equal == constants && constants > exactConstants) {
          exact = cluster;
          exactConstants = constants;
        }
        double similarity = similarity(cluster.template, tokens);
        if (similarity > bestSimilarity) {
          similar = cluster;
          bestSimilarity = similarity;
        }
      }
    }
    if (exact != null) {
      return exact;
    }
    return bestSimilarity >= settings.threshold() ? similar : null;
  }

  private void collectLeaves(Node node, List<String> tokens, int level, List<Node> leaves) {
    if (level >= routingLevels(tokens.size())) {
      leaves.add(node);
      return;
    }
    Node own = node.children.get(tokens.get(level));
    if (own != null) {
      collectLeaves(own, tokens, level + 1, leaves);
    }
    Node wildcard = node.children.get(PARAMETER);
    if (wildcard != null && wildcard != own) {
      collectLeaves(wildcard, tokens, level + 1, leaves);
    }
  }

  private Node route(List<String> tokens) {
    Node node = byLength.computeIfAbsent(tokens.size(), length -> new Node());
    int levels = routingLevels(tokens.size());
    for (int level = 0; level < levels; level++) {
      String token = tokens.get(level);
      String key = isParameterLike(token) ? PARAMETER : token;
      Node child = node.children.get(key);
      if (child == null) {
        // Keep the last slot for the <*> child, so a node never holds more than maxChildren.
        if (!key.equals(PARAMETER) && node.children.size() >= settings.maxChildren() - 1) {
          key = PARAMETER;
          child = node.children.get(key);
        }
        if (child == null) {
          child = new Node();
          node.children.put(key, child);
        }
      }
      node = child;
    }
    return node;
  }

  private int routingLevels(int length) {
    return Math.min(settings.depth() - 2, length);
  }

  private static boolean isParameterLike(String token) {
    if (token.contains(PARAMETER)) {
      return true;
    }
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private double similarity(String[] template, List<String> tokens) {
    int equal = equalConstants(template, tokens);
    if (settings.similarity() == Similarity.DRAIN) {
      return template.length == 0 ? 1 : (double) equal / template.length;
    }
    int constants = 0;
    for (String token : template) {
      if (!token.equals(PARAMETER)) {
        constants++;
      }
    }
    return constants == 0 ? 1 : (double) equal / constants;
  }

  private static int equalConstants(String[] template, List<String> tokens) {
    int equal = 0;
    for (int i = 0; i < template.length; i++) {
      if (!template[i].equals(PARAMETER) && template[i].equals(tokens.get(i))) {
        equal++;
      }
    }
    return equal;
  }
}
