package io.opslake.ingest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.DefaultFormats;
import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.PositionedReadable;
import org.apache.hadoop.fs.Seekable;
import org.junit.jupiter.api.Test;

/**
 * A file cut into byte ranges and read split by split, with the real format parsers, yields exactly
 * the records of one unsplit read: the same events, metrics and quarantine rows with the same first
 * line numbers (event ids are md5 of the file fingerprint and that line number, so equal line
 * numbers mean equal ids). Cuts are tried at every byte, so they include cuts exactly on a
 * newline, just after one, inside a CRLF pair, and inside a multi-line record.
 */
class SplitEquivalenceTest {
  private static final String APP_EVENT =
      "{\"md5\":\"%s\",\"type\":\"page_load\",\"hostname\":\"web%d\",\"timestamp\":17908128%05d,"
          + "\"tags\":[\"metrics\"],\"additional_info\":{\"execution_time\":0.2%d,\"url\":\"http://x/p%d\"}}";

  private static String appEvent(int i) {
    return String.format(APP_EVENT, "0123456789abcdef0123456789abcde" + (i % 10), i, i * 37, i, i);
  }

  @Test
  void crlfAppEventsWithAMalformedLineAndNoFinalNewlineReadTheSameAtEveryCut() throws IOException {
    String content = String.join("\r\n", appEvent(1), appEvent(2), "{\"type\":", "", appEvent(3), appEvent(4));
    List<String> whole = assertEveryCutReadsAsWhole(content, InputFormat.APP_EVENTS);

    // Five records on lines 1, 2, 3, 5, 6; the blank line 4 is no record; line 3 is quarantined.
    assertThat(whole).hasSize(5);
    assertThat(whole).extracting(record -> record.substring(0, record.indexOf(':')))
        .containsExactly("1", "2", "3", "5", "6");
    assertThat(whole.get(2)).startsWith("3:reject:");
    assertThat(whole.get(4)).contains("host=web4").doesNotContain("\r");
  }

  @Test
  void aSplitEndingExactlyOnANewlineHandsTheNextLineToTheNextSplit() throws IOException {
    String content = appEvent(1) + "\n" + appEvent(2) + "\n" + appEvent(3) + "\n";
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    List<String> whole = read(bytes, InputFormat.APP_EVENTS, new long[] {0, bytes.length});
    int firstNewline = content.indexOf('\n');

    // The newline's own offset, and the offset just after it (the first byte of line 2).
    for (int cut : new int[] {firstNewline, firstNewline + 1}) {
      List<String> first = read(bytes, InputFormat.APP_EVENTS, new long[] {0, cut});
      List<String> second = read(bytes, InputFormat.APP_EVENTS, new long[] {cut, bytes.length});
      assertThat(first).as("first split, cut at %d", cut).containsExactly(whole.get(0));
      assertThat(second).as("second split, cut at %d", cut).containsExactly(whole.get(1), whole.get(2));
    }
  }

  @Test
  void prettyPrintedExpvarDocumentsAreNeverCut() throws IOException {
    String pretty = String.join("\n",
        "2026-10-01T00:05:00Z {",
        "  \"cmdline\": [\"/srv/kwanza\"],",
        "  \"memstats\": {",
        "    \"Alloc\": 4194304,",
        "    \"NumGC\": 17",
        "  },",
        "  \"requests\": 120",
        "}");
    String content = pretty + "\n" + pretty.replace("00:05:00", "00:06:00").replace("120", "180") + "\n"
        + "2026-10-01T00:07:00Z {\"requests\": 240}\n";
    List<String> whole = assertEveryCutReadsAsWhole(content, InputFormat.EXPVAR);

    // Metrics of the three documents, numbered by each document's first line: 1, 9 and 17.
    assertThat(whole).allMatch(record -> !record.contains("reject"));
    assertThat(whole).extracting(record -> record.substring(0, record.indexOf(':')))
        .containsOnly("1", "9", "17");
    assertThat(whole).contains("9:metric:expvar.requests=180.0", "17:metric:expvar.requests=240.0");
  }

  @Test
  void plainTextStackTracesStayWithTheirRecordAtEveryCut() throws IOException {
    String content = String.join("\n",
        "2026-10-01 00:00:01,000 INFO  [main] app.Server - started",
        "2026-10-01 00:00:02,000 ERROR [main] app.Server - request failed",
        "java.lang.IllegalStateException: boom",
        "\tat app.Server.handle(Server.java:42)",
        "\tat app.Server.run(Server.java:7)",
        "Caused by: java.io.IOException: closed",
        "\t... 2 more",
        "2026-10-01 00:00:03,000 WARN  [main] app.Server - slow") + "\n";
    List<String> whole = assertEveryCutReadsAsWhole(content, InputFormat.PLAINTEXT);

    assertThat(whole).hasSize(3);
    assertThat(whole.get(1)).startsWith("2:event:").contains("Caused by: java.io.IOException: closed");
    assertThat(whole.get(2)).startsWith("8:event:");
  }

  /** Reads whole, then cut in two at every byte and in three at a stride; returns the whole read. */
  private static List<String> assertEveryCutReadsAsWhole(String content, InputFormat format) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    List<String> whole = read(bytes, format, new long[] {0, bytes.length});
    for (int cut = 1; cut < bytes.length; cut++) {
      assertThat(read(bytes, format, new long[] {0, cut}, new long[] {cut, bytes.length}))
          .as("cut at byte %d", cut)
          .isEqualTo(whole);
    }
    for (int cut = 1; cut + 11 < bytes.length; cut += 5) {
      assertThat(read(bytes, format, new long[] {0, cut}, new long[] {cut, cut + 11},
          new long[] {cut + 11, bytes.length}))
          .as("cuts at bytes %d and %d", cut, cut + 11)
          .isEqualTo(whole);
    }
    return whole;
  }

  /** Reads each range as its own split (first line numbers from a newline count, as the planner does). */
  private static List<String> read(byte[] bytes, InputFormat format, long[]... ranges) throws IOException {
    CollectingSplitSink sink = new CollectingSplitSink(
        event -> "event:ts=" + event.tsMicros() + " host=" + event.hostname() + " type=" + event.type()
            + " message=" + event.message() + " attributes=" + event.attributes(),
        metric -> "metric:" + metric.name() + "=" + metric.value());
    for (long[] range : ranges) {
      long newlinesBefore = 0;
      for (int i = 0; i < range[0]; i++) {
        if (bytes[i] == '\n') {
          newlinesBefore++;
        }
      }
      SplitTask.Split split = new SplitTask.Split("file:/in/input.log", "input.log", "fingerprint", range[0],
          range[1], false, 1 + newlinesBefore, format, null);
      RecordParser parser = new DefaultFormats().create(format, ParseContext.forTests("input.log"));
      try (FSDataInputStream in = new FSDataInputStream(new SeekableBytes(bytes))) {
        SplitReader.read(in, split, 1 << 20, parser, sink);
      }
    }
    return sink.records;
  }

  /** The file's bytes as a seekable stream (a local file system open per read made this test slow). */
  private static final class SeekableBytes extends ByteArrayInputStream implements Seekable, PositionedReadable {
    SeekableBytes(byte[] bytes) {
      super(bytes);
    }

    @Override
    public void seek(long position) {
      pos = (int) position;
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public boolean seekToNewSource(long targetPos) {
      return false;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) {
      int n = Math.min(length, count - (int) position);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(buf, (int) position, buffer, offset, n);
      return n;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
      if (read(position, buffer, offset, length) != length) {
        throw new java.io.EOFException();
      }
    }

    @Override
    public void readFully(long position, byte[] buffer) throws IOException {
      readFully(position, buffer, 0, buffer.length);
    }
  }
}
