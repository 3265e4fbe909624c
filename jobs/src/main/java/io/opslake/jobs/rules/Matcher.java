package io.opslake.jobs.rules;

import java.io.Serializable;

/**
 * One {@code field: condition} entry of a rule's {@code match}. For {@code tags} the condition
 * holds when it holds for any tag, {@code not} when no tag satisfies the inner condition, and
 * {@code exists} asks whether there is any tag at all.
 */
record Matcher(Field field, Condition condition) implements Serializable {
  boolean matches(EventView event) {
    if (field.kind() == Field.Kind.TAGS) {
      return matchesAnyTag(event);
    }
    String text = field.text(event);
    Double number = condition.numeric() ? field.number(event) : null;
    return condition.test(text, number);
  }

  private boolean matchesAnyTag(EventView event) {
    // "not" on tags means no tag satisfies the inner condition, not "some tag fails it".
    if (condition instanceof Condition.Not not) {
      return !anyTag(event, not.inner());
    }
    return anyTag(event, condition);
  }

  private static boolean anyTag(EventView event, Condition condition) {
    if (condition instanceof Condition.Exists exists) {
      return !event.tags().isEmpty() == exists.expected();
    }
    for (String tag : event.tags()) {
      if (condition.test(tag, condition.numeric() ? Field.parseNumber(tag) : null)) {
        return true;
      }
    }
    return false;
  }
}
