package io.opslake.jobs.csv;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.Writer;

/**
 * The one CSV dialect opslake writes (transition reports, {@code patterns}, {@code query --format
 * csv}), through univocity-parsers, the CSV library Spark itself uses: RFC 4180 with {@code \n}
 * line ends; a value is quoted only when it holds a comma, a quote or a line break, and quotes
 * inside are doubled; everything else, spaces included, is written as it is. Null and empty
 * values are both an empty field.
 *
 * <p>univocity's defaults trim values, normalize line breaks inside quoted values, skip rows of
 * empty values and leave quotes unquoted; each is switched off here so the bytes are those of RFC
 * 4180 (and those opslake's hand-written writers produced before).
 */
public final class CsvFormat {
  private CsvFormat() {}

  /** Writer settings of the dialect; a fresh object, as univocity's settings are mutable. */
  public static CsvWriterSettings writerSettings() {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setNormalizeLineEndingsWithinQuotes(false);
    // A row of empty values is still a row (a one-column query result may be null).
    settings.setSkipEmptyLines(false);
    // Quote a value that holds a quote (and double the quote), as RFC 4180 requires.
    settings.setQuoteEscapingEnabled(true);
    return settings;
  }

  /**
   * A writer onto {@code out}. univocity's writer is not {@code AutoCloseable}: call its {@code
   * close()} (which closes {@code out}), or {@code flush()} when {@code out} is closed elsewhere.
   */
  public static CsvWriter writer(Writer out) {
    return new CsvWriter(out, writerSettings());
  }

  /** A writer that renders single rows with {@link CsvWriter#writeRowToString(Object...)}. */
  public static CsvWriter rowRenderer() {
    return new CsvWriter(writerSettings());
  }

  /** A parser for what {@link #writer} wrote (tests and readers of opslake's CSV). */
  public static CsvParser parser() {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setNormalizeLineEndingsWithinQuotes(false);
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setMaxCharsPerColumn(-1);
    return new CsvParser(settings);
  }
}
