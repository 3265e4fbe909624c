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
    List<String> statements = new ArrayList<>();
    State state = State.CODE;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      switch (state) {
        case CODE -> {
          if (c == '\'') {
            state = State.SINGLE_QUOTED;
          } else if (c == '"') {
            state = State.DOUBLE_QUOTED;
          } else if (c == '`') {
            state = State.BACKTICKED;
          } else if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
            i++;
          } else if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            i++;
          } else if (c == ';') {
            String statement = text.substring(start, i).strip();
            if (!withoutComments(statement).isBlank()) {
              statements.add(statement);
            }
            start = i + 1;
          }
        }
        case SINGLE_QUOTED, DOUBLE_QUOTED -> {
          char quote = state == State.SINGLE_QUOTED ? '\'' : '"';
          if (c == '\\') {
            i++; // Spark SQL string literals escape with a backslash
          } else if (c == quote) {
            state = State.CODE;
          }
        }
        case BACKTICKED -> {
          if (c == '`') {
            state = State.CODE; // a doubled `` reopens at once, which is what an escaped backtick means
          }
        }
        case LINE_COMMENT -> {
          if (c == '\n') {
            state = State.CODE;
          }
        }
        case BLOCK_COMMENT -> {
          if (c == '*' && next == '/') {
            state = State.CODE;
            i++;
          }
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
    return new Split(statements, text.substring(start));
  }

  /** The text with {@code --} and block comments removed (string literals kept as they are). */
  static String withoutComments(String text) {
    StringBuilder kept = new StringBuilder();
    State state = State.CODE;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      switch (state) {
        case LINE_COMMENT -> {
          if (c == '\n') {
            state = State.CODE;
            kept.append(c);
          }
        }
        case BLOCK_COMMENT -> {
          if (c == '*' && next == '/') {
            state = State.CODE;
            i++;
          }
        }
        case CODE -> {
          if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
            i++;
          } else if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            i++;
          } else {
            kept.append(c);
            if (c == '\'') {
              state = State.SINGLE_QUOTED;
            } else if (c == '"') {
              state = State.DOUBLE_QUOTED;
            } else if (c == '`') {
              state = State.BACKTICKED;
            }
          }
        }
        case SINGLE_QUOTED, DOUBLE_QUOTED -> {
          kept.append(c);
          char quote = state == State.SINGLE_QUOTED ? '\'' : '"';
          if (c == '\\' && next != '\0') {
            kept.append(next);
            i++;
          } else if (c == quote) {
            state = State.CODE;
          }
        }
        case BACKTICKED -> {
          kept.append(c);
          if (c == '`') {
            state = State.CODE;
          }
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
    return kept.toString();
  }
}
