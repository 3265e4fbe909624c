package io.opslake.jobs.findings;

import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import io.opslake.storage.PartitionRebuild;
import io.opslake.storage.RebuildScope;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Hand-made rows of the series tables for the findings tests, written as the series job would. */
final class SeriesTableRows {
  private SeriesTableRows() {}

  /** A {@code series_days} row: the day had input for {@code event_series} kind {@code kind}. */
  static Row dayRow(LocalDate day, String kind) {
    Map<String, Object> values = new HashMap<>();
    values.put("series_table", "event_series");
    values.put("series_kind", kind);
    values.put("input_table", "events");
    values.put("input_rows", 100L);
    values.put("has_input", true);
    values.put("points", 100L);
    values.put("series", 2L);
    values.put("minute_grid_series", 0L);
    values.put("minute_floor", 100L);
    values.put("run_id", "test");
    values.put("dt", Date.valueOf(day));
    return row(Tables.SERIES_DAYS, values);
  }

  /** A row of {@code table} from column values by name (absent columns are null). */
  static Row row(TableDefinition table, Map<String, Object> values) {
    return RowFactory.create(table.allColumns().stream().map(column -> values.get(column.name())).toArray());
  }

  /** Replaces the whole of {@code table} in the warehouse at {@code warehouseUri} by {@code rows}. */
  static void write(SparkSession spark, String warehouseUri, TableDefinition table, List<Row> rows)
      throws IOException {
    Warehouse warehouse = Warehouse.open(warehouseUri, spark.sparkContext().hadoopConfiguration());
    try (PartitionRebuild rebuild = warehouse.rebuild(spark, table, "test")) {
      rebuild.stage(spark.createDataFrame(rows, table.tableSchema()));
      rebuild.commit(RebuildScope.wholeTable());
    }
  }
}
