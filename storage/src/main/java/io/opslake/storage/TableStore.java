package io.opslake.storage;

import io.opslake.schemas.TableDefinition;
import java.io.IOException;
import java.time.LocalDate;
import java.util.SortedSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What analytics jobs see of the warehouse: read a table, list its partitions, rebuild partitions
 * of a derived table. {@link Warehouse} implements it over Hive-partitioned Parquet directories
 * with opslake's own commit log; a table format could implement the same calls (Iceberg: a
 * catalog table read, its {@code partitions} metadata table, {@code overwritePartitions}) without
 * a job changing. Ingest, which publishes new files rather than replacing partitions, uses the
 * commit protocol of {@link Warehouse} directly.
 */
public interface TableStore {
  /** The warehouse root URI, e.g. {@code file:/srv/warehouse} or {@code s3a://bucket/warehouse}. */
  String location();

  /** The table with its documented schema; empty when nothing was written yet. */
  Dataset<Row> read(SparkSession spark, TableDefinition table) throws IOException;

  /** The table's partitions (its {@code dt} values), oldest first. */
  SortedSet<LocalDate> partitionDates(TableDefinition table) throws IOException;

  /** Whether the table holds the partition {@code date}. */
  boolean hasPartition(TableDefinition table, LocalDate date) throws IOException;

  /** Starts a rebuild of partitions of {@code table} by the job named {@code job}. */
  PartitionRebuild rebuild(SparkSession spark, TableDefinition table, String job);

  /** Registers every table as a temporary view under its own name. */
  void registerViews(SparkSession spark) throws IOException;
}
