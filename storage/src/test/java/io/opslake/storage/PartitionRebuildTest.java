package io.opslake.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import io.opslake.schemas.Column;
import io.opslake.schemas.ColumnType;
import io.opslake.schemas.TableDefinition;
import io.opslake.testing.ParquetFooters;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilds of a small derived table on a local warehouse with the shared SparkSession. */
class PartitionRebuildTest {
  private static final TableDefinition TABLE = new TableDefinition("samples", "Test table.",
      List.of(Column.required("ts", ColumnType.TIMESTAMP, "When."), Column.required("value", ColumnType.LONG, "What.")),
      Column.required("dt", ColumnType.DATE, "Day."));
  private static final LocalDate DAY1 = LocalDate.of(2026, 10, 1);
  private static final LocalDate DAY2 = LocalDate.of(2026, 10, 2);
  private static final LocalDate DAY3 = LocalDate.of(2026, 10, 3);

  private static SparkSession spark;

  @TempDir Path temp;

  @BeforeAll
  static void startSpark() {
    spark = SharedSpark.session();
  }

  private Warehouse open() throws IOException {
    return Warehouse.open(temp.toString(), new Configuration());
  }

  private static Dataset<Row> rows(Object[]... values) {
    return spark.createDataFrame(java.util.Arrays.stream(values).map(RowFactory::create).toList(), TABLE.tableSchema());
  }

  private static Object[] row(String ts, long value) {
    Instant instant = Instant.parse(ts);
    return new Object[] {Timestamp.from(instant), value, Date.valueOf(instant.atZone(java.time.ZoneOffset.UTC).toLocalDate())};
  }

  private List<Long> values(Warehouse warehouse) throws IOException {
    return warehouse.read(spark, TABLE).orderBy("ts").select("value").as(org.apache.spark.sql.Encoders.LONG())
        .collectAsList();
  }

  @Test
  void replacesStagedDaysEmptiesStaleDaysInScopeAndLeavesTheRest() throws IOException {
    Warehouse warehouse = open();
    try (PartitionRebuild first = warehouse.rebuild(spark, TABLE, "test")) {
      first.stage(rows(row("2026-10-01T10:00:00Z", 1), row("2026-10-02T10:00:00Z", 2), row("2026-10-03T10:00:00Z", 3)));
      assertThat(first.commit(RebuildScope.wholeTable()).replaced()).containsExactly(DAY1, DAY2, DAY3);
    }

    PartitionRebuild.Result result;
    try (PartitionRebuild second = warehouse.rebuild(spark, TABLE, "test")) {
      second.stage(rows(row("2026-10-01T11:00:00Z", 10)));
      assertThat(second.stagedDates()).containsExactly(DAY1);
      assertThat(second.staged().count()).isEqualTo(1);
      result = second.commit(RebuildScope.range(DAY1, DAY2));
    }

    assertThat(result.runId()).matches("\\d{8}T\\d{6}Z-test-[0-9a-f]{6}");
    assertThat(result.replaced()).containsExactly(DAY1, DAY2);
    assertThat(result.emptied()).containsExactly(DAY2);
    assertThat(values(warehouse)).containsExactly(10L, 3L);
    assertThat(warehouse.partitionDates(TABLE)).containsExactly(DAY1, DAY2, DAY3);
    assertThat(temp.resolve("_opslake/staging")).isEmptyDirectory();
  }

  @Test
  void aRunWithNothingToReplaceCommitsNothing() throws IOException {
    Warehouse warehouse = open();
    try (PartitionRebuild rebuild = warehouse.rebuild(spark, TABLE, "test")) {
      rebuild.stage(rows());
      PartitionRebuild.Result result = rebuild.commit(RebuildScope.dates(List.of(DAY1)));
      assertThat(result.replaced()).isEmpty();
    }
    assertThat(temp.resolve("_opslake/commits")).doesNotExist();
    assertThat(temp.resolve("samples")).doesNotExist();
  }

  @Test
  void aStagedDayOutsideTheScopeIsAnInternalErrorAndNothingChanges() throws IOException {
    Warehouse warehouse = open();
    try (PartitionRebuild rebuild = warehouse.rebuild(spark, TABLE, "test")) {
      rebuild.stage(rows(row("2026-10-03T10:00:00Z", 3)));
      assertThatThrownBy(() -> rebuild.commit(RebuildScope.range(DAY1, DAY2)))
          .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INTERNAL))
          .hasMessageMatching("Cannot commit run .*-test-.* of samples: staged dt=2026-10-03 lies outside its scope"
              + " \\(2026-10-01\\.\\.2026-10-02\\)");
    }
    assertThat(temp.resolve("samples")).doesNotExist();
    assertThat(temp.resolve("_opslake/staging")).isEmptyDirectory();
  }

  @Test
  void closingWithoutCommitDiscardsTheStagedFiles() throws IOException {
    Warehouse warehouse = open();
    try (PartitionRebuild rebuild = warehouse.rebuild(spark, TABLE, "test")) {
      rebuild.stagePartition(DAY1, rows(row("2026-10-01T10:00:00Z", 1)).drop("dt"), 1);
      assertThat(warehouse.stagingPath(rebuild.runId()).toUri()).satisfies(uri -> assertThat(Path.of(uri)).exists());
    }
    assertThat(temp.resolve("_opslake/staging")).isEmptyDirectory();
    assertThat(warehouse.partitionDates(TABLE)).isEmpty();
  }

  @Test
  void writesInt64MicrosEvenWhenTheSessionAsksForInt96AndStillReadsOldInt96Files() throws IOException {
    Warehouse warehouse = open();
    String key = PartitionRebuild.TIMESTAMP_TYPE_KEY;
    String before = spark.conf().get(key);
    spark.conf().set(key, "INT96");
    try {
      // An old warehouse: day 1 written the way Spark writes by default (INT96).
      rows(row("2026-10-01T10:00:00.123456Z", 1)).drop("dt").write()
          .parquet(temp.resolve("samples/dt=2026-10-01").toString());
      try (PartitionRebuild rebuild = warehouse.rebuild(spark, TABLE, "test")) {
        rebuild.stage(rows(row("2026-10-02T10:00:00.654321Z", 2)));
        rebuild.commit(RebuildScope.dates(List.of(DAY2)));
      }
      assertThat(spark.conf().get(key)).isEqualTo("INT96");
    } finally {
      spark.conf().set(key, before);
    }

    List<ParquetFooters.TimestampColumn> day1 = footers("samples/dt=2026-10-01");
    List<ParquetFooters.TimestampColumn> day2 = footers("samples/dt=2026-10-02");
    assertThat(day1).extracting(ParquetFooters.TimestampColumn::physicalType).containsOnly("INT96");
    assertThat(day2).isNotEmpty().allSatisfy(column -> assertThat(column.int64Micros()).as(column.toString()).isTrue());
    assertThat(warehouse.read(spark, TABLE).orderBy("ts").select("ts").as(org.apache.spark.sql.Encoders.TIMESTAMP())
        .collectAsList()).extracting(Timestamp::toInstant)
        .containsExactly(Instant.parse("2026-10-01T10:00:00.123456Z"), Instant.parse("2026-10-02T10:00:00.654321Z"));
  }

  private List<ParquetFooters.TimestampColumn> footers(String directory) {
    return ParquetFooters.parquetFiles(temp.resolve(directory)).stream()
        .flatMap(file -> ParquetFooters.timestampColumns(file).stream()).toList();
  }

  @Test
  void listsPartitionsAsDates() throws IOException {
    Files.createDirectories(temp.resolve("samples/dt=2026-10-02"));
    Files.createDirectories(temp.resolve("samples/dt=2026-10-01"));
    Files.createDirectories(temp.resolve("samples/_temporary"));
    Warehouse warehouse = open();
    assertThat(warehouse.partitionDates(TABLE)).containsExactly(DAY1, DAY2);
    assertThat(warehouse.hasPartition(TABLE, DAY2)).isTrue();
    assertThat(warehouse.hasPartition(TABLE, DAY3)).isFalse();
  }
}
