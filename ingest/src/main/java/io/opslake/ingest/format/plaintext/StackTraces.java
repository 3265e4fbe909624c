package io.opslake.ingest.format.plaintext;

import java.util.List;

/**
 * Finds the exception in the lines a Java stack trace prints after a log record: the first line
 * of the form {@code java.net.UnknownHostException: db.internal} (or {@code Caused by: ...}) names
 * the class and its message. A line counts when it is a dotted class name, alone or followed by a
 * colon, and that name ends in Exception, Error or Throwable or follows {@code Caused by:}.
 */
final class StackTraces {
  private static final String CAUSED_BY = "Caused by: ";

  private StackTraces() {}

  /** The exception class and message (null when absent), or null when no line names one. */
  static String[] firstException(List<String> lines) {
    for (String line : lines) {
      String[] exception = exception(line);
      if (exception != null) {
        return exception;
      }
    }
    return null;
  }

  static String[] exception(String line) {
    String text = line.strip();
    boolean cause = text.startsWith(CAUSED_BY);
    if (cause) {
      text = text.substring(CAUSED_BY.length());
    }
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    if (!isClassName(name)
        || !(cause
            || name.endsWith("Exception")
            || name.endsWith("Error")
            || name.endsWith("Throwable"))) {
      return null;
    }
    String message = colon < 0 ? "" : text.substring(colon + 1).strip();
    return new String[] {name, message.isEmpty() ? null : message};
  }

  private static boolean isClassName(String name) {
    if (name.isEmpty() || name.indexOf('.') <= 0 || name.endsWith(".")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '.' && !Character.isJavaIdentifierPart(c)) {
        return false;
      }
    }
    return Character.isJavaIdentifierStart(name.charAt(0));
  }
}
