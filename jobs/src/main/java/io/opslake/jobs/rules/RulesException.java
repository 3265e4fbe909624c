package io.opslake.jobs.rules;

import io.opslake.errors.OpslakeException;

/**
 * A rules file that cannot be used: a user error (exit code 2), raised before any data is read.
 * The message names the file and line: {@code Cannot load rules: rules.yaml:12: unknown field
 * 'mach' (expected ...)}. Its cause is the same message as an {@link OpslakeException#usage}
 * (that class is final), so {@link OpslakeException#categoryOf} reports the USAGE category
 * wherever this is caught, including inside a Spark task failure.
 */
public final class RulesException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String reason;

  public RulesException(String file, int line, String reason) {
    super("Cannot load rules: " + file + ":" + line + ": " + reason);
    initCause(OpslakeException.usage(getMessage()));
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
