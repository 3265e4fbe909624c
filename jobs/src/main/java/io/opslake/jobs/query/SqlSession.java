package io.opslake.jobs.query;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import io.opslake.schemas.Column;
import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * One warm Spark session for a sequence of analyst statements (the {@code opslake sql} shell).
 * Every warehouse table is registered once as a view under its own name; each view keeps its file
 * listing, so a statement pays for planning and reading, not for Spark's start-up or a fresh
 * listing. A nightly run that adds partitions while the shell is open is seen after
 * {@link #refresh()} ({@code \refresh} in the shell).
 *
 * <p>Cost per statement: one Spark job that collects at most {@code maxRows + 1} rows, each value
 * already rendered as text by Spark (casts in the session time zone, UTC; arrays, maps and structs
 * as JSON), so the shell shows what {@code opslake query --format csv} writes.
 */
public final class SqlSession {
  private final SparkSession spark;
  private final Warehouse warehouse;

  private SqlSession(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /** Opens the warehouse and registers every table as a view. */
  public static SqlSession open(SparkSession spark, String warehouseUri) throws IOException {
    SqlSession session = new SqlSession(
        spark, Warehouse.open(warehouseUri, spark.sparkContext().hadoopConfiguration()));
    session.refresh();
    return session;
  }

  /** Registers every table again, so partitions written since the last registration are read. */
  public void refresh() throws IOException {
    warehouse.registerViews(spark);
  }

  public String location() {
    return warehouse.location();
  }

  /**
   * What one statement returned: column names, which columns are numeric, the rows shown (values
   * as text, {@code null} for NULL), whether more rows exist than were shown, and the wall time.
   */
  public record StatementResult(
      List<String> columns, List<Boolean> numeric, List<List<String>> rows, boolean truncated,
      long elapsedMillis) {
    public StatementResult {
      columns = List.copyOf(columns);
      numeric = List.copyOf(numeric);
      rows = List.copyOf(rows);
    }
  }

  /**
   * Runs one statement and collects at most {@code maxRows} rows. A statement that does not parse
   * or names an unknown table or column is the analyst's error ({@link ErrorCategory#USAGE}),
   * reported with Spark's message without the plan dump.
   */
  public StatementResult execute(String statement, int maxRows) {
    if (maxRows < 1) {
      throw OpslakeException.usage("Cannot run statement: the row limit must be at least 1, not " + maxRows);
    }
    long start = System.nanoTime();
    spark.sparkContext().setJobDescription("SQL " + ResultText.abbreviate(statement));
    Dataset<Row> result;
    try {
      result = spark.sql(statement);
    } catch (Exception e) {
      throw asStatementError(e);
    }
    StructField[] fields = result.schema().fields();
    List<String> columns = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    for (StructField field : fields) {
      columns.add(field.name());
      numeric.add(field.dataType() instanceof NumericType);
    }
    List<List<String>> rows = new ArrayList<>();
    boolean truncated = false;
    if (fields.length > 0) {
      List<Row> collected;
      try {
        collected = ResultText.of(result).limit(maxRows + 1).collectAsList();
      } catch (Exception e) {
        throw asStatementError(e);
      }
      truncated = collected.size() > maxRows;
      for (Row row : collected.subList(0, Math.min(maxRows, collected.size()))) {
        List<String> cells = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
          cells.add(row.isNullAt(i) ? null : row.getString(i));
        }
        rows.add(cells);
      }
    }
    return new StatementResult(columns, numeric, rows, truncated, (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * A statement Spark rejects with one of its documented error classes (a parse or analysis
   * error, a division by zero or a bad cast under ANSI mode) is the analyst's error, reported with
   * Spark's message; anything else (an unreadable file, a lost executor) keeps its own category.
   */
  private static RuntimeException asStatementError(Exception e) {
    Object failure = e;
    if (failure instanceof AnalysisException analysis) {
      return new OpslakeException(ErrorCategory.USAGE, analysis.getSimpleMessage(), analysis);
    }
    if (failure instanceof org.apache.spark.SparkThrowable thrown && thrown.getErrorClass() != null
        && !thrown.getErrorClass().startsWith("INTERNAL_ERROR") && !(failure instanceof org.apache.spark.SparkException)) {
      return new OpslakeException(ErrorCategory.USAGE, e.getMessage(), e);
    }
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    return new OpslakeException(OpslakeException.categoryOf(e), String.valueOf(e.getMessage()), e);
  }

  /** One table as {@code \tables} lists it. */
  public record TableListing(String name, String description, int partitions, Optional<LocalDate> first,
      Optional<LocalDate> last) {}

  /** Every table with its partitions, from directory listings only (no Spark job). */
  public List<TableListing> tables() throws IOException {
    List<TableListing> listings = new ArrayList<>();
    for (TableDefinition table : Tables.ALL) {
      SortedSet<LocalDate> dates = warehouse.partitionDates(table);
      listings.add(new TableListing(table.name(), table.description(), dates.size(),
          dates.isEmpty() ? Optional.empty() : Optional.of(dates.first()),
          dates.isEmpty() ? Optional.empty() : Optional.of(dates.last())));
    }
    return List.copyOf(listings);
  }

  /** The documented table of that name, if any. */
  public static Optional<TableDefinition> table(String name) {
    return Tables.byName(name.toLowerCase(java.util.Locale.ROOT)); // SQL names are case-insensitive; ours are lower case
  }

  /** Table and column names, for completion. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (TableDefinition table : Tables.ALL) {
      names.add(table.name());
      for (Column column : table.allColumns()) {
        if (!names.contains(column.name())) {
          names.add(column.name());
        }
      }
    }
    return List.copyOf(names);
  }

}
