package io.opslake.jobs.workflow;

import java.util.List;

/**
 * Runs one step: the opslake command line {@code arguments} (command first, as the step's
 * descriptor renders them for Airflow's spark-submit too). It returns when the step succeeded and
 * throws when it failed; the runner retries a failure only when its {@link
 * io.opslake.errors.ErrorCategory} is retryable (external). The CLI runs the command's job
 * through the job facade on the workflow's shared SparkSession.
 */
@FunctionalInterface
public interface StepExecutor {
  void execute(List<String> arguments) throws Exception;
}
