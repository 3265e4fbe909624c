package io.opslake.jobs.query;

import io.opslake.errors.OpslakeException;
import java.util.Locale;
import java.util.Optional;

/**
 * Options of an ad-hoc SQL query.
 *
 * @param sql the statement (one; a trailing semicolon is allowed)
 * @param format how to print or write the result
 * @param out where to write it; required for parquet, optional otherwise (default: stdout)
 * @param warehouse the warehouse whose tables become views
 * @param maxRows rows printed by the table format
 */
public record QueryOptions(String sql, OutputFormat format, Optional<String> out, String warehouse, int maxRows) {
  public QueryOptions {
    if (sql == null || sql.isBlank()) {
      throw OpslakeException.usage("Cannot run query: the SQL text is empty");
    }
    sql = sql.strip();
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).strip();
    }
    if (format == OutputFormat.PARQUET && out.isEmpty()) {
      throw OpslakeException.usage("Cannot run query: --format parquet needs --out <path>");
    }
    if (maxRows < 1) {
      throw OpslakeException.usage("Cannot run query: --max-rows " + maxRows + " is not positive");
    }
  }

  /** Result formats. */
  public enum OutputFormat {
    TABLE, CSV, JSON, PARQUET;

    public static OutputFormat parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw OpslakeException.usage(
            "Cannot run query: --format " + name + " is not one of table, csv, json, parquet");
      }
    }
  }
}
