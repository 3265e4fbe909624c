package io.opslake.jobs.capacity;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.opslake.errors.OpslakeException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the measurements of a scalability test from CSV (RFC 4180, through univocity-parsers): a
 * header line, then one row per measurement with the load in the first column and the throughput in
 * the second; further columns are ignored, blank lines and lines starting with {@code #} skipped,
 * fields trimmed. Numbers are decimal (optionally with an exponent); a load must be positive and a
 * throughput not negative. Anything else is a usage error naming the line:
 * {@code Cannot fit USL: line 3 of bad.csv: 'abc' is not a number}.
 */
public final class UslCsv {
  private UslCsv() {}

  /** The points of {@code file}, in file order. */
  public static List<LoadPoint> read(Path file) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setLineSeparatorDetectionEnabled(true);
    CsvParser parser = new CsvParser(settings);
    List<LoadPoint> points = new ArrayList<>();
    // A decoding Reader, not Files.newBufferedReader: bytes that are not UTF-8 become U+FFFD and then
    // fail as "not a number" on their line instead of aborting the read.
    try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
      parser.beginParsing(reader);
      String[] header = parser.parseNext();
      if (header == null) {
        throw OpslakeException.usage("Cannot fit USL: " + file + " is empty; expected a header such as load,throughput");
      }
      requireHeader(file, parser.getContext().currentLine(), header);
      for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
        long line = parser.getContext().currentLine();
        double load = number(file, line, row, 0, "load (first column)");
        double throughput = number(file, line, row, 1, "throughput (second column)");
        if (load <= 0) {
          throw lineError(file, line, "load " + row[0] + " is not positive");
        }
        if (throughput < 0) {
          throw lineError(file, line, "throughput " + row[1] + " is negative");
        }
        points.add(new LoadPoint(load, throughput));
      }
    } catch (TextParsingException e) {
      // univocity's message is its first line; the rest dumps the parser settings.
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
      throw lineError(file, e.getLineIndex() + 1, "not readable as CSV: " + message);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot fit USL: cannot read " + file, e);
    } finally {
      parser.stopParsing();
    }
    if (points.isEmpty()) {
      throw OpslakeException.usage("Cannot fit USL: " + file + " has a header but no measurements");
    }
    return List.copyOf(points);
  }

  private static void requireHeader(Path file, long line, String[] header) {
    if (header.length < 2) {
      throw lineError(file, line, "the header has " + header.length
          + " column; expected two, the load and the throughput (e.g. load,throughput)");
    }
    if (isNumber(header[0]) && isNumber(header[1])) {
      throw lineError(file, line, "expected a header such as load,throughput, found the numbers '" + header[0]
          + "' and '" + header[1] + "'");
    }
  }

  private static double number(Path file, long line, String[] row, int column, String what) {
    String text = column < row.length ? row[column] : null;
    if (text == null) {
      throw lineError(file, line, "no " + what);
    }
    if (!isNumber(text)) {
      throw lineError(file, line, "'" + text + "' is not a number");
    }
    double value = new BigDecimal(text).doubleValue();
    if (!Double.isFinite(value)) {
      throw lineError(file, line, "'" + text + "' is out of range");
    }
    return value;
  }

  /** Plain decimal notation only: no NaN, Infinity, hexadecimal or type suffixes. */
  private static boolean isNumber(String text) {
    if (text == null) {
      return false;
    }
    try {
      new BigDecimal(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static OpslakeException lineError(Path file, long line, String message) {
    return OpslakeException.usage("Cannot fit USL: line " + line + " of " + file + ": " + message);
  }
}
