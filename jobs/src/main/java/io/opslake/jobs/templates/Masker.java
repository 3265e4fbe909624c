package io.opslake.jobs.templates;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a message into whitespace-separated tokens and replaces the parts that are almost always
 * parameters with {@code <*>} before any clustering. Masking first is what lifts Drain-style
 * parsers' accuracy: two messages that differ only in an id, an address or a count become the same
 * token sequence and can never be split into two templates by an unlucky order.
 *
 * <p>What is masked, in this order:
 *
 * <ol>
 *   <li>in the whole message: UUIDs, IPv4 addresses (with an optional {@code :port}), {@code 0x}
 *       hex numbers, absolute paths whose first segment starts with a letter ({@code /a/b}, {@code /page12}) and URLs
 *       ({@code scheme://host/...});
 *   <li>then per token, after setting aside leading {@code ([{"'} and trailing {@code )]}"',;:.}
 *       punctuation (kept in the template): a token with {@code =} or {@code :} keeps everything up to
 *       the last of them when only the part after it holds a digit ({@code size=<*>}, {@code
 *       Pool.java:<*>}); any other token holding a digit
 *       (numbers, sizes like {@code 12ms}, versions, host names like {@code db01}, block ids like
 *       {@code blk_-1608999687919862906}) becomes {@code <*>}.
 * </ol>
 *
 * <p>Words without digits are never masked; telling a variable word (a user name) from a constant
 * one is the parse tree's job. Thread safe and serializable (shipped to Spark executors).
 */
public final class Masker implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The parameter placeholder, as in the public log-parsing benchmarks. */
  public static final String PARAMETER = "<*>";

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern WHOLE_MESSAGE =
      Pattern.compile(
          String.join(
              "|",
              "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
              "(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?(?![\\w.])",
              "\\b0[xX][0-9a-fA-F]+\\b",
              "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+",
              "(?<![\\w/.<*>])/[A-Za-z_.~@%+-][\\w.@%+~-]*(?:/[\\w.@%+~-]+)*/?"));
  private static final String LEADING = "([{\"'";
  private static final String TRAILING = ")]}\"',;:.";

  /** The masked tokens of {@code message}; empty for a null or blank message. */
  public List<String> tokens(String message) {
    if (message == null || message.isBlank()) {
      return List.of();
    }
    String masked = WHOLE_MESSAGE.matcher(message.strip()).replaceAll(PARAMETER);
    String[] words = WHITESPACE.split(masked);
    List<String> tokens = new ArrayList<>(words.length);
    for (String word : words) {
      tokens.add(maskToken(word));
    }
    return List.copyOf(tokens);
  }

  /** The masked message as one string: its tokens joined by single spaces. */
  public String mask(String message) {
    return String.join(" ", tokens(message));
  }

  static String maskToken(String word) {
    int start = 0;
    int end = word.length();
    while (start < end && LEADING.indexOf(word.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && TRAILING.indexOf(word.charAt(end - 1)) >= 0) {
      end--;
    }
    String core = word.substring(start, end);
    if (core.isEmpty() || core.equals(PARAMETER) || !hasDigit(core)) {
      return word;
    }
    // key=value, key:value, Pool.java:88 — keep the key when only the value holds digits.
    int separator = Math.max(core.lastIndexOf('='), core.lastIndexOf(':'));
    String key = separator > 0 ? core.substring(0, separator + 1) : "";
    String maskedCore = !key.isEmpty() && !hasDigit(key) && separator + 1 < core.length()
        ? key + PARAMETER
        : PARAMETER;
    return word.substring(0, start) + maskedCore + word.substring(end);
  }

  private static boolean hasDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
