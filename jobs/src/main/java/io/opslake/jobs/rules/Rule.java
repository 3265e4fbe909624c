package io.opslake.jobs.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One rule of a rules file: all {@code match} entries must hold; then its actions apply as {@link
 * RuleSet#apply} describes.
 *
 * @param line line of the rule in its file, for messages
 * @param setType new type, or null
 * @param setSubtype subtype, or null
 * @param addTags tags to add (in order)
 * @param setAttributes literal attribute values
 * @param computeAttributes attribute name to expression
 */
public record Rule(
    String id,
    String description,
    int line,
    List<Matcher> match,
    String setType,
    String setSubtype,
    List<String> addTags,
    Map<String, String> setAttributes,
    Map<String, Expression> computeAttributes)
    implements Serializable {

  boolean matches(EventView event) {
    for (Matcher matcher : match) {
      if (!matcher.matches(event)) {
        return false;
      }
    }
    return true;
  }
}
