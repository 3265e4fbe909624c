package io.opslake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.engine.BlockScan;
import io.opslake.ingest.engine.FileBlock;
import io.opslake.ingest.engine.SplitTask;
import io.opslake.ingest.format.InputFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * How the planner cuts a file of three blocks: line formats into one split per block, numbered from
 * the newline counts of the blocks before; whole-file formats (multi-line snapshots) never.
 */
class IngestPlannerTest {
  private static final long LENGTH = 2 * FileBlock.BLOCK_BYTES + 1000;
  private static final String URI = "file:/in/big.log";

  @Test
  void aLineFormatIsCutIntoOneSplitPerBlockNumberedByTheNewlinesBefore() {
    List<SplitTask.Split> splits = splitsOf(InputFormat.APP_EVENTS);

    assertThat(splits).extracting(SplitTask.Split::start)
        .containsExactly(0L, FileBlock.BLOCK_BYTES, 2 * FileBlock.BLOCK_BYTES);
    assertThat(splits).extracting(SplitTask.Split::end)
        .containsExactly(FileBlock.BLOCK_BYTES, 2 * FileBlock.BLOCK_BYTES, LENGTH);
    // Block newline counts 100, 250, 7: the second block's first whole line is line 101, the third's 351.
    assertThat(splits).extracting(SplitTask.Split::firstLineNumber).containsExactly(1L, 101L, 351L);
    assertThat(splits).extracting(SplitTask.Split::fingerprint).containsOnly(splits.get(0).fingerprint());
  }

  @Test
  void aWholeFileFormatIsNeverCut() {
    List<SplitTask.Split> splits = splitsOf(InputFormat.ES_SHARDS);

    assertThat(splits).singleElement().satisfies(split -> {
      assertThat(split.start()).isZero();
      assertThat(split.end()).isEqualTo(LENGTH);
      assertThat(split.firstLineNumber()).isEqualTo(1);
    });
  }

  private static List<SplitTask.Split> splitsOf(InputFormat format) {
    FileStatus status = new FileStatus(LENGTH, false, 1, FileBlock.BLOCK_BYTES, 0, new Path(URI));
    List<FileBlock> blocks = IngestPlanner.blocksOf(List.of(status));
    assertThat(blocks).hasSize(3);
    long[] newlines = {100, 250, 7};
    List<BlockScan> scans = blocks.stream()
        .map(block -> new BlockScan(block, "md5-" + block.index(), newlines[block.index()], false,
            block.index() == 0 ? format : null, null))
        .toList();
    IngestPlanner.Plan plan = IngestPlanner.plan(List.of(status), new java.util.ArrayList<>(scans), Map.of(), 2,
        Optional.empty());
    return plan.tasks().stream().flatMap(task -> task.splits().stream()).toList();
  }
}
