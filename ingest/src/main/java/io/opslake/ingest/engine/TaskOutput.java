package io.opslake.ingest.engine;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one parse task reports to the driver.
 *
 * @param stagedFiles files written to staging
 * @param statsByFormat counts per input format id
 * @param recordsByFile records read per input file URI (feeds duplicates_skipped of later runs)
 */
public record TaskOutput(
    List<StagedFile> stagedFiles, Map<String, FormatStats> statsByFormat, Map<String, Long> recordsByFile)
    implements Serializable {}
