package io.opslake.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * spark-testing-base's DataFrame comparisons (schema first, then rows; on failure the differing
 * rows are printed) for JUnit 5 tests. Its suite class is built for JUnit 4's lifecycle; the
 * comparison methods only need the two DataFrames, so one instance is used without starting its
 * own SparkContext — the DataFrames carry the shared session.
 */
public final class DataFrameAssertions {
  private static final JavaDataFrameSuiteBase SUITE = new JavaDataFrameSuiteBase();

  private DataFrameAssertions() {}

  /**
   * Same schema and the same multiset of rows, in any order. Map columns (labels, attributes) are
   * compared as their entries sorted by key, since Spark cannot group by a map.
   */
  public static void assertSameRowsAnyOrder(Dataset<Row> expected, Dataset<Row> actual) {
    SUITE.assertDataFrameNoOrderEquals(comparable(expected), comparable(actual));
  }

  private static Dataset<Row> comparable(Dataset<Row> frame) {
    Dataset<Row> result = frame;
    for (StructField field : frame.schema().fields()) {
      if (field.dataType() instanceof MapType) {
        String name = field.name();
        result = result.withColumn(name, functions.array_sort(functions.map_entries(functions.col(name))));
      }
    }
    return result;
  }

  /** Same schema and rows in the same order, doubles within {@code tolerance}. */
  public static void assertApproximatelyEqual(Dataset<Row> expected, Dataset<Row> actual, double tolerance) {
    SUITE.assertDataFrameApproximateEquals(expected, actual, tolerance);
  }
}
