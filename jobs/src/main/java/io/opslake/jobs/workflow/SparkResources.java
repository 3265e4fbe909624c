package io.opslake.jobs.workflow;

import java.util.Optional;

/**
 * What a job asks of the cluster when submitted with spark-submit ({@code --driver-memory},
 * {@code --executor-memory}, {@code --executor-cores}, {@code --num-executors}). The local runner
 * ignores them: it runs every step in its own local-mode session.
 */
public record SparkResources(
    Optional<String> driverMemory,
    Optional<String> executorMemory,
    Optional<Integer> executorCores,
    Optional<Integer> numExecutors) {
  public static SparkResources none() {
    return new SparkResources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
