package io.opslake.jobs.anomaly;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import io.opslake.errors.OpslakeException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Scores one series CSV ({@code timestamp,value} with a header; other columns are ignored) with a
 * {@link StreamingDetector} and writes {@code timestamp,value,anomaly_score,is_anomaly}: one row
 * per input row, in input order, timestamp and value copied as they were. No Spark.
 *
 * <p>Input problems and what they give:
 * <ul>
 *   <li>no header, or no {@code timestamp} or {@code value} column: usage error (exit 2) naming line 1;
 *   <li>a row with an empty or unreadable timestamp: usage error naming the line, before anything is written;
 *   <li>an empty or non-numeric value (also NaN, Infinity): the row is written with an empty
 *       {@code anomaly_score} and {@code is_anomaly} false, is not scored, and is warned about;
 *   <li>a timestamp equal to or before the previous scored one: scored in file order and warned about.
 * </ul>
 *
 * <p>Cost: two streaming reads of the input (the first checks every timestamp and counts the rows,
 * which fixes the warm-up at 15 % of them, at most 750); memory is the detector's, bounded.
 */
public final class DetectJob {
  private static final String ACTION = "Cannot detect anomalies: ";

  private final DetectOptions options;
  private final Consumer<String> warnings;

  public DetectJob(DetectOptions options, Consumer<String> warnings) {
    this.options = options;
    this.warnings = warnings;
  }

  public DetectResult run() throws IOException {
    long rows = checkTimestamps();
    int warmup = StreamingDetector.warmupFor(rows);
    StreamingDetector detector = new StreamingDetector(options.parameters(), warmup);
    long anomalies = 0;
    long warned = 0;
    CsvParser parser = new CsvParser(parserSettings());
    CsvWriterSettings writerSettings = new CsvWriterSettings();
    writerSettings.getFormat().setLineSeparator("\n");
    try (Reader reader = Files.newBufferedReader(options.input(), StandardCharsets.UTF_8);
        Writer out = Files.newBufferedWriter(options.output(), StandardCharsets.UTF_8)) {
      CsvWriter writer = new CsvWriter(out, writerSettings);
      writer.writeRow("timestamp", "value", "anomaly_score", "is_anomaly");
      parser.beginParsing(reader);
      Header header = Header.of(parser.parseNext(), options.input());
      long previous = Long.MIN_VALUE;
      long previousLine = 0;
      for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
        long line = parser.getContext().currentLine();
        String timestamp = header.timestamp(row);
        String text = header.value(row);
        Long parsed = SeriesTimestamps.parse(timestamp);
        if (parsed == null) {
          throw OpslakeException.usage(String.format(Locale.ROOT, "%sline %d of %s: timestamp '%s' changed while"
              + " reading", ACTION, line, options.input(), timestamp));
        }
        long epochMillis = parsed;
        Double value = parseValue(text);
        if (value == null) {
          warned++;
          warnings.accept(String.format(Locale.ROOT, "line %d of %s: value '%s' is not a number; row written"
              + " without a score", line, options.input(), text == null ? "" : text));
          writer.writeRow(timestamp, text == null ? "" : text, "", "false");
          continue;
        }
        if (epochMillis <= previous) {
          warned++;
          warnings.accept(String.format(Locale.ROOT, "line %d of %s: timestamp %s %s line %d's; scored in file"
              + " order", line, options.input(), timestamp, epochMillis == previous ? "repeats" : "is before",
              previousLine));
        }
        if (epochMillis > previous) {
          previous = epochMillis;
          previousLine = line;
        }
        AnomalyScore score = detector.score(epochMillis, value);
        if (score.anomaly()) {
          anomalies++;
        }
        writer.writeRow(timestamp, text, String.format(Locale.ROOT, "%.6f", score.score()),
            Boolean.toString(score.anomaly()));
      }
      writer.flush();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      parser.stopParsing();
    }
    return new DetectResult(rows, rows, anomalies, warned, warmup, detector.periodMillis() / 1000);
  }

  /** First read: every data row must have a readable timestamp; returns the number of data rows. */
  private long checkTimestamps() throws IOException {
    CsvParser parser = new CsvParser(parserSettings());
    long rows = 0;
    try (Reader reader = Files.newBufferedReader(options.input(), StandardCharsets.UTF_8)) {
      parser.beginParsing(reader);
      Header header = Header.of(parser.parseNext(), options.input());
      for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
        rows++;
        String timestamp = header.timestamp(row);
        if (SeriesTimestamps.parse(timestamp) == null) {
          throw OpslakeException.usage(String.format(Locale.ROOT, "%sline %d of %s: %s", ACTION,
              parser.getContext().currentLine(), options.input(), timestamp == null || timestamp.isEmpty()
                  ? "no timestamp"
                  : "timestamp '" + timestamp + "' is not a date and time (want 2014-04-01 00:00:00 or ISO 8601)"));
        }
      }
    } finally {
      parser.stopParsing();
    }
    return rows;
  }

  private static Double parseValue(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static CsvParserSettings parserSettings() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setSkipEmptyLines(true);
    settings.trimValues(true);
    settings.setMaxCharsPerColumn(1 << 16);
    return settings;
  }

  /** Where the timestamp and value columns are. */
  private record Header(int timestampColumn, int valueColumn) {
    static Header of(String[] names, java.nio.file.Path input) {
      if (names == null) {
        throw OpslakeException.usage(ACTION + input + " is empty (want a header: timestamp,value)");
      }
      int timestamp = -1;
      int value = -1;
      for (int i = 0; i < names.length; i++) {
        String name = names[i] == null ? "" : names[i].replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
        if (name.equals("timestamp") && timestamp < 0) {
          timestamp = i;
        } else if (name.equals("value") && value < 0) {
          value = i;
        }
      }
      if (timestamp < 0 || value < 0) {
        throw OpslakeException.usage(String.format(Locale.ROOT, "%sline 1 of %s: no %s column (header: %s)",
            ACTION, input, timestamp < 0 ? "timestamp" : "value", String.join(",",
                java.util.Arrays.stream(names).map(n -> n == null ? "" : n).toList())));
      }
      return new Header(timestamp, value);
    }

    String timestamp(String[] row) {
      return timestampColumn < row.length ? row[timestampColumn] : null;
    }

    String value(String[] row) {
      return valueColumn < row.length ? row[valueColumn] : null;
    }
  }
}
