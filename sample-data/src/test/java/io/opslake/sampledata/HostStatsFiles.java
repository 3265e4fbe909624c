package io.opslake.sampledata;

import io.opslake.sampledata.GeneratedFiles.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads host statistics captures back independently of the generator: a snapshot is a header line
 * and what follows it; one with a time before 2080 is a valid entry counting the values a reader
 * would emit (counted here from the text: numbers per row, four per df row, distinct groups of
 * lsof descriptors), one without a time or after 2080 is one malformed entry, and a line that does
 * not have its tool's full shape is one malformed entry.
 */
final class HostStatsFiles {
  private static final Pattern HEADER = Pattern.compile("^# host=(\\S+)(?: time=(\\S+))? tool=(\\S+)$");
  private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?$");

  private HostStatsFiles() {}

  static List<Entry> entries(List<byte[]> rawLines) {
    List<Entry> entries = new ArrayList<>();
    String tool = null;
    Long time = null;
    boolean broken = false;
    Set<String> lsofGroups = new HashSet<>();
    int records = 0;
    StringBuilder text = new StringBuilder();
    for (byte[] bytes : rawLines) {
      String line = new String(bytes, StandardCharsets.UTF_8);
      Matcher header = HEADER.matcher(line);
      if (header.matches()) {
        close(entries, text, time, broken, records + lsofGroups.size());
        tool = header.group(3);
        time = header.group(2) == null ? null : Instant.parse(header.group(2)).toEpochMilli();
        broken = time == null || Instant.ofEpochMilli(time).isAfter(Instant.parse("2080-01-01T00:00:00Z"));
        records = 0;
        lsofGroups.clear();
        text.setLength(0);
        text.append(line);
        continue;
      }
      int values = tool == null ? -1 : values(tool, line, lsofGroups);
      if (values < 0) {
        entries.add(new Entry(line, false, 1, 0));
      } else {
        records += values;
        text.append('\n').append(line);
      }
    }
    close(entries, text, time, broken, records + lsofGroups.size());
    return entries;
  }

  private static void close(List<Entry> entries, StringBuilder text, Long time, boolean broken, int records) {
    if (text.length() == 0) {
      return;
    }
    entries.add(broken ? new Entry(text.toString(), false, 1, 0) : new Entry(text.toString(), true, records, time));
  }

  /** The values a line holds (0 for title lines), or -1 when it is not whole. */
  private static int values(String tool, String line, Set<String> lsofGroups) {
    String[] fields = line.trim().split("\\s+");
    switch (tool) {
      case "vmstat":
        if (line.startsWith("procs") || fields[0].equals("r")) {
          return 0;
        }
        return fields.length == 17 ? 17 : -1;
      case "free":
        if (fields[0].equals("total")) {
          return 0;
        }
        return fields[0].equals("Mem:") && fields.length == 7 || fields[0].equals("Swap:") && fields.length == 4 ? fields.length - 1 : -1;
      case "df":
        if (fields[0].equals("Filesystem")) {
          return 0;
        }
        return fields.length == 6 ? 4 : -1;
      case "top":
        if (line.startsWith("top - ")) {
          return line.contains("load average:") ? 4 : -1;
        }
        int numbers = 0;
        for (String field : fields) {
          if (NUMBER.matcher(field).matches()) {
            numbers++;
          }
        }
        return numbers > 0 ? numbers : -1;
      case "lsof":
        if (fields[0].equals("COMMAND")) {
          return 0;
        }
        if (fields.length < 9) {
          return -1;
        }
        if (Character.isDigit(fields[3].charAt(0))) {
          lsofGroups.add(fields[1] + " " + fields[4] + " " + (fields[4].startsWith("IPv") ? fields[7] : ""));
        }
        return 0;
      default:
        throw new IllegalArgumentException("unknown tool " + tool);
    }
  }
}
