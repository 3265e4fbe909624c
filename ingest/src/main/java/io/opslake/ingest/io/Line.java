package io.opslake.ingest.io;

/** One line as {@link LineReader} read it: decoded text, or why it could not be. */
public sealed interface Line {
  /** Byte offset of the line's first byte in the (uncompressed) stream. */
  long offset();

  record Text(long offset, String text) implements Line {}

  /** A line longer than the limit; only a prefix is kept. */
  record Oversized(long offset, long bytes, String prefix) implements Line {}

  /** A line that is not valid UTF-8. */
  record Undecodable(long offset, long bytes, int badIndex, int badByte, String lenientText)
      implements Line {}
}
