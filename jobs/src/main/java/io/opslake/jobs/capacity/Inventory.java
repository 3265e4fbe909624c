package io.opslake.jobs.capacity;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.opslake.errors.OpslakeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fleet as an operator's inventory states it: a CSV with the header {@code
 * hostname,role,from,to} and one row per host and service period. {@code from} and {@code to} are
 * UTC dates ({@code 2026-10-01}, meaning its midnight) or ISO instants ({@code
 * 2026-10-01T06:00:00Z}); {@code to} may be empty (still in service); the host is in service on
 * [from, to). An empty role is derived from the host name ({@link Roles}). Blank lines and lines
 * starting with {@code #} are skipped. Anything else is a usage error naming the line:
 * {@code Cannot plan capacity: line 3 of inventory.csv: 'soon' in column to is not a date}.
 */
public record Inventory(String source, List<Entry> entries) {
  public Inventory {
    entries = List.copyOf(entries);
  }

  /**
   * One service period of a host.
   *
   * @param hostname the host
   * @param role its service
   * @param from first instant in service
   * @param to first instant out of service; null when still in service
   */
  public record Entry(String hostname, String role, Instant from, Instant to) {
    /** Whether the host is in service during the whole hour starting at {@code hour}. */
    public boolean covers(Instant hour) {
      return !from.isAfter(hour) && (to == null || to.isAfter(hour));
    }
  }

  /** Reads the inventory from {@code in}; {@code source} names it in messages. */
  public static Inventory read(String source, InputStream in) throws IOException {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setCommentCollectionEnabled(false);
    CsvParser parser = new CsvParser(settings);
    List<Entry> entries = new ArrayList<>();
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      parser.beginParsing(reader);
      String[] header = parser.parseNext();
      if (header == null) {
        throw OpslakeException.usage("Cannot plan capacity: inventory " + source
            + " is empty; expected the header hostname,role,from,to");
      }
      List<String> names = new ArrayList<>();
      for (String name : header) {
        names.add(name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
      }
      if (!names.equals(List.of("hostname", "role", "from", "to"))) {
        throw lineError(source, parser.getContext().currentLine(),
            "expected the header hostname,role,from,to, found " + String.join(",", names));
      }
      for (String[] row = parser.parseNext(); row != null; row = parser.parseNext()) {
        long line = parser.getContext().currentLine();
        String hostname = field(row, 0);
        if (hostname == null) {
          throw lineError(source, line, "no hostname");
        }
        String role = field(row, 1);
        Instant from = instant(source, line, field(row, 2), "from");
        if (from == null) {
          throw lineError(source, line, "no date in column from");
        }
        Instant to = instant(source, line, field(row, 3), "to");
        if (to != null && !to.isAfter(from)) {
          throw lineError(source, line, "to " + to + " is not after from " + from);
        }
        entries.add(new Entry(hostname, role == null ? Roles.of(hostname) : role, from, to));
      }
    } catch (TextParsingException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
      throw lineError(source, e.getLineIndex() + 1, "not readable as CSV: " + message);
    } finally {
      parser.stopParsing();
    }
    return new Inventory(source, entries);
  }

  private static String field(String[] row, int column) {
    if (column >= row.length || row[column] == null || row[column].isBlank()) {
      return null;
    }
    return row[column].strip();
  }

  private static Instant instant(String source, long line, String text, String column) {
    if (text == null) {
      return null;
    }
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw lineError(source, line, "'" + text + "' in column " + column
          + " is not a date (YYYY-MM-DD) or an ISO instant");
    }
  }

  private static OpslakeException lineError(String source, long line, String message) {
    return OpslakeException.usage("Cannot plan capacity: line " + line + " of " + source + ": " + message);
  }
}
