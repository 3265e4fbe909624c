package io.opslake.storage;

import io.opslake.errors.OpslakeException;
import io.opslake.schemas.TableDefinition;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * One rebuild of whole partitions of a derived table, the only way opslake's jobs write tables:
 * stage rows, then {@link #commit} them so that every partition in a {@link RebuildScope} is
 * replaced atomically by what was staged for it; {@link #close} discards whatever was not
 * committed. Typical use:
 *
 * <pre>{@code
 * try (PartitionRebuild rebuild = store.rebuild(spark, Tables.EVENTS, "reclassify")) {
 *   rebuild.stage(rows);
 *   PartitionRebuild.Result result = rebuild.commit(RebuildScope.range(from, to));
 * }
 * }</pre>
 *
 * <p>On the Parquet-directory warehouse the run writes under {@code _opslake/staging/<runId>/} and
 * commits with one record and two renames per partition ({@link Warehouse#replacePartitions});
 * a table format such as Iceberg would stage into uncommitted data files and commit with an
 * {@code overwritePartitions}. Either way jobs see the same three calls.
 *
 * <p>Every file is written with INT64 {@code TIMESTAMP_MICROS} timestamps (the layout
 * docs/tables.md promises), whatever the session's {@code spark.sql.parquet.outputTimestampType}:
 * the setting is switched for the write and restored after it.
 */
public final class PartitionRebuild implements AutoCloseable {
  static final String TIMESTAMP_TYPE_KEY = "spark.sql.parquet.outputTimestampType";
  static final String TIMESTAMP_MICROS = "TIMESTAMP_MICROS";

  private final Warehouse warehouse;
  private final SparkSession spark;
  private final TableDefinition table;
  private final String runId;
  private final Instant startedAt;
  private final Path staging;
  private boolean finished;

  PartitionRebuild(Warehouse warehouse, SparkSession spark, TableDefinition table, String job, Instant startedAt) {
    this.warehouse = warehouse;
    this.spark = spark;
    this.table = table;
    this.startedAt = startedAt;
    this.runId = RunIds.derived(job, startedAt);
    this.staging = new Path(warehouse.stagingPath(runId), table.name());
  }

  /** The run's id, on its commit record and in its summary. */
  public String runId() {
    return runId;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /**
   * Stages {@code rows}, which hold the table's columns including its partition column; Spark's
   * partitioned write sorts each task's rows by that column. May be called more than once.
   */
  public void stage(Dataset<Row> rows) {
    write(rows.write().mode(SaveMode.Append).partitionBy(partitionColumn()), staging);
  }

  /**
   * Stages {@code rows}, which hold the table's data columns only, as the whole content of the
   * partition {@code date}, in at most {@code files} files.
   */
  public void stagePartition(LocalDate date, Dataset<Row> rows, int files) {
    write(rows.coalesce(files).write().mode(SaveMode.Append), partitionPath(staging, date));
  }

  /** What was staged so far, with the table's schema (empty when nothing was). */
  public Dataset<Row> staged() throws IOException {
    if (!warehouse.fileSystem().exists(staging)) {
      return spark.createDataFrame(List.of(), table.tableSchema());
    }
    return spark.read().schema(table.tableSchema()).option("basePath", staging.toString()).parquet(staging.toString());
  }

  /** The partitions staged so far. */
  public SortedSet<LocalDate> stagedDates() throws IOException {
    return warehouse.partitionDatesUnder(staging, table);
  }

  /**
   * Makes the staged partitions the table's: every staged day replaces its partition, and every
   * day in {@code scope} that the table holds but the run did not stage is emptied. When neither
   * exists, nothing is committed. A staged day outside {@code scope} is a bug in the job.
   */
  public Result commit(RebuildScope scope) throws IOException {
    if (finished) {
      throw OpslakeException.internal("Cannot commit run " + runId + " of " + table.name() + ": already finished", null);
    }
    SortedSet<LocalDate> staged = stagedDates();
    for (LocalDate date : staged) {
      if (!scope.contains(date)) {
        throw OpslakeException.internal("Cannot commit run " + runId + " of " + table.name() + ": staged "
            + partitionColumn() + "=" + date + " lies outside its scope (" + scope + ")", null);
      }
    }
    List<LocalDate> emptied = new ArrayList<>();
    for (LocalDate existing : warehouse.partitionDates(table)) {
      if (scope.contains(existing) && !staged.contains(existing)) {
        warehouse.fileSystem().mkdirs(partitionPath(staging, existing));
        emptied.add(existing);
      }
    }
    TreeSet<LocalDate> replaced = new TreeSet<>(staged);
    replaced.addAll(emptied);
    finished = true;
    if (replaced.isEmpty()) {
      warehouse.discardStaging(runId);
      return new Result(runId, List.of(), List.of());
    }
    warehouse.replacePartitions(runId, table, replaced.stream().map(LocalDate::toString).toList(), startedAt);
    return new Result(runId, List.copyOf(replaced), List.copyOf(emptied));
  }

  /** Discards the staged files unless {@link #commit} ran. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      finished = true;
      warehouse.discardStaging(runId);
    }
  }

  /**
   * What a commit changed.
   *
   * @param replaced every partition swapped, sorted (staged ones and emptied ones)
   * @param emptied the partitions in scope that the run had no rows for
   */
  public record Result(String runId, List<LocalDate> replaced, List<LocalDate> emptied) {
    public List<String> replacedDates() {
      return replaced.stream().map(LocalDate::toString).toList();
    }
  }

  private String partitionColumn() {
    return table.partitionColumn().name();
  }

  private Path partitionPath(Path tableDirectory, LocalDate date) {
    return new Path(tableDirectory, partitionColumn() + "=" + date);
  }

  private void write(DataFrameWriter<Row> writer, Path path) {
    String previous = spark.conf().get(TIMESTAMP_TYPE_KEY, null);
    spark.conf().set(TIMESTAMP_TYPE_KEY, TIMESTAMP_MICROS);
    try {
      writer.parquet(path.toString());
    } finally {
      if (previous == null) {
        spark.conf().unset(TIMESTAMP_TYPE_KEY);
      } else {
        spark.conf().set(TIMESTAMP_TYPE_KEY, previous);
      }
    }
  }
}
