package io.opslake.ingest.format.snapshot;

import io.opslake.ingest.format.RecordRejectedException;
import java.util.Locale;

/**
 * Reads the humanised numbers that snapshot tools print: byte sizes ({@code 512b}, {@code 12.3mb},
 * {@code 1.2gb}, {@code 20.5KB}, {@code 3.8G}, {@code 4kib}) and Elasticsearch durations ({@code
 * 830ms}, {@code 35.4s}, {@code 3.1m}, {@code 1.2h}, {@code 2d}, {@code 10micros}, {@code
 * 150nanos}).
 *
 * <p>Byte suffixes are case-insensitive and binary (k = 1024), which is what Elasticsearch's
 * {@code ByteSizeValue} and the usual terminal monitors mean by {@code kb}/{@code KB}; a bare
 * number is bytes. A bare duration number is milliseconds (Elasticsearch's {@code &time=ms}).
 * Failures throw {@link RecordRejectedException} with a reason naming the column.
 */
public final class Units {
  private static final String[] BYTE_PREFIXES = {"", "k", "m", "g", "t", "p"};

  private Units() {}

  /** Bytes for a size such as {@code 12.3mb}; {@code what} names the value in the reason. */
  public static double bytes(String text, String what) {
    String lower = text.trim().toLowerCase(Locale.ROOT);
    int end = numberEnd(lower);
    String suffix = lower.substring(end);
    if (suffix.endsWith("ib")) {
      suffix = suffix.substring(0, suffix.length() - 2);
    } else if (suffix.endsWith("b")) {
      suffix = suffix.substring(0, suffix.length() - 1);
    }
    for (int power = 0; power < BYTE_PREFIXES.length; power++) {
      if (BYTE_PREFIXES[power].equals(suffix)) {
        return number(lower.substring(0, end), text, what) * Math.pow(1024, power);
      }
    }
    throw new RecordRejectedException(what + " '" + abbreviate(text) + "' is not a byte size (such as 512b, 12.3mb, 20.5KB, 3.8G)");
  }

  /** Milliseconds for an Elasticsearch duration such as {@code 1.2h}. */
  public static double millis(String text, String what) {
    String lower = text.trim().toLowerCase(Locale.ROOT);
    int end = numberEnd(lower);
    double factor = switch (lower.substring(end)) {
      case "", "ms" -> 1;
      case "nanos" -> 1e-6;
      case "micros" -> 1e-3;
      case "s" -> 1_000;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      case "d" -> 86_400_000;
      default -> throw new RecordRejectedException(
          what + " '" + abbreviate(text) + "' is not a duration (such as 830ms, 35.4s, 1.2h)");
    };
    return number(lower.substring(0, end), text, what) * factor;
  }

  /** A plain finite, non-negative-or-negative decimal number. */
  public static double plain(String text, String what) {
    return number(text.trim(), text, what);
  }

  private static double number(String digits, String original, String what) {
    if (digits.isEmpty()) {
      throw new RecordRejectedException(what + " '" + abbreviate(original) + "' is not a number");
    }
    try {
      double value = Double.parseDouble(digits);
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new RecordRejectedException(what + " '" + abbreviate(original) + "' is not a number");
    }
  }

  /** The end of the leading sign, digits, decimal point and exponent. */
  private static int numberEnd(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      boolean exponent = c == 'e' && i > 0 && i + 1 < text.length() && (Character.isDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '-');
      if (!(Character.isDigit(c) || c == '.' || c == '-' || c == '+' || exponent)) {
        break;
      }
      i++;
    }
    return i;
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
