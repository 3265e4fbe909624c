package io.opslake.jobs.templates;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a message to one of a fixed set of templates: mask the message, then look it up in a
 * parse tree holding the templates ({@link ParseTree#match}: the most specific template that
 * matches exactly, else the most similar one above the threshold). Read-only and serializable, so
 * Spark can broadcast it; a lookup costs one masking and a few token comparisons.
 */
public final class TemplateMatcher implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Masker masker = new Masker();
  private final ParseTree tree;
  private final Map<String, String> idByTemplate = new HashMap<>();

  private TemplateMatcher(ParseTree tree) {
    this.tree = tree;
  }

  /** A matcher for these template texts (parameters as {@code <*>}, tokens separated by one space). */
  public static TemplateMatcher of(List<String> templates, ParseTree.Settings settings) {
    TemplateMatcher matcher = new TemplateMatcher(new ParseTree(settings));
    for (String template : templates) {
      if (!template.isEmpty() && !matcher.idByTemplate.containsKey(template)) {
        matcher.tree.addTemplate(TemplateMiner.tokensOf(template), 0);
        matcher.idByTemplate.put(template, TemplateIds.of(template));
      }
    }
    return matcher;
  }

  /** Number of distinct templates. */
  public int size() {
    return idByTemplate.size();
  }

  /** The template text of {@code message}, or null when none matches (or the message is blank). */
  public String templateOf(String message) {
    List<String> tokens = masker.tokens(message);
    if (tokens.isEmpty()) {
      return null;
    }
    ParseTree.Cluster cluster = tree.match(tokens);
    return cluster == null ? null : cluster.template();
  }

  /** The template id of {@code message}, or null when none matches. */
  public String templateIdOf(String message) {
    String template = templateOf(message);
    return template == null ? null : idByTemplate.get(template);
  }
}
