package io.opslake.ingest.engine;

import java.io.Serializable;

/**
 * A fixed-size byte range of an input file: the unit of fingerprinting and of splitting. Block
 * boundaries depend only on the file length and {@link #BLOCK_BYTES}, never on settings, so a
 * file's fingerprint is stable across runs and machines.
 */
public record FileBlock(String uri, long fileLength, int index, long start, long end)
    implements Serializable {
  /** 32 MiB: small enough to spread a 400 MB file over the cores, big enough to amortize a task. */
  public static final long BLOCK_BYTES = 32L << 20;

  public long length() {
    return end - start;
  }
}
