package io.opslake.ingest.format;

import java.util.List;
import java.util.Random;

/**
 * Damages valid lines the way transport and capture damage them: characters deleted, inserted,
 * replaced or swapped, lines cut short, segments doubled. Deterministic for a given {@link Random}.
 */
public final class LineMutator {
  private static final String ALPHABET =
      "|:#@,.{}[]\"'\\ \t-+eE0123456789abcxyzTdhsgm_\u0000\u00e9\u20ac\ud83d\ude00\u001b\r";

  private final Random random;

  public LineMutator(Random random) {
    this.random = random;
  }

  /** One to three mutations of a line picked from {@code seeds}. */
  public String mutate(List<String> seeds) {
    String line = seeds.get(random.nextInt(seeds.size()));
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      line = mutateOnce(line);
    }
    return line;
  }

  private String mutateOnce(String line) {
    if (line.isEmpty()) {
      return String.valueOf(randomChar());
    }
    int at = random.nextInt(line.length());
    switch (random.nextInt(6)) {
      case 0:
        return line.substring(0, at) + line.substring(at + 1);
      case 1:
        return line.substring(0, at) + randomChar() + line.substring(at);
      case 2:
        return line.substring(0, at) + randomChar() + line.substring(at + 1);
      case 3:
        return line.substring(0, at);
      case 4:
        int end = at + random.nextInt(line.length() - at) + 1;
        return line.substring(0, end) + line.substring(at, end) + line.substring(end);
      default:
        int other = random.nextInt(line.length());
        char[] chars = line.toCharArray();
        char swapped = chars[at];
        chars[at] = chars[other];
        chars[other] = swapped;
        return new String(chars);
    }
  }

  private char randomChar() {
    return ALPHABET.charAt(random.nextInt(ALPHABET.length()));
  }
}
