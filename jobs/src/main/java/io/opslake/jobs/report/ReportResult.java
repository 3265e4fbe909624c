package io.opslake.jobs.report;

import java.time.Duration;
import java.util.List;

/**
 * What one report run wrote.
 *
 * @param date the day described
 * @param location the report folder, {@code <warehouse>/reports/dt=<date>}
 * @param files the files written into it, by name
 * @param sources input formats with rows on the day
 * @param findingsRows rows of the findings tables on the day
 * @param elapsed wall time of the run
 */
public record ReportResult(String date, String location, List<String> files, int sources, long findingsRows,
    Duration elapsed) {
  public ReportResult {
    files = List.copyOf(files);
  }
}
