package io.opslake.ingest.format.hoststats;

/**
 * Reads the lines of one snapshot of one tool. Each data row ends as datapoints or one rejection
 * through {@link Snapshot#row} / {@link Snapshot#reject}; title and column lines are not records.
 */
interface ToolReader {
  /** One non-blank line of the snapshot, including its title line. */
  void accept(String line, long lineNumber, Snapshot snapshot);

  /** A blank line (top's process table starts after one). */
  default void blank() {}

  /** The snapshot ended: emit what is buffered (lsof's counts). */
  default void end(Snapshot snapshot) {}
}
