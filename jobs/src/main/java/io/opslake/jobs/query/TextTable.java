package io.opslake.jobs.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a small result as a text grid, the way {@code psql} and Spark's {@code show()} do:
 *
 * <pre>
 * +-----------+-----+
 * | type      |   n |
 * +-----------+-----+
 * | exception | 412 |
 * | NULL      |   3 |
 * +-----------+-----+
 * </pre>
 *
 * Numeric columns are right-aligned, others left-aligned; a null is {@code NULL}; a cell longer
 * than {@code maxCellWidth} characters is cut with {@code …}; line breaks and tabs inside a value
 * are shown as {@code \n} and {@code \t} so one row stays one line. Pure Java: the shell collects
 * the rows (at most its row limit) and renders them here.
 */
public final class TextTable {
  private TextTable() {}

  /**
   * @param headers column names
   * @param rightAligned per column, whether it is numeric
   * @param rows the cells, {@code null} for SQL NULL
   * @param maxCellWidth the widest a cell may be shown (at least 4)
   */
  public static String render(
      List<String> headers, List<Boolean> rightAligned, List<List<String>> rows, int maxCellWidth) {
    if (headers.size() != rightAligned.size()) {
      throw new IllegalArgumentException("one alignment per column is needed");
    }
    int width = Math.max(4, maxCellWidth);
    List<List<String>> cells = new ArrayList<>();
    cells.add(headers.stream().map(header -> display(header, width)).toList());
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException("row has " + row.size() + " cells for " + headers.size() + " columns");
      }
      cells.add(row.stream().map(cell -> cell == null ? "NULL" : display(cell, width)).toList());
    }
    int[] widths = new int[headers.size()];
    for (List<String> row : cells) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], length(row.get(c)));
      }
    }
    StringBuilder border = new StringBuilder("+");
    for (int w : widths) {
      border.append("-".repeat(w + 2)).append('+');
    }
    StringBuilder text = new StringBuilder();
    text.append(border).append('\n');
    for (int r = 0; r < cells.size(); r++) {
      List<String> row = cells.get(r);
      text.append('|');
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        String pad = " ".repeat(widths[c] - length(cell));
        boolean right = r > 0 && rightAligned.get(c);
        text.append(' ').append(right ? pad + cell : cell + pad).append(" |");
      }
      text.append('\n');
      if (r == 0) {
        text.append(border).append('\n');
      }
    }
    text.append(border).append('\n');
    return text.toString();
  }

  private static String display(String value, int width) {
    String oneLine = value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    if (length(oneLine) <= width) {
      return oneLine;
    }
    int end = oneLine.offsetByCodePoints(0, width - 1);
    return oneLine.substring(0, end) + "…";
  }

  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
