package io.opslake.jobs.query;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How {@code query} and the {@code sql} shell show a result: every value rendered as text by Spark
 * itself (casts in the session time zone; arrays, maps and structs as JSON), so a CSV file and a
 * shell grid show what SQL shows.
 */
final class ResultText {
  private ResultText() {}

  /**
   * The result with one string column per column, named {@code c0, c1, …} by position, so a result
   * with two columns of one name (a join's two {@code id}s) still renders.
   */
  static Dataset<Row> of(Dataset<Row> result) {
    StructField[] fields = result.schema().fields();
    String[] positional = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      positional[i] = "c" + i;
    }
    Dataset<Row> renamed = result.toDF(positional);
    Column[] asText = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Column column = renamed.col(positional[i]);
      boolean nested = fields[i].dataType() instanceof ArrayType
          || fields[i].dataType() instanceof MapType
          || fields[i].dataType() instanceof StructType;
      asText[i] = (nested ? functions.to_json(column) : column.cast("string")).as(positional[i]);
    }
    return renamed.select(asText);
  }

  /** The statement on one line, cut at 80 characters: the Spark job description. */
  static String abbreviate(String sql) {
    String oneLine = sql.replaceAll("\\s+", " ");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…";
  }
}
