package io.opslake.ingest.commit;

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
 */
public record CommitRecord(
    int version, String runId, String status, String startedAt, String finishedAt,
    List<CommittedInput> inputs, List<Move> moves) {

  public static final int CURRENT_VERSION = 1;

  public CommitRecord {
    inputs = List.copyOf(inputs);
    moves = List.copyOf(moves);
  }

  public boolean succeeded() {
    return "succeeded".equals(status);
  }

  /** One input file of the run: its URI, content fingerprint, format and record count. */
  public record CommittedInput(String uri, String fingerprint, String format, long records) {}

  /** One staging file to publish at {@code to}. */
  public record Move(String from, String to) {}
}
