package io.opslake.sampledata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one host-day file: the valid records with malformed records planted between them.
 *
 * <p>The number of malformed records is {@code floor(entries × ratio + u)}, u uniform in [0, 1)
 * (so the expected count is exactly entries × ratio), but at least one in a non-empty file when
 * the ratio is positive, so every file exercises rejection. Kinds are used round-robin from a
 * random start, so every kind of the format appears once a few files are written.
 */
final class FileAssembler {
  private FileAssembler() {}

  /** Planted-record counts of one file. */
  record Counts(long validRecords, long malformedRecords, long lines, Map<String, Integer> malformedByKind) {}

  static Counts write(Path file, Compression compression, FileContent content, Malformer malformer,
      double malformedRatio, SplittableRandom random) {
    List<Rendered> records = content.records();
    int malformed = malformedCount(records.size(), malformedRatio, random);
    if (!malformer.plantsInEveryFile()) {
      malformed = Math.max(0, (int) Math.floor(records.size() * malformedRatio + random.nextDouble()));
    }
    int[] positions = new int[malformed];
    for (int i = 0; i < malformed; i++) {
      positions[i] = random.nextInt(records.size() + 1);
    }
    Arrays.sort(positions);
    List<MalformedKind> kinds = malformer.kinds();
    int firstKind = random.nextInt(kinds.size());
    Map<String, Integer> byKind = new TreeMap<>();
    long lines = 0;
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = open(file, compression)) {
        int next = 0;
        for (int index = 0; index <= records.size(); index++) {
          while (next < malformed && positions[next] == index) {
            MalformedKind kind = kinds.get((firstKind + next) % kinds.size());
            Rendered neighbour = records.get(Math.min(index, records.size() - 1));
            byte[] bytes = malformer.malform(kind, neighbour, random);
            out.write(bytes);
            out.write('\n');
            lines += countLines(bytes);
            byKind.merge(kind.id(), 1, Integer::sum);
            next++;
          }
          if (index < records.size()) {
            byte[] bytes = records.get(index).text().getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            out.write('\n');
            lines += countLines(bytes);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return new Counts((long) records.size() * content.recordsPerEntry(), malformed, lines, byKind);
  }

  static int malformedCount(int entries, double ratio, SplittableRandom random) {
    double draw = random.nextDouble();
    if (entries == 0 || ratio <= 0) {
      return 0;
    }
    return Math.max(1, (int) Math.floor(entries * ratio + draw));
  }

  private static long countLines(byte[] bytes) {
    long lines = 1;
    for (byte b : bytes) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static OutputStream open(Path file, Compression compression) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    // GZIPOutputStream writes mtime 0 and no file name, so the bytes depend on the content only.
    return compression == Compression.GZIP
        ? new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16), 1 << 16)
        : new BufferedOutputStream(raw, 1 << 16);
  }
}
