package io.opslake.ingest.format;

/**
 * Parses the lines of one input file (or one split of it) of one format. Implementations are
 * plain Java, single-threaded, and must never throw on bad input: everything that cannot be
 * parsed goes to {@link RecordSink#reject}. One instance serves one file split; parsers may keep
 * state across lines (a plain-text log folds the stack trace lines that follow a record into it).
 */
public interface RecordParser {
  /**
   * Consume one line (without its line terminator).
   *
   * @param line the decoded line
   * @param lineNumber its 1-based number in the file
   * @param sink where records go
   */
  void accept(String line, long lineNumber, RecordSink sink);

  /** End of input: emit whatever record is still buffered. */
  void finish(RecordSink sink);

  /**
   * Whether a line can start a record. A reader that starts in the middle of a file skips lines
   * until one that starts a record, and a reader that reaches the end of its split keeps reading
   * while lines do not start a record, so multi-line records are never cut in two. Single-line
   * formats keep the default.
   */
  default boolean startsRecord(String line) {
    return true;
  }
}
