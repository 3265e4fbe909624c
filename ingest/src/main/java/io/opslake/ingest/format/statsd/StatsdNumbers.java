package io.opslake.ingest.format.statsd;

import io.opslake.ingest.format.TimestampPolicy;

/**
 * Number parsing for StatsD fields without regular expressions. Stricter than {@link
 * Double#parseDouble}, which would also take {@code NaN}, {@code Infinity}, hexadecimal and a
 * trailing {@code d} or {@code f}: only decimal digits, sign, point and exponent are accepted.
 */
final class StatsdNumbers {
  private StatsdNumbers() {}

  /**
   * @return the finite value of {@code text}
   * @throws StatsdRejection naming {@code what} (e.g. "StatsD value") when it is not a number
   */
  static double parse(String text, String what) {
    if (text.isEmpty() || !hasOnlyNumberCharacters(text)) {
      throw new StatsdRejection(what + " '" + abbreviate(text) + "' is not a number");
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new StatsdRejection(what + " '" + abbreviate(text) + "' is not a number");
    }
    if (Double.isInfinite(value)) {
      throw new StatsdRejection(what + " '" + abbreviate(text) + "' is not a finite number");
    }
    return value;
  }

  /** Epoch seconds (integer or fractional) as written in a {@code |T} or {@code d:} field. */
  static long epochSecondsToMicros(String text, String what, TimestampPolicy policy) {
    double seconds = parse(text, what);
    return policy.check(Math.round(seconds * 1_000_000d));
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private static boolean hasOnlyNumberCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
