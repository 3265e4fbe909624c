package io.opslake.ingest.format;

import io.opslake.ingest.format.accesslog.AccessLogParser;
import io.opslake.ingest.format.hoststats.HostStatsParser;
import io.opslake.ingest.format.snapshot.MultiLineDocument;
import io.opslake.ingest.format.statsd.LeadingTimestamp;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Guesses the {@link InputFormat} of a file from its first lines, by content only. Each non-blank
 * sample line is classified by cheap string checks (no JSON parsing, no regular expressions) and
 * votes for one format:
 *
 * <ul>
 *   <li>an access log line ({@code client ident user [17/May/2015:10:05:03 +0000] "...}, optionally
 *       behind a virtual host) → ACCESS_LOG, see {@link AccessLogParser};
 *   <li>snapshot formats, see {@link SnapshotDetection}: writer metrics, expvar and Kafka
 *       lag JSON (optionally behind a capture time), {@code _cat/shards} rows and Kafka lag tables;
 *   <li>lines starting with {@code {:} vote APP_EVENTS_EDN;
 *   <li>JSON object lines vote by their keys: {@code datapoints} → DCOS_METRICS; {@code
 *       __REALTIME_TIMESTAMP}, {@code __CURSOR}, or {@code _HOSTNAME} with {@code MESSAGE} →
 *       JOURNALD; {@code received_at}, {@code additional_info} or {@code md5} → APP_EVENTS; {@code
 *       msg} with {@code level} or {@code ts} → ZAP; two of {@code type}, {@code hostname}, {@code
 *       tags} → APP_EVENTS. Keys are found textually, so a truncated line still votes;
 *   <li>a docker-compose prefix ({@code web_1    | {...}}, ANSI colours removed) → ZAP;
 *   <li>{@code name:value|type} with a known type, an optional leading timestamp, and DogStatsD
 *       events and service checks → STATSD;
 *   <li>a leading {@code yyyy-MM-dd[T ]HH:mm:ss} timestamp (optionally in {@code [ ]}) → PLAINTEXT;
 *       stack-trace lines ({@code at ...}, {@code Caused by:}, {@code ... 3 more}, exception
 *       headers) count for PLAINTEXT only when at least one line starts a plain-text record.
 * </ul>
 *
 * Host statistics captures are recognized before any voting, by a snapshot header ({@code #
 * host=... time=... tool=<vmstat|free|df|top|lsof>}) among the sample lines or a first non-blank
 * line that is the title line of one of those tools (see {@link HostStatsParser}); their data rows
 * are plain numbers that would not vote for anything.
 *
 * <p>A format is detected when it holds a strict majority of the lines that voted, and voting lines
 * are at least a quarter of the non-blank lines (a mostly unreadable sample is better left to an
 * explicit {@code --format}). At most the first {@value #SAMPLE_LINES} lines are looked at.
 */
public final class FormatDetector {
  public static final int SAMPLE_LINES = 50;

  private FormatDetector() {}

  /** Never throws; empty when no format has a majority. */
  public static Optional<InputFormat> detect(List<String> sampleLines) {
    try {
      return vote(sampleLines);
    } catch (RuntimeException e) {
      // Detection is a convenience: an unforeseen input must not fail the run.
      return Optional.empty();
    }
  }

  private static Optional<InputFormat> vote(List<String> sampleLines) {
    if (sampleLines == null) {
      return Optional.empty();
    }
    if (startsHostStatistics(sampleLines)) {
      return Optional.of(InputFormat.HOST_STATS);
    }
    if (startsPrettyPrintedExpvar(sampleLines)) {
      return Optional.of(InputFormat.EXPVAR);
    }
    Map<InputFormat, Integer> votes = new EnumMap<>(InputFormat.class);
    int nonBlank = 0;
    int continuations = 0;
    for (String raw : sampleLines.subList(0, Math.min(SAMPLE_LINES, sampleLines.size()))) {
      String line = raw == null ? "" : clean(raw);
      if (line.isEmpty()) {
        continue;
      }
      nonBlank++;
      InputFormat format = classify(line);
      if (format != null) {
        votes.merge(format, 1, Integer::sum);
      } else if (isStackTraceLine(raw, line)) {
        continuations++;
      }
    }
    if (votes.containsKey(InputFormat.PLAINTEXT)) {
      votes.merge(InputFormat.PLAINTEXT, continuations, Integer::sum);
    }
    int voting = votes.values().stream().mapToInt(Integer::intValue).sum();
    if (voting == 0 || voting * 4 < nonBlank) {
      return Optional.empty();
    }
    return votes.entrySet().stream()
        .filter(entry -> entry.getValue() * 2 > voting)
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /**
   * A raw {@code /debug/vars} capture: the first line opens a multi-line JSON document and one of
   * its members is {@code "cmdline"} or {@code "memstats"}. Only two of its lines would vote.
   */
  private static boolean startsPrettyPrintedExpvar(List<String> sampleLines) {
    List<String> sample = sampleLines.subList(0, Math.min(SAMPLE_LINES, sampleLines.size()));
    String first = sample.stream().filter(line -> line != null && !line.isBlank()).findFirst().orElse("");
    if (!MultiLineDocument.opens(clean(first))) {
      return false;
    }
    return sample.stream().filter(line -> line != null).map(String::strip)
        .anyMatch(line -> line.startsWith("\"cmdline\":") || line.startsWith("\"memstats\":"));
  }

  private static boolean startsHostStatistics(List<String> sampleLines) {
    boolean first = true;
    for (String raw : sampleLines.subList(0, Math.min(SAMPLE_LINES, sampleLines.size()))) {
      String line = raw == null ? "" : clean(raw);
      if (line.isEmpty()) {
        continue;
      }
      // A capture may start with a damaged line; its snapshot headers still say what it is.
      if (HostStatsParser.isSnapshotHeader(line) || first && HostStatsParser.startsCapture(line)) {
        return true;
      }
      first = false;
    }
    return false;
  }

  /** The format one line votes for, or null. */
  static InputFormat classify(String line) {
    if (AccessLogParser.looksLike(line)) {
      return InputFormat.ACCESS_LOG;
    }
    InputFormat snapshot = SnapshotDetection.classify(line);
    if (snapshot != null) {
      return snapshot;
    }
    if (line.startsWith("{:")) {
      return InputFormat.APP_EVENTS_EDN;
    }
    if (line.charAt(0) == '{') {
      return classifyJson(line);
    }
    if (hasComposePrefix(line)) {
      return InputFormat.ZAP;
    }
    if (isStatsd(LeadingTimestamp.split(line).body())) {
      return InputFormat.STATSD;
    }
    if (startsWithLogTimestamp(line)) {
      return InputFormat.PLAINTEXT;
    }
    return null;
  }

  private static InputFormat classifyJson(String line) {
    if (hasKey(line, "datapoints")) {
      return InputFormat.DCOS_METRICS;
    }
    if (hasKey(line, "__REALTIME_TIMESTAMP") || hasKey(line, "__CURSOR")
        || hasKey(line, "_HOSTNAME") && hasKey(line, "MESSAGE")) {
      return InputFormat.JOURNALD;
    }
    if (hasKey(line, "received_at") || hasKey(line, "additional_info") || hasKey(line, "md5")) {
      return InputFormat.APP_EVENTS;
    }
    if (hasKey(line, "msg") && (hasKey(line, "level") || hasKey(line, "ts"))) {
      return InputFormat.ZAP;
    }
    int appKeys = (hasKey(line, "type") ? 1 : 0) + (hasKey(line, "hostname") ? 1 : 0) + (hasKey(line, "tags") ? 1 : 0);
    return appKeys >= 2 ? InputFormat.APP_EVENTS : null;
  }

  /** Whether {@code "key"} occurs followed (after optional spaces) by a colon. */
  private static boolean hasKey(String line, String key) {
    String quoted = '"' + key + '"';
    int from = 0;
    while (true) {
      int at = line.indexOf(quoted, from);
      if (at < 0) {
        return false;
      }
      int after = at + quoted.length();
      while (after < line.length() && line.charAt(after) == ' ') {
        after++;
      }
      if (after < line.length() && line.charAt(after) == ':') {
        return true;
      }
      from = at + 1;
    }
  }

  /** {@code service_name_1    | {...}}: a container name, spaces, a bar, then a JSON object. */
  private static boolean hasComposePrefix(String line) {
    int i = 0;
    while (i < line.length() && isContainerNameChar(line.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return false;
    }
    i = skipSpaces(line, i);
    if (i >= line.length() || line.charAt(i) != '|') {
      return false;
    }
    i = skipSpaces(line, i + 1);
    return i < line.length() && line.charAt(i) == '{';
  }

  private static boolean isStatsd(String body) {
    if (body.startsWith("_e{") || body.startsWith("_sc|")) {
      return true;
    }
    int colon = body.indexOf(':');
    int pipe = body.indexOf('|');
    if (colon <= 0 || pipe <= colon + 1) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = body.charAt(i);
      if (Character.isWhitespace(c) || c == '{' || c == '"' || c == '[') {
        return false;
      }
    }
    int typeEnd = body.indexOf('|', pipe + 1);
    String type = body.substring(pipe + 1, typeEnd < 0 ? body.length() : typeEnd);
    switch (type) {
      case "s":
        return true;
      case "c", "g", "ms", "h", "d":
        return isNumbers(body, colon + 1, pipe);
      default:
        return false;
    }
  }

  private static boolean isNumbers(String body, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = body.charAt(i);
      boolean allowed = c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' || c == ':';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /** {@code [}? {@code yyyy-MM-dd} then {@code T} or a space, then {@code HH:mm:ss}. */
  private static boolean startsWithLogTimestamp(String line) {
    int s = line.charAt(0) == '[' ? 1 : 0;
    if (line.length() < s + 19) {
      return false;
    }
    char separator = line.charAt(s + 10);
    return digits(line, s, 4) && line.charAt(s + 4) == '-' && digits(line, s + 5, 2)
        && line.charAt(s + 7) == '-' && digits(line, s + 8, 2)
        && (separator == 'T' || separator == ' ')
        && digits(line, s + 11, 2) && line.charAt(s + 13) == ':' && digits(line, s + 14, 2)
        && line.charAt(s + 16) == ':' && digits(line, s + 17, 2);
  }

  private static boolean isStackTraceLine(String raw, String line) {
    boolean indented = !raw.isEmpty() && (raw.charAt(0) == '\t' || raw.charAt(0) == ' ');
    if (indented && (line.startsWith("at ") || line.startsWith("..."))) {
      return true;
    }
    if (line.startsWith("Caused by:") || line.startsWith("Suppressed:")) {
      return true;
    }
    // An exception header such as "java.lang.IllegalStateException: boom".
    int colon = line.indexOf(':');
    String head = colon < 0 ? line : line.substring(0, colon);
    return head.indexOf('.') > 0 && head.indexOf(' ') < 0 && (head.endsWith("Exception") || head.endsWith("Error"));
  }

  /** Removes ANSI escape sequences and a byte-order mark, then trims. */
  private static String clean(String raw) {
    String line = raw;
    if (line.indexOf('\u001b') >= 0) {
      StringBuilder kept = new StringBuilder(line.length());
      int i = 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (c == '\u001b' && i + 1 < line.length() && line.charAt(i + 1) == '[') {
          i += 2;
          while (i < line.length() && (line.charAt(i) < 0x40 || line.charAt(i) > 0x7e)) {
            i++;
          }
          i++;
        } else {
          kept.append(c);
          i++;
        }
      }
      line = kept.toString();
    }
    if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
      line = line.substring(1);
    }
    return line.trim();
  }

  private static boolean digits(String line, int from, int count) {
    for (int i = from; i < from + count; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int skipSpaces(String line, int index) {
    int i = index;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static boolean isContainerNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
  }
}
