package io.opslake.jobs.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated rules file. Evaluation order (documented in docs/rules.md):
 *
 * <ul>
 *   <li>Every rule is tested against the event <em>as ingested</em>: what earlier rules set
 *       (type, tags, attributes) is never seen by later rules' {@code match} or expressions, so
 *       the result does not depend on chains of rules.
 *   <li>{@code type}: the first matching rule with {@code set_type} decides it and becomes {@code
 *       rule_id}; later {@code set_type}s are ignored. Same for {@code subtype}.
 *   <li>Every matching rule adds its tags (no duplicates, raw tags first) and its attributes; an
 *       attribute key keeps the first value given to it, and a raw attribute is never overwritten.
 * </ul>
 *
 * @param file the file name, for messages
 * @param version hex md5 of the file's bytes, stored with every row as {@code rules_version}
 */
public record RuleSet(String file, String version, List<Rule> rules, Fingerprinter fingerprinter)
    implements Serializable {

  public RuleSet {
    rules = List.copyOf(rules);
  }

  public Outcome apply(EventView event) {
    String type = event.type();
    String subtype = null;
    String ruleId = null;
    boolean typeSet = false;
    List<String> tags = event.tags();
    Map<String, String> attributes = event.attributes();
    boolean tagsCopied = false;
    boolean attributesCopied = false;
    for (Rule rule : rules) {
      if (!rule.matches(event)) {
        continue;
      }
      if (rule.setType() != null && !typeSet) {
        type = rule.setType();
        ruleId = rule.id();
        typeSet = true;
      }
      if (rule.setSubtype() != null && subtype == null) {
        subtype = rule.setSubtype();
      }
      for (String tag : rule.addTags()) {
        if (!tags.contains(tag)) {
          if (!tagsCopied) {
            tags = new ArrayList<>(tags);
            tagsCopied = true;
          }
          tags.add(tag);
        }
      }
      for (Map.Entry<String, String> entry : rule.setAttributes().entrySet()) {
        if (!attributes.containsKey(entry.getKey())) {
          if (!attributesCopied) {
            attributes = new HashMap<>(attributes);
            attributesCopied = true;
          }
          attributes.put(entry.getKey(), entry.getValue());
        }
      }
      for (Map.Entry<String, Expression> entry : rule.computeAttributes().entrySet()) {
        if (attributes.containsKey(entry.getKey())) {
          continue;
        }
        Double value = entry.getValue().evaluate(event);
        if (value != null) {
          if (!attributesCopied) {
            attributes = new HashMap<>(attributes);
            attributesCopied = true;
          }
          attributes.put(entry.getKey(), Expression.render(value));
        }
      }
    }
    return new Outcome(type, subtype, ruleId, tags, attributes);
  }

  /** The event's fingerprint (see {@link Fingerprinter}). */
  public String fingerprint(EventView event) {
    return fingerprinter.fingerprint(event);
  }
}
