package io.opslake.storage;

import java.util.List;

/**
 * The durable decision that an ingest run happened: written once, atomically, to {@code
 * <warehouse>/_opslake/commits/<runId>.json} after every staging file exists and before any is
 * moved. Its existence is the commit point; see docs/architecture.md.
 *
 * @param runId the run
 * @param status {@code succeeded} or {@code failed}
 * @param inputs the files this run consumed; a later run skips files whose fingerprint appears
 *     in a succeeded record
 * @param moves staging file → final file, to be applied (idempotently) after the commit point
 * @param swaps whole partitions replaced by a staged directory (derived tables rebuilt by date)
 */
public record CommitRecord(
    int version, String runId, String status, String startedAt, String finishedAt,
    List<CommittedInput> inputs, List<Move> moves, List<PartitionSwap> swaps) {

  public static final int CURRENT_VERSION = 1;

  public CommitRecord {
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    moves = moves == null ? List.of() : List.copyOf(moves);
    swaps = swaps == null ? List.of() : List.copyOf(swaps);
  }

  /** A record that only appends files (ingest). */
  public CommitRecord(int version, String runId, String status, String startedAt, String finishedAt,
      List<CommittedInput> inputs, List<Move> moves) {
    this(version, runId, status, startedAt, finishedAt, inputs, moves, List.of());
  }

  public boolean succeeded() {
    return "succeeded".equals(status);
  }

  /** One input file of the run: its URI, content fingerprint, format and record count. */
  public record CommittedInput(String uri, String fingerprint, String format, long records) {}

  /**
   * Replace the partition directory {@code target} by the staged directory {@code staged}; the
   * old directory is moved to {@code trash} first and deleted once the record is applied.
   */
  public record PartitionSwap(String staged, String target, String trash) {}

  /** One staging file to publish at {@code to}. */
  public record Move(String from, String to) {}
}
