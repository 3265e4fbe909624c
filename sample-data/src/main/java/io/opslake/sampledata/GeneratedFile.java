package io.opslake.sampledata;

import java.time.LocalDate;
import java.util.Map;

/**
 * One written file and what is in it.
 *
 * @param path path relative to the output directory, with '/' separators
 * @param validRecords valid records (a DC/OS document counts once per datapoint; a plain-text
 *     record with its stack trace counts once)
 * @param malformedRecords planted malformed records (a truncated DC/OS document counts once)
 * @param lines physical lines in the (uncompressed) file
 * @param bytes size of the file on disk
 * @param malformedByKind malformed records per {@link MalformedKind} id, only kinds present
 */
public record GeneratedFile(
    String path,
    SampleFormat format,
    String host,
    LocalDate date,
    long validRecords,
    long malformedRecords,
    long lines,
    long bytes,
    Map<String, Integer> malformedByKind) {
  public GeneratedFile {
    malformedByKind = Map.copyOf(malformedByKind);
  }
}
