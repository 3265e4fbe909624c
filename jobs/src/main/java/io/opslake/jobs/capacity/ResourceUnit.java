package io.opslake.jobs.capacity;

import java.util.Locale;

/** How a resource's amounts print in a planner's sentence. */
public enum ResourceUnit {
  /** Bytes, printed with binary prefixes (KiB, MiB, GiB, TiB). */
  BYTES,
  /** A plain count (descriptors, inodes, connections). */
  COUNT;

  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  /** The amount as a short readable figure: {@code 64 GiB}, {@code 256 MiB}, {@code 1,024}. */
  public String format(double amount) {
    if (this == COUNT) {
      return Math.abs(amount) >= 100 ? String.format(Locale.ROOT, "%,.0f", amount)
          : String.format(Locale.ROOT, "%.3g", amount);
    }
    double value = amount;
    int prefix = 0;
    while (Math.abs(value) >= 1024 && prefix < BINARY.length - 1) {
      value /= 1024;
      prefix++;
    }
    String number = Math.abs(value) >= 100 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    return number + " " + BINARY[prefix];
  }
}
