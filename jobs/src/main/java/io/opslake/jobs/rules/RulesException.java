package io.opslake.jobs.rules;

/**
 * A rules file that cannot be used: a user error (exit code 2), raised before any data is read.
 * The message names the file and line: {@code Cannot load rules: rules.yaml:12: unknown field
 * 'mach' (expected ...)}.
 */
public final class RulesException extends IllegalArgumentException {
  private final String file;
  private final int line;
  private final String reason;

  public RulesException(String file, int line, String reason) {
    super("Cannot load rules: " + file + ":" + line + ": " + reason);
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
