package io.opslake.jobs.workflow;

import java.util.List;

/**
 * Runs one step: the opslake command line {@code arguments} (command first), returning its exit
 * code (0 ok, 1 failed, 2 usage error). The CLI passes {@code OpslakeCli.execute} in-process.
 */
@FunctionalInterface
public interface StepExecutor {
  int execute(List<String> arguments) throws Exception;
}
