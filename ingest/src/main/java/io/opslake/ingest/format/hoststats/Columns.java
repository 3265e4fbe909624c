package io.opslake.ingest.format.hoststats;

import java.util.ArrayList;
import java.util.List;

/** Whitespace splitting shared by the tool readers (no regular expressions: rows are many). */
final class Columns {
  private Columns() {}

  static List<String> split(String line) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int length = line.length();
    while (i < length) {
      while (i < length && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < length && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        tokens.add(line.substring(start, i));
      }
    }
    return tokens;
  }
}
