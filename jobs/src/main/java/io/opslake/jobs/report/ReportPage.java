package io.opslake.jobs.report;

import java.util.Locale;
import java.util.Map;

/**
 * What the page template ({@code src/main/jte/report.jte}) renders: the figures, the charts drawn
 * from them (SVG text, escaped when drawn), and when the page was made.
 */
public record ReportPage(ReportFigures figures, Map<String, String> charts, String generatedAt) {
  public ReportPage {
    charts = Map.copyOf(charts);
  }

  /** The chart drawn under {@code key}, or an empty string. */
  public String chart(String key) {
    return charts.getOrDefault(key, "");
  }

  public static String percent(double value) {
    return String.format(Locale.ROOT, "%.2f %%", value);
  }

  /** A count with thousands separators, e.g. 1,234,567. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A count, or "–" when the day had none. */
  public static String count(Long value) {
    return value == null ? "\u2013" : count(value.longValue());
  }
}
