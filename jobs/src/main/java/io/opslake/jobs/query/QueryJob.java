package io.opslake.jobs.query;

import com.univocity.parsers.csv.CsvWriter;
import io.opslake.jobs.csv.CsvFormat;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Runs one analyst SQL statement with every warehouse table registered as a view under its own
 * name. Table output collects at most {@code maxRows} rows to the driver; CSV and JSON stream all
 * rows through the driver one partition at a time ({@code toLocalIterator}); Parquet is written by
 * the executors.
 */
public final class QueryJob {
  private final SparkSession spark;
  private final QueryOptions options;

  public QueryJob(SparkSession spark, QueryOptions options) {
    this.spark = spark;
    this.options = options;
  }

  /**
   * The statement's plan. Spark analyses it here, so a statement that does not parse or names a
   * table or column that does not exist is the analyst's error (exit 2), reported with Spark's own
   * message without the plan dump that follows it.
   */
  private Dataset<Row> plan(String sql) {
    try {
      return spark.sql(sql);
    } catch (Exception e) {
      if (e instanceof org.apache.spark.sql.AnalysisException analysis) {
        throw new io.opslake.errors.OpslakeException(io.opslake.errors.ErrorCategory.USAGE,
            analysis.getSimpleMessage(), analysis);
      }
      throw e;
    }
  }

  /** Rows written (for table format: rows shown). */
  public record QueryResult(long rows, List<String> columns) {}

  public QueryResult run(PrintWriter stdout) throws IOException {
    Warehouse.open(options.warehouse(), spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    spark.sparkContext().setJobDescription("QUERY " + ResultText.abbreviate(options.sql()));
    Dataset<Row> result = plan(options.sql());
    List<String> columns = List.of(result.columns());
    long rows;
    switch (options.format()) {
      case TABLE -> {
        List<Row> shown = result.limit(options.maxRows() + 1).collectAsList();
        String text = result.showString(options.maxRows(), 60, false);
        rows = Math.min(shown.size(), options.maxRows());
        write(stdout, text);
      }
      case CSV -> rows = csv(stdout, result);
      case JSON -> rows = stream(stdout, null, result.toJSON());
      case PARQUET -> {
        String out = options.out().orElseThrow();
        if (new Path(Warehouse.qualify(out)).getFileSystem(spark.sparkContext().hadoopConfiguration())
            .exists(new Path(Warehouse.qualify(out)))) {
          throw io.opslake.errors.OpslakeException.usage("Cannot run query: --out " + out + " already exists");
        }
        result.write().mode(SaveMode.ErrorIfExists).parquet(out);
        rows = spark.read().parquet(options.out().orElseThrow()).count();
      }
      default -> throw new IllegalStateException("unknown format " + options.format());
    }
    return new QueryResult(rows, columns);
  }

  /**
   * Streams text lines through the driver one partition at a time, so a large result never sits
   * in driver memory whole.
   */
  private long stream(PrintWriter stdout, String header, Dataset<String> lines) throws IOException {
    OutputStream target = options.out().isPresent() ? open(options.out().get()) : null;
    PrintWriter out = target == null ? stdout : new PrintWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
    long rows = 0;
    try {
      if (header != null) {
        out.println(header);
      }
      Iterator<String> iterator = lines.toLocalIterator();
      while (iterator.hasNext()) {
        out.println(iterator.next());
        rows++;
      }
      out.flush();
    } finally {
      if (target != null) {
        out.close();
      }
    }
    return rows;
  }

  /**
   * RFC 4180 CSV with a header ({@link CsvFormat}). Values are rendered by Spark (casts to string in the session time
   * zone; arrays, maps and structs as JSON), so the CSV shows what SQL shows.
   */
  private long csv(PrintWriter stdout, Dataset<Row> result) throws IOException {
    StructField[] fields = result.schema().fields();
    // One CSV renderer per partition, on the executors; rows still reach the driver one partition
    // at a time.
    Dataset<String> lines = ResultText.of(result).mapPartitions(
        (MapPartitionsFunction<Row, String>) QueryJob::csvLines, Encoders.STRING());
    String header = CsvFormat.rowRenderer().writeRowToString(
        java.util.Arrays.stream(fields).map(StructField::name).toArray());
    return stream(stdout, header, lines);
  }

  private static Iterator<String> csvLines(Iterator<Row> rows) {
    CsvWriter renderer = CsvFormat.rowRenderer();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public String next() {
        Row row = rows.next();
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
          values[i] = row.isNullAt(i) ? null : row.getString(i);
        }
        return renderer.writeRowToString(values);
      }
    };
  }

  private OutputStream open(String uri) throws IOException {
    Path path = new Path(Warehouse.qualify(uri));
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return fs.create(path, false);
  }

  private static void write(PrintWriter stdout, String text) {
    stdout.print(text);
    stdout.flush();
  }


}
