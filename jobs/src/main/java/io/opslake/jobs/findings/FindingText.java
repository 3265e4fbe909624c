package io.opslake.jobs.findings;

import java.util.Locale;

/** Number formatting shared by the findings' sentences. */
final class FindingText {
  private FindingText() {}

  /** "p < 0.001", "p = 0.012", "p = 0.34". */
  static String pValue(double p) {
    if (p < 0.001) {
      return "p < 0.001";
    }
    return "p = " + (p < 0.01 ? format("%.4f", p) : p < 0.1 ? format("%.3f", p) : format("%.2f", p));
  }

  /** A value with three significant digits, without exponent for everyday magnitudes. */
  static String number(double value) {
    if (value == 0 || Double.isNaN(value)) {
      return value == 0 ? "0" : "n/a";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 100 || magnitude < 1e-3) {
      return magnitude >= 1e6 || magnitude < 1e-3 ? format("%.3g", value) : format("%.0f", value);
    }
    return format(magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f", value);
  }

  static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
