package io.opslake.schemas;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The column types opslake tables use. Deliberately few: each maps to one Spark type and one
 * Parquet physical layout (see the ingest module's Parquet writer), so every table is readable by
 * Spark, DuckDB, Trino and pandas without per-reader settings.
 */
public enum ColumnType {
  STRING(DataTypes.StringType),
  INT(DataTypes.IntegerType),
  LONG(DataTypes.LongType),
  DOUBLE(DataTypes.DoubleType),
  BOOLEAN(DataTypes.BooleanType),
  /** Microseconds since the epoch, UTC; Parquet INT64 TIMESTAMP(MICROS, adjusted to UTC). */
  TIMESTAMP(DataTypes.TimestampType),
  /** Days since the epoch; only used for the Hive partition column {@code dt}. */
  DATE(DataTypes.DateType),
  STRING_ARRAY(DataTypes.createArrayType(DataTypes.StringType, false)),
  STRING_MAP(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false));

  private final DataType sparkType;

  ColumnType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
  }
}
