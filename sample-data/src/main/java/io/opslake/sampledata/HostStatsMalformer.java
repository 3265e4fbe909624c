package io.opslake.sampledata;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Breaks host statistics snapshots so that each planted record is exactly one rejected record:
 * a data line cut after its second field ({@code truncated}), or a snapshot of the neighbour's
 * title lines and first data row whose header says 2090 ({@code timestamp_2090}) or has no time
 * ({@code missing_timestamp}).
 */
final class HostStatsMalformer implements Malformer {
  @Override
  public List<MalformedKind> kinds() {
    return List.of(MalformedKind.TRUNCATED, MalformedKind.TIMESTAMP_2090, MalformedKind.MISSING_TIMESTAMP);
  }

  @Override
  public byte[] malform(MalformedKind kind, Rendered neighbour, SplittableRandom random) {
    String[] lines = neighbour.text().split("\n");
    String header = lines[0];
    String tool = header.substring(header.indexOf("tool=") + 5);
    int titleLines = switch (tool) {
      case "vmstat" -> 2;
      case "top" -> 0;
      default -> 1;
    };
    StringBuilder snapshot = new StringBuilder();
    for (int i = 1; i <= titleLines + 1; i++) {
      snapshot.append('\n').append(lines[i]);
    }
    return switch (kind) {
      case TRUNCATED -> TimestampFieldMalformer.bytes(cutAfterSecondField(lines[lines.length - 1]));
      case TIMESTAMP_2090 -> {
        int time = header.indexOf("time=") + 5;
        yield TimestampFieldMalformer.bytes(header.substring(0, time) + "2090" + header.substring(time + 4) + snapshot);
      }
      case MISSING_TIMESTAMP -> {
        int time = header.indexOf(" time=");
        int end = header.indexOf(' ', time + 1);
        yield TimestampFieldMalformer.bytes(header.substring(0, time) + header.substring(end) + snapshot);
      }
      default -> throw new IllegalArgumentException(kind + " is not planted in host statistics");
    };
  }

  private static String cutAfterSecondField(String line) {
    int i = 0;
    for (int field = 0; field < 2; field++) {
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      while (i < line.length() && line.charAt(i) != ' ') {
        i++;
      }
    }
    return line.substring(0, i);
  }
}
