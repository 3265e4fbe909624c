package io.opslake.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.schemas.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionSwapTest {
  @TempDir Path temp;

  private Warehouse open() throws IOException {
    return Warehouse.open(temp.toString(), new Configuration());
  }

  private Path stage(Warehouse warehouse, String runId, String date, String content) throws IOException {
    Path dir = Path.of(warehouse.stagingPath(runId).toUri()).resolve("raw_events/dt=" + date);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("part-new.parquet"), content);
    return dir;
  }

  @Test
  void replacesWholePartitionsAndLeavesOthers() throws IOException {
    Path table = temp.resolve("raw_events");
    Files.createDirectories(table.resolve("dt=2026-10-01"));
    Files.writeString(table.resolve("dt=2026-10-01/part-old.parquet"), "old");
    Files.createDirectories(table.resolve("dt=2026-10-02"));
    Files.writeString(table.resolve("dt=2026-10-02/part-old.parquet"), "untouched");
    Warehouse warehouse = open();
    stage(warehouse, "run1", "2026-10-01", "new");
    stage(warehouse, "run1", "2026-10-03", "added");

    CommitRecord record = warehouse.replacePartitions("run1", Tables.RAW_EVENTS,
        List.of("2026-10-01", "2026-10-03", "2026-10-04"), Instant.now());

    assertThat(record.swaps()).hasSize(2);
    assertThat(table.resolve("dt=2026-10-01")).isDirectoryContaining("glob:**/part-new.parquet")
        .isDirectoryNotContaining("glob:**/part-old.parquet");
    assertThat(table.resolve("dt=2026-10-02/part-old.parquet")).hasContent("untouched");
    assertThat(table.resolve("dt=2026-10-03/part-new.parquet")).hasContent("added");
    assertThat(table.resolve("dt=2026-10-04")).doesNotExist();
    assertThat(temp.resolve("_opslake/trash/run1")).doesNotExist();
    assertThat(temp.resolve("_opslake/staging/run1")).doesNotExist();
  }

  @Test
  void aCrashBetweenTheTwoRenamesIsCompletedOnOpen() throws IOException {
    Path table = temp.resolve("raw_events");
    Files.createDirectories(table.resolve("dt=2026-10-01"));
    Files.writeString(table.resolve("dt=2026-10-01/part-old.parquet"), "old");
    Warehouse warehouse = open();
    stage(warehouse, "run2", "2026-10-01", "new");
    CommitRecord.PartitionSwap swap = new CommitRecord.PartitionSwap(
        warehouse.stagingPath("run2") + "/raw_events/dt=2026-10-01",
        warehouse.tablePath(Tables.RAW_EVENTS) + "/dt=2026-10-01",
        warehouse.trashPath("run2") + "/raw_events/dt=2026-10-01");
    warehouse.writeRecord(new CommitRecord(1, "run2", "succeeded", "s", "f", List.of(), List.of(), List.of(swap)));
    // The process died after moving the old day to the trash.
    Files.createDirectories(temp.resolve("_opslake/trash/run2/raw_events"));
    Files.move(table.resolve("dt=2026-10-01"), temp.resolve("_opslake/trash/run2/raw_events/dt=2026-10-01"));

    Warehouse reopened = open();

    assertThat(table.resolve("dt=2026-10-01/part-new.parquet")).hasContent("new");
    assertThat(temp.resolve("_opslake/commits/run2.applied")).exists();
    assertThat(temp.resolve("_opslake/trash/run2")).doesNotExist();
    assertThat(reopened.recover()).isEmpty();
  }
}
