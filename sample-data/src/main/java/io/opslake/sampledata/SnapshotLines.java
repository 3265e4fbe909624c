package io.opslake.sampledata;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Helpers shared by the snapshot writers: humanised sizes and the malformer of table rows. */
final class SnapshotLines {
  private SnapshotLines() {}

  /** A binary size the way {@code _cat} prints it: {@code 512b}, {@code 12.3kb}, {@code 1.2gb}. */
  static String catBytes(long bytes) {
    return human(bytes, "b", "kb", "mb", "gb", "tb");
  }

  /** A lag the way the terminal monitor prints it: {@code 112B}, {@code 20.5KB}, {@code 3.8MB}. */
  static String monitorBytes(long bytes) {
    return human(bytes, "B", "KB", "MB", "GB", "TB");
  }

  private static String human(long bytes, String... units) {
    if (bytes < 1024) {
      return bytes + units[0];
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
  }

  /**
   * Breaks the last line of a table row: cut at 30–70 % of its length (fewer columns than the
   * header) or replaced by a garbage line. Rows are planted by the ratio alone.
   */
  static Malformer tableRows() {
    return new Malformer() {
      @Override
      public List<MalformedKind> kinds() {
        return List.of(MalformedKind.TRUNCATED, MalformedKind.GARBAGE);
      }

      @Override
      public byte[] malform(MalformedKind kind, Rendered neighbour, SplittableRandom random) {
        String text = neighbour.text();
        String row = text.substring(text.lastIndexOf('\n') + 1);
        if (kind == MalformedKind.GARBAGE) {
          return TimestampFieldMalformer.bytes(TimestampFieldMalformer.garbage(random));
        }
        String cut = row.substring(0, (int) (row.length() * (0.3 + 0.4 * random.nextDouble())));
        return TimestampFieldMalformer.bytes(cut.stripTrailing());
      }

      @Override
      public boolean plantsInEveryFile() {
        return false;
      }
    };
  }
}
