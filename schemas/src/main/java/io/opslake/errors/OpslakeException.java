package io.opslake.errors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The one exception type opslake raises on purpose, carrying its {@link ErrorCategory}. Raise it
 * where the cause is known (an options record that rejects a value raises {@link #usage}; the
 * storage layer turns a failed file-system call into {@link #external}); the CLI maps the
 * category to an exit code and the workflow runner decides on a retry from it.
 *
 * <p>It is unchecked and serializable, so it crosses Spark task boundaries: a task that throws
 * one fails the job with a {@code SparkException} whose cause chain still holds it, and
 * {@link #categoryOf} finds it there.
 */
public final class OpslakeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCategory category;

  public OpslakeException(ErrorCategory category, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.category = Objects.requireNonNull(category, "category");
  }

  /** A bad option, file or query: {@code Cannot <do what>: <what is wrong>}. */
  public static OpslakeException usage(String message) {
    return new OpslakeException(ErrorCategory.USAGE, message, null);
  }

  /** Storage or cluster trouble that a retry may fix. */
  public static OpslakeException external(String message, Throwable cause) {
    return new OpslakeException(ErrorCategory.EXTERNAL, message, cause);
  }

  /** Input data that cannot be used as it is. */
  public static OpslakeException data(String message) {
    return new OpslakeException(ErrorCategory.DATA, message, null);
  }

  /** A state opslake's own code should never reach. */
  public static OpslakeException internal(String message, Throwable cause) {
    return new OpslakeException(ErrorCategory.INTERNAL, message, cause);
  }

  public ErrorCategory category() {
    return category;
  }

  public int exitCode() {
    return category.exitCode();
  }

  /**
   * The category of any failure: that of the first {@link OpslakeException} in the cause chain
   * (Spark wraps task failures in {@code SparkException}s, sometimes twice), else {@link
   * ErrorCategory#EXTERNAL} when an I/O error is in the chain (Hadoop file systems report
   * unreachable storage that way), else {@link ErrorCategory#INTERNAL}.
   */
  public static ErrorCategory categoryOf(Throwable failure) {
    OpslakeException typed = find(failure);
    if (typed != null) {
      return typed.category();
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof UncheckedIOException) {
        return ErrorCategory.EXTERNAL;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return ErrorCategory.INTERNAL;
  }

  /** The first {@link OpslakeException} in {@code failure}'s cause chain, or null. */
  public static OpslakeException find(Throwable failure) {
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
      if (cause instanceof OpslakeException typed) {
        return typed;
      }
    }
    return null;
  }
}
