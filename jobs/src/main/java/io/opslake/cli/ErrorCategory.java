package io.opslake.cli;

/** Why a command failed; decides the exit code and whether a retry can help. */
public enum ErrorCategory {
  /** A bad option, file or query: exit 2, retrying the same command will not help. */
  USER(2),
  /** Storage or cluster unreachable: exit 1, a retry may succeed. */
  EXTERNAL(1),
  /** A bug, or a run that finished as failed: exit 1. */
  INTERNAL(1);

  private final int exitCode;

  ErrorCategory(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
