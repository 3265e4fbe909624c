package io.opslake.jobs.alerts;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.opslake.errors.OpslakeException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A known incident the alerts should have caught: {@code [start, end]} (epoch ms, UTC) and what it was.
 *
 * @param line the incident's line in its CSV file
 */
public record Incident(long start, long end, String description, int line) implements java.io.Serializable {

  /**
   * Reads an incidents CSV: a header {@code start,end,description}, then one incident a line; times
   * are ISO-8601 instants ({@code 2026-10-01T10:05:00Z}) or UTC date-times ({@code 2026-10-01 10:05:00}).
   * A bad line is a usage error naming {@code file:line}.
   */
  public static List<Incident> read(Path file, String display) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(false);
    settings.setLineSeparatorDetectionEnabled(true);
    CsvParser parser = new CsvParser(settings);
    List<Incident> incidents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      parser.beginParsing(reader);
      String[] header = parser.parseNext();
      if (header == null || header.length < 2 || !"start".equals(header[0]) || !"end".equals(header[1])) {
        throw bad(display, 1, "expected the header start,end,description");
      }
      String[] row;
      while ((row = parser.parseNext()) != null) {
        int line = (int) parser.getContext().currentLine();
        if (row.length < 2 || row[0] == null || row[1] == null) {
          throw bad(display, line, "expected start,end,description");
        }
        long start = time(row[0], display, line);
        long end = time(row[1], display, line);
        if (end < start) {
          throw bad(display, line, "end " + row[1] + " is before start " + row[0]);
        }
        incidents.add(new Incident(start, end, row.length > 2 && row[2] != null ? row[2] : "", line));
      }
    } catch (IOException e) {
      throw OpslakeException.usage("Cannot read incidents: " + display + " cannot be read (" + e + ")");
    } finally {
      parser.stopParsing();
    }
    return List.copyOf(incidents);
  }

  private static long time(String text, String display, int line) {
    String trimmed = text.trim();
    try {
      return Instant.parse(trimmed).toEpochMilli();
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDateTime.parse(trimmed.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw bad(display, line, "'" + text + "' is not a time (expected 2026-10-01T10:05:00Z)");
      }
    }
  }

  private static OpslakeException bad(String display, int line, String message) {
    return OpslakeException.usage("Cannot read incidents: " + display + ":" + line + ": " + message);
  }
}
