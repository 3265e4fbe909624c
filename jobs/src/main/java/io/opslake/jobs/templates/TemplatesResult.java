package io.opslake.jobs.templates;

import java.util.List;

/**
 * What a mining run did.
 *
 * @param runId the run id (also {@code patterns.mining_run_id})
 * @param events events read with a non-blank message
 * @param distinctMasked distinct masked messages
 * @param partitioned whether the executors mined hash partitions first (over {@code maxDistinct})
 * @param templates rows written to {@code patterns}
 * @param partitions {@code dt} partitions written (empty ones clear templates of an older run)
 */
public record TemplatesResult(String runId, long events, long distinctMasked, boolean partitioned,
    long templates, List<String> partitions) {
  public TemplatesResult {
    partitions = List.copyOf(partitions);
  }
}
