package io.opslake.ingest.format.capture;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a capture file's name says about the capture: its time, its host and its kind (the tool or
 * format). The one naming rule every format uses (documented in docs/metrics.md, "Capture time and
 * host"):
 *
 * <ol>
 *   <li>Compression and text suffixes are dropped from the end: {@code .gz}, {@code .txt}, {@code
 *       .log}, {@code .out}, {@code .json}, {@code .jsonl}, {@code .ndjson}, {@code .csv}.
 *   <li>The time is a UTC time standing between separators ({@code _ . -} or the ends of the
 *       name): ISO 8601 basic {@code 20251115T100000Z}, extended {@code 2025-11-15T10:00:00Z} or
 *       with dashes for colons {@code 2025-11-15T10-00-00Z} (the {@code Z} optional), {@code
 *       2025-11-15_10-00-00}, or epoch seconds (ten digits). Two different times: the name has no
 *       time.
 *   <li>The time and the separator next to it are removed; what is left is read as {@code
 *       <kind>_<host>} when it has an {@code _} (the host is after the last {@code _}: host names
 *       have none), else {@code <host>.<kind>} when it has a dot (the kind is after the last dot,
 *       so a fully qualified host keeps its dots), else one word: the host, unless the time was
 *       joined to it by {@code -} or {@code _} ({@code es-shards-20261001T000500Z.txt}), which
 *       makes it a kind.
 *   <li>A host must look like one (letters, digits, {@code -} and dots, with a letter) and not be
 *       a word that names a log rather than a machine ({@code access}, {@code error}, {@code log},
 *       {@code capture}, ...); otherwise the name has no host.
 * </ol>
 *
 * @param host the host, or null
 * @param kind the kind (lower case), or null
 * @param timeMicros the capture time in epoch microseconds (not yet checked for plausibility), or null
 */
public record CaptureName(String host, String kind, Long timeMicros) {
  private static final List<String> SUFFIXES = List.of("gz", "txt", "log", "out", "json", "jsonl", "ndjson", "csv");
  private static final Set<String> NOT_HOSTS = Set.of(
      "access", "error", "errors", "log", "logs", "capture", "captures", "output", "out", "stdout", "stderr",
      "syslog", "messages", "snapshot", "dump", "data", "metrics");
  private static final String EDGE_BEFORE = "(?<![^._-])";
  private static final String EDGE_AFTER = "(?![^._-])";
  private static final Pattern TIME = Pattern.compile(EDGE_BEFORE + "(?:"
      + "(?<ext>(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2})([-:])(\\d{2})\\6(\\d{2})(?:[.,]\\d{1,9})?Z?)"
      + "|(?<under>(\\d{4})-(\\d{2})-(\\d{2})_(\\d{2})-(\\d{2})-(\\d{2})Z?)"
      + "|(?<basic>(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z?)"
      + "|(?<epoch>1\\d{9})"
      + ")" + EDGE_AFTER);
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

  /** Reads a file name (without directories); never throws. */
  public static CaptureName parse(String fileName) {
    try {
      return read(fileName == null ? "" : fileName);
    } catch (RuntimeException e) {
      return new CaptureName(null, null, null);
    }
  }

  private static CaptureName read(String fileName) {
    String stem = withoutSuffixes(fileName);
    Matcher matcher = TIME.matcher(stem);
    Long time = null;
    boolean ambiguous = false;
    StringBuilder rest = new StringBuilder();
    int kept = 0;
    char joint = 0;
    while (matcher.find()) {
      Long found = micros(matcher);
      if (found != null && time != null && !time.equals(found)) {
        ambiguous = true;
      }
      time = time == null ? found : time;
      int start = matcher.start();
      int end = matcher.end();
      if (start > 0) {
        joint = stem.charAt(start - 1);
        start--;
      } else if (end < stem.length()) {
        end++;
      }
      rest.append(stem, kept, Math.max(kept, start));
      kept = end;
    }
    rest.append(stem.substring(Math.min(kept, stem.length())));
    String words = rest.toString();
    if (ambiguous) {
      time = null;
    }
    return words(words, joint, time);
  }

  private static CaptureName words(String words, char joint, Long time) {
    if (words.isEmpty()) {
      return new CaptureName(null, null, time);
    }
    int underscore = words.lastIndexOf('_');
    if (underscore >= 0) {
      return new CaptureName(host(words.substring(underscore + 1)), kind(words.substring(0, underscore)), time);
    }
    int dot = words.lastIndexOf('.');
    if (dot >= 0) {
      return new CaptureName(host(words.substring(0, dot)), kind(words.substring(dot + 1)), time);
    }
    if (time != null && (joint == '-' || joint == '_')) {
      return new CaptureName(null, kind(words), time);
    }
    return new CaptureName(host(words), null, time);
  }

  private static String withoutSuffixes(String fileName) {
    String stem = fileName;
    while (true) {
      int dot = stem.lastIndexOf('.');
      if (dot <= 0 || !SUFFIXES.contains(stem.substring(dot + 1).toLowerCase(Locale.ROOT))) {
        return stem;
      }
      stem = stem.substring(0, dot);
    }
  }

  private static Long micros(Matcher matcher) {
    try {
      if (matcher.group("epoch") != null) {
        return Long.parseLong(matcher.group("epoch")) * 1_000_000L;
      }
      int first = matcher.group("ext") != null ? 2 : matcher.group("under") != null ? 10 : 17;
      int[] fields = new int[6];
      for (int i = 0, group = first; i < 6; i++, group++) {
        if (first == 2 && i == 4) {
          group++; // skip the separator group of the extended form
        }
        fields[i] = Integer.parseInt(matcher.group(group));
      }
      LocalDateTime time = LocalDateTime.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
      return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static String host(String word) {
    boolean looksLikeHost = HOST.matcher(word).matches() && word.chars().anyMatch(Character::isLetter)
        && !word.startsWith(".") && !word.endsWith(".") && !word.endsWith("-");
    return looksLikeHost && !NOT_HOSTS.contains(word.toLowerCase(Locale.ROOT)) ? word : null;
  }

  private static String kind(String word) {
    return word.isEmpty() ? null : word.toLowerCase(Locale.ROOT);
  }
}
