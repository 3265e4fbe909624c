package io.opslake.ingest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cutting a file into two splits at any byte must read the same records as one split. */
class SplitReaderTest {
  @TempDir Path temp;

  /** A record starts with "R"; any other line continues it (like a stack trace). */
  private static final class FoldingParser implements RecordParser {
    private final StringBuilder current = new StringBuilder();
    private long firstLine = -1;

    @Override
    public boolean startsRecord(String line) {
      return line.startsWith("R");
    }

    @Override
    public void accept(String line, long lineNumber, RecordSink sink) {
      if (!startsRecord(line) && firstLine > 0) {
        current.append('|').append(line);
        return;
      }
      finish(sink);
      if (!startsRecord(line)) {
        sink.reject(lineNumber, "orphan", line);
        return;
      }
      firstLine = lineNumber;
      current.append(line);
    }

    @Override
    public void finish(RecordSink sink) {
      if (firstLine > 0) {
        sink.event(firstLine, new ParsedEvent(0, null, null, null, null, current.toString(),
            List.of(), Map.of(), Map.of(), null));
        current.setLength(0);
        firstLine = -1;
      }
    }
  }

  @Test
  void everyCutPointReadsTheSameRecordsAsOneSplit() throws IOException {
    String content = String.join("\n",
        "  orphan continuation", "R1 first", "  at a", "  at b", "", "R2 second", "R3 third",
        "  Caused by: x", "", "  at c", "R4 " + "y".repeat(40), "R5 last", "  tail") + "\n";
    Path file = temp.resolve("log.txt");
    Files.writeString(file, content);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    List<String> whole = read(file, List.of(new long[] {0, bytes.length}), bytes);

    assertThat(whole).containsExactly(
        "1:reject:orphan:  orphan continuation", "2:R1 first|  at a|  at b", "6:R2 second",
        "7:R3 third|  Caused by: x|  at c", "11:R4 " + "y".repeat(40), "12:R5 last|  tail");
    for (int cut = 1; cut < bytes.length; cut++) {
      assertThat(read(file, List.of(new long[] {0, cut}, new long[] {cut, bytes.length}), bytes))
          .as("cut at byte %d", cut)
          .isEqualTo(whole);
    }
    for (int cut = 1; cut + 7 < bytes.length; cut += 3) {
      assertThat(read(file, List.of(new long[] {0, cut}, new long[] {cut, cut + 7}, new long[] {cut + 7, bytes.length}), bytes))
          .as("cuts at bytes %d and %d", cut, cut + 7)
          .isEqualTo(whole);
    }
  }

  @Test
  void linesTooLongOrNotUtf8AreRejectedByTheReader() throws IOException {
    Path file = temp.resolve("bad.txt");
    byte[] content = ("R ok\nR " + "z".repeat(3000) + "\nR\u00e9 fine\n").getBytes(StandardCharsets.UTF_8);
    byte[] withBadByte = new byte[content.length + 4];
    System.arraycopy(content, 0, withBadByte, 0, content.length);
    System.arraycopy(new byte[] {'R', (byte) 0xFF, 'x', '\n'}, 0, withBadByte, content.length, 4);
    Files.write(file, withBadByte);

    List<String> records = read(file, List.of(new long[] {0, withBadByte.length}), withBadByte, 2048);

    // The reader's own rejects arrive at once; the parser emits "R ok" when the next record starts.
    assertThat(records).containsExactlyInAnyOrder(
        "1:R ok", "2:reject:line of 3002 bytes exceeds the line limit:3002", "3:R\u00e9 fine",
        "4:reject:line is not valid UTF-8 (byte 0xFF at offset 1):3");
  }

  private static List<String> read(Path file, List<long[]> ranges, byte[] bytes) throws IOException {
    return read(file, ranges, bytes, 1 << 20);
  }

  private static List<String> read(Path file, List<long[]> ranges, byte[] bytes, int maxLineBytes) throws IOException {
    CollectingSplitSink sink = new CollectingSplitSink(ParsedEvent::message, metric -> "metric");
    FileSystem fs = FileSystem.getLocal(new Configuration());
    for (long[] range : ranges) {
      long newlinesBefore = 0;
      for (int i = 0; i < range[0]; i++) {
        if (bytes[i] == '\n') {
          newlinesBefore++;
        }
      }
      SplitTask.Split split = new SplitTask.Split(file.toUri().toString(), "log.txt", "f", range[0], range[1],
          false, 1 + newlinesBefore, InputFormat.PLAINTEXT, null);
      try (FSDataInputStream in = fs.open(new org.apache.hadoop.fs.Path(file.toUri()))) {
        SplitReader.read(in, split, maxLineBytes, new FoldingParser(), sink);
      }
    }
    return sink.records;
  }

  static ParseContext context() {
    return ParseContext.forTests("log.txt");
  }
}
