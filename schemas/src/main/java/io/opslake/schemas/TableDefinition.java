package io.opslake.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table stored at {@code <warehouse>/<name>/} as Hive-style partitions {@code
 * <partitionColumn>=YYYY-MM-DD/part-*.parquet}. The partition column is not stored inside the
 * Parquet files (Hive convention); readers derive it from the directory name.
 *
 * @param name table name, also the SQL view name
 * @param description one sentence for {@code opslake tables} and docs/tables.md
 * @param dataColumns columns stored in the Parquet files, in file order
 * @param partitionColumn the {@code DATE} column encoded in the directory names
 */
public record TableDefinition(
    String name, String description, List<Column> dataColumns, Column partitionColumn) {

  public TableDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    dataColumns = List.copyOf(dataColumns);
    Objects.requireNonNull(partitionColumn, "partitionColumn");
    if (partitionColumn.type() != ColumnType.DATE) {
      throw new IllegalArgumentException(
          "Cannot define table " + name + ": partition column must be a DATE");
    }
  }

  /** Data columns followed by the partition column, as Spark shows the table. */
  public List<Column> allColumns() {
    List<Column> all = new ArrayList<>(dataColumns);
    all.add(partitionColumn);
    return List.copyOf(all);
  }

  /** Schema of the Parquet files (no partition column). */
  public StructType dataSchema() {
    return new StructType(dataColumns.stream().map(Column::toSparkField).toArray(StructField[]::new));
  }

  /** Schema of the table as read through Spark: data columns plus the partition column. */
  public StructType tableSchema() {
    return new StructType(allColumns().stream().map(Column::toSparkField).toArray(StructField[]::new));
  }

  public int columnIndex(String columnName) {
    for (int i = 0; i < dataColumns.size(); i++) {
      if (dataColumns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Table " + name + " has no data column " + columnName);
  }
}
