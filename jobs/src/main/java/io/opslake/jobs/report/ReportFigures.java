package io.opslake.jobs.report;

import java.util.List;

/**
 * Every figure of one nightly report, as plain values: what {@code figures.json} holds and what
 * the page shows. Built from the warehouse's tables only, with every list in a fixed order, so the
 * same inputs give the same figures (the page adds only the time it was made).
 *
 * @param date the day described (YYYY-MM-DD)
 * @param provenance which inputs the figures come from
 * @param sources ingest health per input format for the day
 * @param quarantineReasons the most frequent quarantine reasons of the runs that wrote the day
 * @param daysWithoutInput days of the 7 up to {@code date} with no raw events and no raw metrics
 * @param top the busiest types, fingerprints and templates of the day, with their change
 * @param reclassified what the rules changed: original type to type, per rule
 * @param findings one section per findings table written for the day
 * @param capacity the capacity tables' rows for the day
 * @param alerts the alert backtest tables' rows for the day
 */
public record ReportFigures(
    String date,
    Provenance provenance,
    List<SourceHealth> sources,
    List<ReasonCount> quarantineReasons,
    List<String> daysWithoutInput,
    List<TopSeries> top,
    List<Reclassified> reclassified,
    List<FindingsSection> findings,
    List<TablePreview> capacity,
    List<TablePreview> alerts) {

  /** Rules versions of the day's events and the runs whose output was read. */
  public record Provenance(List<String> rulesVersions, List<String> ingestRuns, List<String> findingsRuns) {}

  /** One input format on the day: rows written, and rows its runs quarantined. */
  public record SourceHealth(String source, long events, long metrics, long quarantined) {
    public long read() {
      return events + metrics + quarantined;
    }

    /** Quarantined share of what was read, in percent. */
    public double quarantinedPercent() {
      return read() == 0 ? 0 : 100.0 * quarantined / read();
    }
  }

  public record ReasonCount(String format, String reason, long count) {}

  /**
   * One of the day's busiest series.
   *
   * @param kind {@code type}, {@code fingerprint} or {@code template}
   * @param key the series key
   * @param label what a reader recognises: the type, an example message, the template text
   * @param count events on the day
   * @param previousDay events the day before (0 when that day had input but no such event), or
   *     null when that day had no input or no series were built for it
   * @param previousWeek events 7 days before, likewise
   */
  public record TopSeries(String kind, String key, String label, long count, Long previousDay, Long previousWeek) {
    public String dayChange() {
      return change(previousDay);
    }

    public String weekChange() {
      return change(previousWeek);
    }

    /** "new" when the earlier day had the series at 0, "–" when it had no row (no input, or never built). */
    private String change(Long before) {
      if (before == null) {
        return "\u2013";
      }
      if (before == 0) {
        return "new";
      }
      double percent = 100.0 * (count - before) / before;
      return String.format(java.util.Locale.ROOT, "%+.0f %%", percent);
    }
  }

  public record Reclassified(String originalType, String type, String ruleId, long count) {}

  /**
   * A findings table's rows for the day.
   *
   * @param table the table name
   * @param rows its rows on the day
   * @param shown the sentences of the rows shown (most significant first), at most ten
   * @param charts the keys of the charts drawn for the first rows (see {@link ReportJob})
   */
  public record FindingsSection(String table, long rows, List<String> shown, List<String> charts) {}

  /** Up to ten rows of a table on the day, as text. */
  public record TablePreview(String table, long rows, List<String> columns, List<List<String>> values) {}
}
