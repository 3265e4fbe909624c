package io.opslake.sampledata;

import java.util.List;
import java.util.SplittableRandom;

/** Breaks records of one format in the ways {@link #kinds()} lists. */
interface Malformer {
  /** The kinds this format plants, used round-robin. */
  List<MalformedKind> kinds();

  /**
   * A malformed record of {@code kind} derived from a valid neighbour, as raw bytes without the
   * final line terminator (raw because {@link MalformedKind#INVALID_UTF8} is not text).
   */
  byte[] malform(MalformedKind kind, Rendered neighbour, SplittableRandom random);

  /**
   * Whether every non-empty file gets at least one malformed record. Formats that write a small
   * file per snapshot plant by the ratio alone, or they would be a seventh malformed.
   */
  default boolean plantsInEveryFile() {
    return true;
  }
}
