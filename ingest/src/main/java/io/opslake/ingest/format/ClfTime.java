package io.opslake.ingest.format;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The Common Log Format time, as Apache ({@code %t}) and nginx ({@code $time_local}) write it:
 * {@code 17/May/2015:10:05:03 +0000} (English month abbreviation, numeric zone offset). Read by
 * hand: every line of an access log passes through here.
 */
public final class ClfTime {
  /** Characters of {@code dd/MMM/yyyy:HH:mm:ss +zzzz}. */
  public static final int LENGTH = 26;

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private ClfTime() {}

  /** Whether {@code text} holds a CLF time at {@code from} (shape only, no calendar check). */
  public static boolean matchesAt(String text, int from) {
    if (text.length() < from + LENGTH) {
      return false;
    }
    return digits(text, from, 2) && text.charAt(from + 2) == '/' && month(text, from + 3) > 0
        && text.charAt(from + 6) == '/' && digits(text, from + 7, 4) && text.charAt(from + 11) == ':'
        && digits(text, from + 12, 2) && text.charAt(from + 14) == ':' && digits(text, from + 15, 2)
        && text.charAt(from + 17) == ':' && digits(text, from + 18, 2) && text.charAt(from + 20) == ' '
        && (text.charAt(from + 21) == '+' || text.charAt(from + 21) == '-') && digits(text, from + 22, 4);
  }

  /** Whether the whole of {@code text} (trimmed) is a CLF time, optionally in square brackets. */
  public static boolean matches(String text) {
    String bare = unbracket(text.strip());
    return bare.length() == LENGTH && matchesAt(bare, 0);
  }

  /**
   * Epoch microseconds of the CLF time at {@code from}.
   *
   * @throws DateTimeException when there is none there or its date does not exist (31/Feb)
   */
  public static long micros(String text, int from) {
    if (!matchesAt(text, from)) {
      throw new DateTimeException("not a CLF time");
    }
    LocalDateTime local = LocalDateTime.of(
        number(text, from + 7, 4), month(text, from + 3), number(text, from + 0, 2),
        number(text, from + 12, 2), number(text, from + 15, 2), number(text, from + 18, 2));
    int offsetMinutes = number(text, from + 22, 2) * 60 + number(text, from + 24, 2);
    if (text.charAt(from + 21) == '-') {
      offsetMinutes = -offsetMinutes;
    }
    long seconds = local.toEpochSecond(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    return Math.multiplyExact(seconds, 1_000_000L);
  }

  /** Epoch microseconds of a whole-text CLF time (see {@link #matches}). */
  public static long micros(String text) {
    return micros(unbracket(text.strip()), 0);
  }

  private static String unbracket(String text) {
    return text.length() > 1 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']'
        ? text.substring(1, text.length() - 1)
        : text;
  }

  /** 1..12 for the month abbreviation at {@code from}, or 0. */
  private static int month(String text, int from) {
    for (int i = 0; i < 12; i++) {
      if (text.regionMatches(true, from, MONTHS, i * 3, 3)) {
        return i + 1;
      }
    }
    return 0;
  }

  private static int number(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  private static boolean digits(String text, int from, int count) {
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
