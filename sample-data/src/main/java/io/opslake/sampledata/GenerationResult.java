package io.opslake.sampledata;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a generation run wrote.
 *
 * @param files every data file, sorted by path
 * @param validRecordsByFormat valid records per format
 * @param malformedRecordsByFormat planted malformed records per format
 * @param bytes bytes of all data files plus {@code _scenario.json}
 * @param scenarioFile the ground-truth file
 */
public record GenerationResult(
    List<GeneratedFile> files,
    Map<SampleFormat, Long> validRecordsByFormat,
    Map<SampleFormat, Long> malformedRecordsByFormat,
    long bytes,
    Path scenarioFile) {
  public GenerationResult {
    files = List.copyOf(files);
    validRecordsByFormat = Map.copyOf(validRecordsByFormat);
    malformedRecordsByFormat = Map.copyOf(malformedRecordsByFormat);
  }

  public long validRecords(SampleFormat format) {
    return validRecordsByFormat.getOrDefault(format, 0L);
  }

  public long malformedRecords(SampleFormat format) {
    return malformedRecordsByFormat.getOrDefault(format, 0L);
  }
}
