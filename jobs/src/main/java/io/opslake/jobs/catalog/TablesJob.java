package io.opslake.jobs.catalog;

import io.opslake.storage.Warehouse;
import io.opslake.schemas.Column;
import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Describes every warehouse table: its documented columns, its partitions and its row count. Cost:
 * one directory listing per table and one Spark count per table (Parquet footers only).
 */
public final class TablesJob {
  private final SparkSession spark;
  private final String warehouseUri;

  public TablesJob(SparkSession spark, String warehouseUri) {
    this.spark = spark;
    this.warehouseUri = warehouseUri;
  }

  /** One table as it stands in the warehouse. */
  public record TableInfo(
      String name, String description, String location, List<ColumnInfo> columns,
      List<String> partitions, long rows) {}

  /** One column with its meaning. */
  public record ColumnInfo(String name, String type, boolean nullable, String doc) {}

  public List<TableInfo> run() throws IOException {
    Warehouse warehouse = Warehouse.open(warehouseUri, spark.sparkContext().hadoopConfiguration());
    List<TableInfo> tables = new ArrayList<>();
    for (TableDefinition table : Tables.ALL) {
      spark.sparkContext().setJobDescription("TABLES count " + table.name());
      List<ColumnInfo> columns = table.allColumns().stream()
          .map(TablesJob::columnInfo)
          .toList();
      List<String> partitions = warehouse.partitionDates(table).stream().map(java.time.LocalDate::toString).toList();
      long rows = partitions.isEmpty() ? 0 : warehouse.read(spark, table).count();
      tables.add(new TableInfo(table.name(), table.description(), warehouse.tablePath(table).toString(),
          columns, partitions, rows));
    }
    return List.copyOf(tables);
  }

  private static ColumnInfo columnInfo(Column column) {
    return new ColumnInfo(column.name(), column.type().sparkType().simpleString(), column.nullable(), column.doc());
  }
}
