package io.opslake.ingest.format.hoststats;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * What a capture's file name says: {@code <host>.<tool>[.<yyyyMMddTHHmmssZ>][.txt|.log|.out][.gz]},
 * e.g. {@code dc0-web01.df.txt.gz} or {@code web01.example.com.lsof.20261001T000500Z.txt}. The host
 * is everything before the tool component (so a fully qualified name keeps its dots).
 *
 * @param host the host, or null when the name has no tool component
 * @param tool the tool, or null
 * @param time the capture time as ISO-8601, or null
 */
record CaptureFileName(String host, Tool tool, String time) {
  private static final List<String> IGNORED_SUFFIXES = List.of("gz", "txt", "log", "out");
  private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  static CaptureFileName parse(String fileName) {
    List<String> parts = Arrays.asList(fileName.split("\\."));
    int end = parts.size();
    while (end > 1 && IGNORED_SUFFIXES.contains(parts.get(end - 1))) {
      end--;
    }
    String time = null;
    if (end > 1) {
      time = basicTime(parts.get(end - 1));
      if (time != null) {
        end--;
      }
    }
    if (end < 2) {
      return new CaptureFileName(null, null, time);
    }
    Tool tool = Tool.fromId(parts.get(end - 1)).orElse(null);
    if (tool == null) {
      return new CaptureFileName(null, null, time);
    }
    return new CaptureFileName(String.join(".", parts.subList(0, end - 1)), tool, time);
  }

  private static String basicTime(String part) {
    if (part.length() != 16 || part.charAt(8) != 'T') {
      return null;
    }
    try {
      return LocalDateTime.parse(part, BASIC).atOffset(ZoneOffset.UTC).toInstant().toString();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
