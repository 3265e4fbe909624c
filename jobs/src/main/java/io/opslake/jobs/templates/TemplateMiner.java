package io.opslake.jobs.templates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mines templates from a multiset of messages, independently of their order: every message is
 * masked ({@link Masker}), equal masked messages are counted once with their multiplicity, and the
 * distinct masked messages are fed to a {@link ParseTree} sorted by count (most frequent first,
 * so a template is shaped by its common form) and then by text. The same multiset of lines
 * therefore always yields the same templates, however it was ordered or partitioned.
 *
 * <p>Cost: memory for the distinct masked messages (masking collapses most of a log's variety: a
 * day of a service's log has thousands, not millions) and one parse-tree insertion each.
 */
public final class TemplateMiner {
  /**
   * The settings opslake mines with: Drain's depth 4 and 100 children per node, similarity over
   * constant tokens with threshold 0.7 (see docs/benchmarks.md for how they were chosen).
   */
  public static final ParseTree.Settings DEFAULT_SETTINGS =
      new ParseTree.Settings(4, 0.7, 100, ParseTree.Similarity.CONSTANT_TOKENS);

  private final Masker masker = new Masker();
  private final ParseTree.Settings settings;

  public TemplateMiner(ParseTree.Settings settings) {
    this.settings = settings;
  }

  public static TemplateMiner withDefaults() {
    return new TemplateMiner(DEFAULT_SETTINGS);
  }

  public Masker masker() {
    return masker;
  }

  public ParseTree.Settings settings() {
    return settings;
  }

  /** Mines raw messages given as message → number of occurrences; blank messages are skipped. */
  public MiningResult mineMessages(Map<String, Long> messageCounts) {
    Map<String, Long> masked = new HashMap<>();
    messageCounts.forEach((message, count) -> {
      String key = masker.mask(message);
      if (!key.isEmpty()) {
        masked.merge(key, count, Long::sum);
      }
    });
    return mineMasked(masked);
  }

  /** Mines raw messages, one occurrence per list element. */
  public MiningResult mineMessages(List<String> messages) {
    Map<String, Long> counts = new HashMap<>();
    for (String message : messages) {
      if (message != null) {
        counts.merge(message, 1L, Long::sum);
      }
    }
    return mineMessages(counts);
  }

  /**
   * Mines already masked messages (tokens joined by single spaces, as {@link Masker#mask} returns
   * them) given with their counts.
   */
  public MiningResult mineMasked(Map<String, Long> maskedCounts) {
    List<Map.Entry<String, Long>> ordered = new ArrayList<>(maskedCounts.entrySet());
    ordered.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    ParseTree tree = new ParseTree(settings);
    Map<String, ParseTree.Cluster> clusterOf = new HashMap<>();
    for (Map.Entry<String, Long> entry : ordered) {
      if (!entry.getKey().isEmpty()) {
        clusterOf.put(entry.getKey(), tree.add(tokensOf(entry.getKey()), entry.getValue()));
      }
    }
    // Two clusters can end with the same text; they are one template (same id).
    Map<String, Long> occurrences = new LinkedHashMap<>();
    for (ParseTree.Cluster cluster : tree.clusters()) {
      occurrences.merge(cluster.template(), cluster.count(), Long::sum);
    }
    Map<String, MinedTemplate> byTemplate = new HashMap<>();
    occurrences.forEach((template, count) -> byTemplate.put(template, MinedTemplate.of(template, count)));
    Map<String, MinedTemplate> byMasked = new HashMap<>();
    clusterOf.forEach((key, cluster) -> byMasked.put(key, byTemplate.get(cluster.template())));
    List<MinedTemplate> templates = new ArrayList<>(byTemplate.values());
    templates.sort(Comparator.comparingLong(MinedTemplate::occurrences).reversed()
        .thenComparing(MinedTemplate::template));
    return new MiningResult(masker, List.copyOf(templates), Map.copyOf(byMasked),
        TemplateMatcher.of(templates.stream().map(MinedTemplate::template).toList(), settings));
  }

  /** The tokens of a masked message or of a template text. */
  static List<String> tokensOf(String maskedOrTemplate) {
    return maskedOrTemplate.isEmpty() ? List.of() : Arrays.asList(maskedOrTemplate.split(" ", -1));
  }

  /**
   * The outcome of one mining run.
   *
   * @param templates every template, most frequent first
   * @param byMaskedMessage the template each mined masked message ended in
   * @param matcher matches any message (mined or not) to the closest template
   */
  public record MiningResult(Masker masker, List<MinedTemplate> templates,
      Map<String, MinedTemplate> byMaskedMessage, TemplateMatcher matcher) {

    /** The template of a message: the one it was mined into, else the matcher's; null if none. */
    public MinedTemplate templateOf(String message) {
      MinedTemplate mined = byMaskedMessage.get(masker.mask(message));
      if (mined != null) {
        return mined;
      }
      String template = matcher.templateOf(message);
      return template == null ? null : new MinedTemplate(TemplateIds.of(template), template, 0);
    }
  }
}
