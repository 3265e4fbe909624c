package io.opslake.ingest.engine;

import io.opslake.ingest.format.InputFormat;
import java.io.Serializable;
import java.util.List;

/**
 * The parse work of one Spark task: one or more file splits, processed in order, writing into one
 * set of staging files.
 */
public record SplitTask(int taskIndex, List<Split> splits) implements Serializable {
  public SplitTask {
    splits = List.copyOf(splits);
  }

  public long bytes() {
    return splits.stream().mapToLong(split -> split.end() - split.start()).sum();
  }

  /**
   * A byte range of one file to parse. Lines whose first byte lies in [start, end) belong to it;
   * a multi-line record that starts inside runs to its end.
   *
   * @param fingerprint the file's content fingerprint (feeds event ids)
   * @param firstLineNumber number of the first line starting at or after {@code start}, counting
   *     from 1, when the byte before {@code start} is a newline; the reader adjusts otherwise
   * @param format the format to parse as, or null when it could not be detected
   * @param undetectedReason why the format is unknown (each record is then quarantined)
   */
  public record Split(
      String uri,
      String fileName,
      String fingerprint,
      long start,
      long end,
      boolean gzip,
      long firstLineNumber,
      InputFormat format,
      String undetectedReason)
      implements Serializable {}
}
