package io.opslake.jobs.rules;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Arithmetic over an event's numbers, for {@code compute_attributes}: {@code + - * /}, unary
 * minus, parentheses, numeric literals and field names ({@code heap_used} is the attribute
 * {@code heap_used}; {@code duration_ms}, {@code http_status} and {@code attributes.<key>} work
 * too). The result is null when a field is missing or not a number, or on division by zero; it is
 * rendered with at most 4 decimals ({@link #render}).
 *
 * <p>Hand-written on purpose: it runs per event in plain Java (no Spark session to lend its SQL
 * parser), must turn bad data into null rather than throw, and reports a bad expression with its
 * column for the rules file's {@code file:line} message; an expression library would bring a
 * scripting language for four operators.
 */
sealed interface Expression extends Serializable {
  Double evaluate(EventView event);

  record Literal(double value) implements Expression {
    public Double evaluate(EventView event) {
      return value;
    }
  }

  record FieldValue(Field field) implements Expression {
    public Double evaluate(EventView event) {
      return field.number(event);
    }
  }

  record Negate(Expression operand) implements Expression {
    public Double evaluate(EventView event) {
      Double value = operand.evaluate(event);
      return value == null ? null : -value;
    }
  }

  record Binary(char operator, Expression left, Expression right) implements Expression {
    public Double evaluate(EventView event) {
      Double a = left.evaluate(event);
      Double b = a == null ? null : right.evaluate(event);
      if (b == null) {
        return null;
      }
      double result = switch (operator) {
        case '+' -> a + b;
        case '-' -> a - b;
        case '*' -> a * b;
        default -> b == 0 ? Double.NaN : a / b;
      };
      return Double.isFinite(result) ? result : null;
    }
  }

  /** The value as attribute text: rounded half-up to 4 decimals, no trailing zeros, no exponent. */
  static String render(double value) {
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  /** Parses {@code text}; empty with the reason in {@code error[0]} when it is not an expression. */
  static Optional<Expression> parse(String text, String[] error) {
    Parser parser = new Parser(text);
    try {
      Expression expression = parser.sum();
      parser.skipSpaces();
      if (parser.position < text.length()) {
        throw new IllegalStateException("unexpected '" + text.charAt(parser.position) + "' at column " + (parser.position + 1));
      }
      return Optional.of(expression);
    } catch (IllegalStateException e) {
      error[0] = e.getMessage();
      return Optional.empty();
    }
  }

  /** Recursive descent: sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*. */
  final class Parser {
    private final String text;
    private int position;

    private Parser(String text) {
      this.text = text;
    }

    Expression sum() {
      Expression left = product();
      for (char next = peek(); next == '+' || next == '-'; next = peek()) {
        position++;
        left = new Binary(next, left, product());
      }
      return left;
    }

    private Expression product() {
      Expression left = unary();
      for (char next = peek(); next == '*' || next == '/'; next = peek()) {
        position++;
        left = new Binary(next, left, unary());
      }
      return left;
    }

    private Expression unary() {
      char next = peek();
      if (next == '-') {
        position++;
        return new Negate(unary());
      }
      if (next == '(') {
        position++;
        Expression inner = sum();
        if (peek() != ')') {
          throw new IllegalStateException("missing ')' at column " + (position + 1));
        }
        position++;
        return inner;
      }
      if (Character.isDigit(next) || next == '.') {
        int start = position;
        while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
          position++;
        }
        Double value = Field.parseNumber(text.substring(start, position));
        if (value == null) {
          throw new IllegalStateException("bad number '" + text.substring(start, position) + "'");
        }
        return new Literal(value);
      }
      if (Character.isLetter(next) || next == '_') {
        int start = position;
        while (position < text.length() && isNameChar(text.charAt(position))) {
          position++;
        }
        String name = text.substring(start, position);
        Field field = Field.parse(name).filter(f -> f.kind() != Field.Kind.TAGS)
            .orElse(new Field(Field.Kind.ATTRIBUTE, name));
        return new FieldValue(field);
      }
      throw new IllegalStateException(next == 0 ? "expression ends too early" : "unexpected '" + next + "' at column " + (position + 1));
    }

    private static boolean isNameChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private char peek() {
      skipSpaces();
      return position < text.length() ? text.charAt(position) : 0;
    }

    private void skipSpaces() {
      while (position < text.length() && text.charAt(position) == ' ') {
        position++;
      }
    }
  }
}
