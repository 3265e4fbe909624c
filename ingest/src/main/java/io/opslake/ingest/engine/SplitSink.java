package io.opslake.ingest.engine;

import io.opslake.ingest.format.RecordSink;

/** A {@link RecordSink} that also takes what the reader itself rejects and counts. */
public interface SplitSink extends RecordSink {
  /** A record the reader rejected before any parser saw it (too long, not UTF-8, corrupt stream). */
  void reject(long line, String reason, String raw, long rawBytes);

  void blankLine();

  /** Records accounted for so far (events + metrics + rejects). */
  long recordsSoFar();
}
