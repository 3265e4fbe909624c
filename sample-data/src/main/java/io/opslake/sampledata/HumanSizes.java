package io.opslake.sampledata;

import java.util.Locale;

/** Sizes as {@code df -h} and {@code free -h} print them, for the host statistics captures. */
final class HumanSizes {
  private static final String UNITS = "KMGTPE";

  private HumanSizes() {}

  /** {@code df -h}: powers of 1024, rounded up, one decimal below 10 ({@code 3.8G}, {@code 20G}, {@code 0}). */
  static String df(long bytes) {
    if (bytes < 1024) {
      return Long.toString(bytes);
    }
    int power = 0;
    double value = bytes / 1024.0;
    while (value >= 1024 && power < UNITS.length() - 1) {
      value /= 1024;
      power++;
    }
    if (value < 10) {
      double tenths = Math.ceil(value * 10 - 1e-9) / 10;
      if (tenths < 10) {
        return String.format(Locale.ROOT, "%.1f%c", tenths, UNITS.charAt(power));
      }
    }
    return String.format(Locale.ROOT, "%d%c", (long) Math.ceil(value - 1e-9), UNITS.charAt(power));
  }

  /** {@code free -h} of procps-ng: powers of 1024 with {@code i}, rounded, one decimal below 10 ({@code 3.2Gi}, {@code 0B}). */
  static String free(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    int power = 0;
    double value = bytes / 1024.0;
    while (value >= 1024 && power < UNITS.length() - 1) {
      value /= 1024;
      power++;
    }
    String number = value < 9.95 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%d", Math.round(value));
    return number + UNITS.charAt(power) + "i";
  }
}
