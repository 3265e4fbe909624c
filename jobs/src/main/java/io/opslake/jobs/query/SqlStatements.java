package io.opslake.jobs.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits what an analyst types into complete statements, each ended by a {@code ;} that is not
 * inside a string literal ({@code '…'}, {@code "…"}, with Spark SQL's backslash escapes), a quoted
 * identifier ({@code `…`}), a {@code --} line comment or a {@code /* … *}{@code /} block comment.
 *
 * <p>Hand-written because the shell must decide <em>while the analyst is still typing</em> whether
 * a statement is finished (to show a continuation prompt instead of running half a query), which
 * Spark's parser does not answer: it parses one complete statement, and an unfinished one is
 * simply a syntax error. The scan is one pass over the characters with five states.
 */
public final class SqlStatements {
  private SqlStatements() {}

  /**
   * The complete statements in {@code text} (trimmed, without their {@code ;}, empty ones
   * dropped) and what follows the last {@code ;}: an unfinished statement, or blank.
   */
  public record Split(List<String> statements, String remainder) {
    public Split {
      statements = List.copyOf(statements);
    }

    /** True when nothing but whitespace and comments follows the last complete statement. */
    public boolean remainderIsBlank() {
      return withoutComments(remainder).isBlank();
    }
  }

  private enum State { CODE, SINGLE_QUOTED, DOUBLE_QUOTED, BACKTICKED, LINE_COMMENT, BLOCK_COMMENT }

  public static Split split(String text) {
    Kind[] kinds = classify(text);
    List<String> statements = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (kinds[i] == Kind.CODE && text.charAt(i) == ';') {
        String statement = text.substring(start, i).strip();
        if (!withoutComments(statement).isBlank()) {
          statements.add(statement);
        }
        start = i + 1;
      }
    }
    return new Split(statements, text.substring(start));
  }

  /** The text with {@code --} and block comments removed (string literals kept as they are). */
  static String withoutComments(String text) {
    Kind[] kinds = classify(text);
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      if (kinds[i] != Kind.COMMENT) {
        kept.append(text.charAt(i));
      }
    }
    return kept.toString();
  }

  /** What each character is part of. */
  private enum Kind { CODE, QUOTED, COMMENT }

  /** One pass of the five-state scan, telling for each character what it belongs to. */
  private static Kind[] classify(String text) {
    Kind[] kinds = new Kind[text.length()];
    State state = State.CODE;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      switch (state) {
        case CODE -> {
          kinds[i] = Kind.CODE;
          if (c == '\'') {
            state = State.SINGLE_QUOTED;
            kinds[i] = Kind.QUOTED;
          } else if (c == '"') {
            state = State.DOUBLE_QUOTED;
            kinds[i] = Kind.QUOTED;
          } else if (c == '`') {
            state = State.BACKTICKED;
            kinds[i] = Kind.QUOTED;
          } else if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
            kinds[i] = Kind.COMMENT;
          } else if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            kinds[i] = Kind.COMMENT;
            kinds[++i] = Kind.COMMENT; // so "/*/" does not close at once
          }
        }
        case SINGLE_QUOTED, DOUBLE_QUOTED -> {
          kinds[i] = Kind.QUOTED;
          char quote = state == State.SINGLE_QUOTED ? '\'' : '"';
          if (c == '\\' && next != '\0') {
            kinds[++i] = Kind.QUOTED; // Spark SQL string literals escape with a backslash
          } else if (c == quote) {
            state = State.CODE;
          }
        }
        case BACKTICKED -> {
          kinds[i] = Kind.QUOTED;
          if (c == '`') {
            state = State.CODE; // a doubled `` reopens at once, which is what an escaped backtick means
          }
        }
        case LINE_COMMENT -> {
          kinds[i] = c == '\n' ? Kind.CODE : Kind.COMMENT;
          if (c == '\n') {
            state = State.CODE;
          }
        }
        case BLOCK_COMMENT -> {
          kinds[i] = Kind.COMMENT;
          if (c == '*' && next == '/') {
            state = State.CODE;
            kinds[++i] = Kind.COMMENT;
          }
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
    return kinds;
  }
}
