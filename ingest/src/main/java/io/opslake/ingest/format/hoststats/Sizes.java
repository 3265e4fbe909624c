package io.opslake.ingest.format.hoststats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Reads the sizes {@code df}, {@code free} and {@code top} print into bytes, exactly: {@code 0B},
 * {@code 980K}, {@code 512M}, {@code 3.8G}, {@code 1.5T} ({@code df -h}, older {@code free -h}),
 * {@code 1.2Gi}, {@code 15Gi} ({@code free -h} of procps 3.3.10+), with an optional trailing
 * {@code B} ({@code 1.2GiB}). Every suffix is a power of 1024, as these tools compute them ({@code
 * df -H}, powers of 1000, prints the same letters and cannot be told apart; capture with {@code
 * -h}). A number without a suffix is multiplied by the caller's plain unit (1 for {@code df -h},
 * 1024 for {@code free}'s and {@code vmstat}'s KiB columns and {@code df}'s {@code 1K-blocks}).
 * The product is computed in decimal and rounded half up to whole bytes, so {@code 3.8G} is
 * 4080218931 bytes, not a binary-floating-point neighbour.
 */
final class Sizes {
  private static final String SUFFIXES = "KMGTPE";

  private Sizes() {}

  /**
   * @param text the size as printed
   * @param plainUnit bytes per unit of a number without a suffix
   * @throws HostStatsRejection when the text is not a size
   */
  static double bytes(String text, long plainUnit) {
    String number = text;
    long multiplier = plainUnit;
    int end = text.length();
    if (end > 1 && text.charAt(end - 1) == 'B') {
      end--;
      multiplier = 1;
    }
    if (end > 1 && text.charAt(end - 1) == 'i') {
      end--;
    }
    int power = end > 1 ? SUFFIXES.indexOf(Character.toUpperCase(text.charAt(end - 1))) : -1;
    if (power >= 0) {
      end--;
      multiplier = 1L << (10 * (power + 1));
    } else if (end < text.length() && text.charAt(end) == 'i') {
      throw new HostStatsRejection("size '" + HostStatsRejection.abbreviate(text) + "' has 'i' without K, M, G, T, P or E");
    }
    number = text.substring(0, end);
    BigDecimal value = decimal(number, text);
    return value.multiply(BigDecimal.valueOf(multiplier)).setScale(0, RoundingMode.HALF_UP).doubleValue();
  }

  /** A plain decimal number ({@code 12}, {@code 0.52}, {@code 95,6} with a decimal comma). */
  static double number(String text) {
    return decimal(text, text).doubleValue();
  }

  private static BigDecimal decimal(String number, String shown) {
    if (number.isEmpty() || number.length() > 30) {
      throw new HostStatsRejection("'" + HostStatsRejection.abbreviate(shown) + "' is not a number");
    }
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      boolean allowed = c >= '0' && c <= '9' || c == '.' || c == ',' || i == 0 && c == '-';
      if (!allowed) {
        throw new HostStatsRejection("'" + HostStatsRejection.abbreviate(shown) + "' is not a number");
      }
    }
    try {
      // Locales with a decimal comma make top and free -h print 95,6 and 1,2Gi.
      return new BigDecimal(number.replace(',', '.'));
    } catch (NumberFormatException e) {
      throw new HostStatsRejection("'" + HostStatsRejection.abbreviate(shown) + "' is not a number");
    }
  }
}
