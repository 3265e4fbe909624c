package io.opslake.ingest.format.appevents;

/**
 * Measures how deeply an EDN text nests its collections without parsing it, skipping strings,
 * character literals ({@code \[}) and comments, so a hostile line is refused in one linear scan.
 */
final class EdnDepth {
  private EdnDepth() {}

  static boolean exceeds(CharSequence text, int limit) {
    int depth = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> i = endOfString(text, i);
        case '\\' -> i++;
        case ';' -> {
          return false;
        }
        case '(', '[', '{' -> {
          if (++depth > limit) {
            return true;
          }
        }
        case ')', ']', '}' -> depth--;
        default -> {
          // atoms do not nest
        }
      }
    }
    return false;
  }

  private static int endOfString(CharSequence text, int open) {
    int length = text.length();
    for (int i = open + 1; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return length;
  }
}
