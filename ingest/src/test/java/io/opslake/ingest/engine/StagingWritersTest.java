package io.opslake.ingest.engine;

import static io.opslake.schemas.Column.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.opslake.schemas.ColumnType;
import io.opslake.schemas.TableDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingWritersTest {
  private static final TableDefinition TABLE =
      new TableDefinition(
          "staging_test",
          "One number per row.",
          List.of(required("n", ColumnType.LONG, "Row number.")),
          required("dt", ColumnType.DATE, "Partition."));

  @TempDir Path temp;

  @Test
  void withTwoOpenFilesTheLeastRecentlyUsedDateIsClosedAndALaterRowOpensANewFile() throws IOException {
    IngestSettings settings =
        new IngestSettings("run", temp.toUri().toString(), "2026-11-29", null, 1 << 20, 1 << 20, 2);
    // Consecutive rows of one date reuse the previous row's file; a third date evicts the date used
    // least recently (not the one written last).
    List<String> dates =
        List.of("2026-11-01", "2026-11-01", "2026-11-02", "2026-11-01", "2026-11-03", "2026-11-03",
            "2026-11-01", "2026-11-02");
    List<StagedFile> staged;
    try (StagingWriters writers = new StagingWriters(settings, new Configuration(), "part")) {
      long n = 0;
      for (String dt : dates) {
        writers.write(TABLE, new String(dt), new Object[] {n++});
      }
      staged = writers.finish();
    }

    // Hand-traced: 11-02 closed when 11-03 opens (1 row), 11-03 closed when 11-02 returns (2 rows),
    // then at the end the open ones in least-recently-used order: 11-01 (4 rows), 11-02 again (1).
    assertThat(staged).extracting(StagedFile::dt, StagedFile::rows).containsExactly(
        tuple("2026-11-02", 1L),
        tuple("2026-11-03", 2L),
        tuple("2026-11-01", 4L),
        tuple("2026-11-02", 1L));
    for (StagedFile file : staged) {
      assertThat(rowsIn(file.stagingPath())).as(file.stagingPath()).isEqualTo(file.rows());
      assertThat(file.stagingPath()).contains("/staging_test/dt=" + file.dt() + "/part-");
    }
  }

  private static long rowsIn(String path) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(path), new Configuration()))) {
      return reader.getRecordCount();
    }
  }
}
