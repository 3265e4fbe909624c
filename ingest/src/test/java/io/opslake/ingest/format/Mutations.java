package io.opslake.ingest.format;

import java.util.List;
import java.util.Random;

/**
 * Random damage to valid input lines for the parsers' property tests: truncation, flipped
 * characters, inserted quotes, braces, brackets and backslashes, deleted and duplicated spans.
 */
public final class Mutations {
  private static final String INSERTS = "\"{}[]:,\\ \u0000\u001b#:x9.-e";

  private final Random random;

  public Mutations(long seed) {
    this.random = new Random(seed);
  }

  /** A damaged copy of one of {@code lines}, with one to three mutations. */
  public String mutate(List<String> lines) {
    String line = lines.get(random.nextInt(lines.size()));
    int rounds = 1 + random.nextInt(3);
    for (int i = 0; i < rounds; i++) {
      line = mutateOnce(line);
    }
    return line;
  }

  private String mutateOnce(String line) {
    if (line.isEmpty()) {
      return String.valueOf(INSERTS.charAt(random.nextInt(INSERTS.length())));
    }
    int at = random.nextInt(line.length());
    return switch (random.nextInt(6)) {
      case 0 -> line.substring(0, at);
      case 1 -> line.substring(0, at) + (char) (line.charAt(at) ^ (1 << random.nextInt(7)))
          + line.substring(at + 1);
      case 2 -> line.substring(0, at) + INSERTS.charAt(random.nextInt(INSERTS.length()))
          + line.substring(at);
      case 3 -> line.substring(0, at) + line.substring(Math.min(line.length(), at + 1 + random.nextInt(8)));
      case 4 -> line.substring(0, at) + line.substring(at, Math.min(line.length(), at + 12))
          + line.substring(at);
      default -> line.substring(0, at) + (char) random.nextInt(0x3000) + line.substring(at);
    };
  }
}
