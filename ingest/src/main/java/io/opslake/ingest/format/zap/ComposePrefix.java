package io.opslake.ingest.format.zap;

/**
 * The prefix {@code docker-compose up} puts before each line a service prints: the container's
 * service name, padding, a bar and a space ({@code kwanza_1    | }), possibly coloured with ANSI
 * escapes ({@code ESC[36mkwanza_1  |ESC[0m }). Compose v1 names replicas {@code service_N}, v2
 * {@code service-N}; {@link #application()} drops that suffix.
 *
 * @param service the name as printed, e.g. {@code kwanza_1}
 * @param body the line after the prefix
 */
record ComposePrefix(String service, String body) {

  /** The service name without its replica number: {@code kwanza_1} → {@code kwanza}. */
  String application() {
    int end = service.length();
    while (end > 0 && Character.isDigit(service.charAt(end - 1))) {
      end--;
    }
    if (end < service.length() && end > 1) {
      char separator = service.charAt(end - 1);
      if (separator == '_' || separator == '-') {
        return service.substring(0, end - 1);
      }
    }
    return service;
  }

  /**
   * Splits a line (ANSI escapes already removed) into prefix and body, or returns null when the
   * line does not start with a compose prefix.
   */
  static ComposePrefix split(String line) {
    int length = line.length();
    int nameEnd = 0;
    while (nameEnd < length && isNameChar(line.charAt(nameEnd))) {
      nameEnd++;
    }
    if (nameEnd == 0) {
      return null;
    }
    int bar = nameEnd;
    while (bar < length && line.charAt(bar) == ' ') {
      bar++;
    }
    if (bar == nameEnd || bar >= length || line.charAt(bar) != '|') {
      return null;
    }
    int body = bar + 1;
    if (body < length && line.charAt(body) == ' ') {
      body++;
    }
    return new ComposePrefix(line.substring(0, nameEnd), line.substring(body));
  }

  private static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '_'
        || c == '-'
        || c == '.';
  }

  /** The line without ANSI CSI escape sequences ({@code ESC [ params letter}). */
  static String stripAnsi(String line) {
    if (line.indexOf('\u001b') < 0) {
      return line;
    }
    StringBuilder plain = new StringBuilder(line.length());
    int length = line.length();
    for (int i = 0; i < length; i++) {
      char c = line.charAt(i);
      if (c == '\u001b' && i + 1 < length && line.charAt(i + 1) == '[') {
        int end = i + 2;
        while (end < length && !isFinalByte(line.charAt(end))) {
          end++;
        }
        i = end;
      } else if (c != '\u001b') {
        plain.append(c);
      }
    }
    return plain.toString();
  }

  private static boolean isFinalByte(char c) {
    return c >= '@' && c <= '~';
  }
}
