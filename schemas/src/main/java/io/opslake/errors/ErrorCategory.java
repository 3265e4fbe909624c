package io.opslake.errors;

/**
 * Why an opslake command failed. The category decides the exit code ({@code bin/opslake}'s 0/1/2
 * contract, README) and whether the workflow runner retries: only {@link #EXTERNAL} failures can
 * go away on their own.
 */
public enum ErrorCategory {
  /** A bad option, rule file, query or input path: exit 2; the same command fails the same way. */
  USAGE(2, false),
  /** Storage, network or cluster unreachable or refusing: exit 1; a retry may succeed. */
  EXTERNAL(1, true),
  /** The data itself is unusable (a run over its bad-record budget, a table that cannot be read): exit 1. */
  DATA(1, false),
  /** A bug in opslake: exit 1, with a stack trace. */
  INTERNAL(1, false);

  private final int exitCode;
  private final boolean retryable;

  ErrorCategory(int exitCode, boolean retryable) {
    this.exitCode = exitCode;
    this.retryable = retryable;
  }

  /** The process exit code of a command that failed this way. */
  public int exitCode() {
    return exitCode;
  }

  /** Whether running the same command again can succeed without anyone changing anything. */
  public boolean retryable() {
    return retryable;
  }
}
