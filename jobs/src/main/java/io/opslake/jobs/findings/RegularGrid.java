package io.opslake.jobs.findings;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * One series' values on a regular grid of whole days, from its points sorted by time (the rows a
 * {@code flatMapSortedGroups} group yields). A bucket without a point is 0 for event counts on a day
 * with input ({@code series_days}) and NaN otherwise (no input that day, or a metric without a
 * measure), the rule of docs/findings.md.
 */
final class RegularGrid {
  private RegularGrid() {}

  /**
   * @param first the group's first point, already taken from {@code rest}
   * @param secondColumn the column of the bucket start in epoch seconds (long)
   * @param valueColumn the column of the value (double)
   */
  static double[] of(long fromDay, long toDay, int stepSeconds, boolean counts, Set<Long> daysWithInput, Row first,
      Iterator<Row> rest, int secondColumn, int valueColumn) {
    return of(fromDay, toDay, stepSeconds, counts, daysWithInput, first, rest, secondColumn, valueColumn, -1).values();
  }

  /** The values and the sum of a weight column over the window's points (NaN without one). */
  record Weighted(double[] values, double weight) {}

  static Weighted of(long fromDay, long toDay, int stepSeconds, boolean counts, Set<Long> daysWithInput, Row first,
      Iterator<Row> rest, int secondColumn, int valueColumn, int weightColumn) {
    int perDay = 86_400 / stepSeconds;
    double[] values = new double[(int) (toDay - fromDay + 1) * perDay];
    for (long day = fromDay; day <= toDay; day++) {
      Arrays.fill(values, (int) (day - fromDay) * perDay, (int) (day - fromDay + 1) * perDay,
          counts && daysWithInput.contains(day) ? 0 : Double.NaN);
    }
    double weight = weightColumn < 0 ? Double.NaN : 0;
    for (Row point = first; point != null; point = rest.hasNext() ? rest.next() : null) {
      long index = (point.getLong(secondColumn) - fromDay * 86_400) / stepSeconds;
      if (index >= 0 && index < values.length) {
        values[(int) index] = point.getDouble(valueColumn);
        weight += weightColumn < 0 ? 0 : point.getDouble(weightColumn);
      }
    }
    return new Weighted(values, weight);
  }
}
