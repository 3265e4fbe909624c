package io.opslake.ingest.engine;

import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.io.Line;
import io.opslake.ingest.io.LineReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The first ingest pass over one block: md5 of its bytes and its newline count, plus format
 * detection on block 0. Reads every byte once; runs in a Spark task.
 */
public final class BlockScanner {
  static final int SAMPLE_LINES = 50;
  private static final int SAMPLE_MAX_LINE_BYTES = 64 << 10;
  private static final int READ_BYTES = 1 << 20;

  private BlockScanner() {}

  public static BlockScan scan(FileBlock block, HadoopConf conf, FormatSupport formats) throws IOException {
    Path path = new Path(block.uri());
    FileSystem fs = path.getFileSystem(conf.get());
    MessageDigest md5 = md5();
    long newlines = 0;
    boolean gzip = false;
    try (FSDataInputStream in = fs.open(path)) {
      in.seek(block.start());
      byte[] buffer = new byte[READ_BYTES];
      long remaining = block.length();
      boolean first = true;
      while (remaining > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (read < 0) {
          throw new IOException(block.uri() + " is shorter than listed (" + block.fileLength() + " bytes)");
        }
        if (first && block.index() == 0) {
          gzip = read >= 2 && (buffer[0] & 0xff) == 0x1f && (buffer[1] & 0xff) == 0x8b;
          first = false;
        }
        md5.update(buffer, 0, read);
        newlines += Newlines.count(buffer, 0, read);
        remaining -= read;
      }
    }
    InputFormat detected = null;
    String problem = null;
    if (block.index() == 0) {
      try {
        detected = formats.detect(sampleLines(fs, path, gzip)).orElse(null);
      } catch (IOException e) {
        problem = "could not read the start of the file: " + e.getMessage();
      }
    }
    return new BlockScan(block, HexFormat.of().formatHex(md5.digest()), newlines, gzip, detected, problem);
  }

  private static List<String> sampleLines(FileSystem fs, Path path, boolean gzip) throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream raw = fs.open(path);
        InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw)) {
      LineReader reader = new LineReader(in, 0, SAMPLE_MAX_LINE_BYTES);
      Line line;
      while (lines.size() < SAMPLE_LINES && (line = reader.next()) != null) {
        if (line instanceof Line.Text text && !text.text().isBlank()) {
          lines.add(text.text());
        }
      }
    }
    return lines;
  }

  public static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships MD5", e);
    }
  }
}
