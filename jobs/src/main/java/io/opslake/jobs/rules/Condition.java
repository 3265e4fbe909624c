package io.opslake.jobs.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A test on one field's value. Text tests see null for an absent field and fail on it (except
 * {@code exists: false}); numeric comparisons fail when the value is absent or not a number.
 */
sealed interface Condition extends Serializable {
  boolean test(String text, Double number);

  /** True when the test needs the numeric value (parsed once per event and field). */
  default boolean numeric() {
    return false;
  }

  record Equals(String expected) implements Condition {
    public boolean test(String text, Double number) {
      return expected.equals(text);
    }
  }

  record In(Set<String> values) implements Condition {
    public boolean test(String text, Double number) {
      return text != null && values.contains(text);
    }
  }

  record Contains(String part) implements Condition {
    public boolean test(String text, Double number) {
      return text != null && text.contains(part);
    }
  }

  /** {@link java.util.regex.Matcher#find()}: anchor with ^ and $ to match the whole value. */
  record Regex(Pattern pattern) implements Condition {
    public boolean test(String text, Double number) {
      return text != null && pattern.matcher(text).find();
    }
  }

  record Exists(boolean expected) implements Condition {
    public boolean test(String text, Double number) {
      return (text != null) == expected;
    }
  }

  enum Operator {
    GT(">"), GTE(">="), LT("<"), LTE("<="), EQ("=="), NE("!=");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    boolean holds(double value, double threshold) {
      return switch (this) {
        case GT -> value > threshold;
        case GTE -> value >= threshold;
        case LT -> value < threshold;
        case LTE -> value <= threshold;
        case EQ -> value == threshold;
        case NE -> value != threshold;
      };
    }
  }

  record Compare(Operator operator, double threshold) implements Condition {
    public boolean test(String text, Double number) {
      return number != null && operator.holds(number, threshold);
    }

    public boolean numeric() {
      return true;
    }
  }

  record Not(Condition inner) implements Condition {
    public boolean test(String text, Double number) {
      return !inner.test(text, number);
    }

    public boolean numeric() {
      return inner.numeric();
    }
  }

  /** Several operators on one field, e.g. {@code {gt: 100, lte: 2000}}: all must hold. */
  record All(List<Condition> conditions) implements Condition {
    public boolean test(String text, Double number) {
      for (Condition condition : conditions) {
        if (!condition.test(text, number)) {
          return false;
        }
      }
      return true;
    }

    public boolean numeric() {
      return conditions.stream().anyMatch(Condition::numeric);
    }
  }
}
