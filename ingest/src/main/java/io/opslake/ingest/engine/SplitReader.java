package io.opslake.ingest.engine;

import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.io.Line;
import io.opslake.ingest.io.LineReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * Reads the lines of one file split into a parser.
 *
 * <p>Split rule (as Hadoop's line reader): a line belongs to the split holding its first byte. A
 * split that starts mid-file skips the partial line, then skips lines that cannot start a record
 * (they continue the previous split's last record); a split that reaches its end keeps reading
 * while lines continue its last record. So every record is read by exactly one split, whole, with
 * the same line number it would have in a single-split read.
 */
public final class SplitReader {
  private SplitReader() {}

  /**
   * @param raw the file, at any position
   * @return bytes consumed (uncompressed for gzip)
   */
  public static long read(
      FSDataInputStream raw, SplitTask.Split split, int maxLineBytes, RecordParser parser, SplitSink sink)
      throws IOException {
    long lineNumber = split.firstLineNumber();
    long lastLineRead = lineNumber - 1;
    InputStream in;
    LineReader reader;
    if (split.gzip()) {
      raw.seek(0);
      in = new GZIPInputStream(raw, 1 << 16);
      reader = new LineReader(in, 0, maxLineBytes);
    } else {
      long seekTo = split.start() == 0 ? 0 : split.start() - 1;
      raw.seek(seekTo);
      in = new BufferedInputStream(raw, 1 << 16);
      reader = new LineReader(in, seekTo, maxLineBytes);
      if (split.start() > 0) {
        if (!reader.skipPastNewline()) {
          return 0;
        }
        // The newline ending the partial line lies inside this split: that partial line was
        // line firstLineNumber, so ours is the next one.
        if (reader.position() - 1 >= split.start()) {
          lineNumber++;
        }
      }
    }
    long end = split.gzip() ? Long.MAX_VALUE : split.end();
    boolean atSplitStart = split.start() > 0 && !split.gzip();
    try {
      Line line;
      while ((line = reader.next()) != null) {
        long number = lineNumber++;
        lastLineRead = number;
        boolean pastEnd = line.offset() >= end;
        if (line instanceof Line.Text text) {
          String content = text.text();
          boolean blank = content.isBlank();
          boolean starts = !blank && startsRecord(parser, content);
          if (pastEnd && starts) {
            break;
          }
          if (blank) {
            if (pastEnd) {
              continue; // the next split counts it
            }
            sink.blankLine();
            continue;
          }
          if (atSplitStart && !starts) {
            continue; // belongs to the previous split's last record
          }
          atSplitStart = false;
          accept(parser, content, number, sink);
        } else {
          if (pastEnd) {
            break;
          }
          atSplitStart = false;
          rejectLine(sink, line, number);
        }
      }
    } catch (IOException e) {
      // A corrupt or truncated compressed stream: what follows the last good line cannot be read,
      // and one quarantine row says so instead of failing the run.
      finish(parser, sink);
      sink.reject(
          lastLineRead + 1, "input stream is corrupt after line " + lastLineRead + ": " + e.getMessage(), "", 0);
      return reader.position() - split.start();
    }
    finish(parser, sink);
    return reader.position() - (split.gzip() ? 0 : split.start());
  }

  private static boolean startsRecord(RecordParser parser, String line) {
    try {
      return parser.startsRecord(line);
    } catch (RuntimeException e) {
      return true;
    }
  }

  /**
   * Keeps "every record ends in exactly one place" even when a parser has a bug: an exception
   * becomes a quarantine row for the line, unless the parser already accounted for it.
   */
  private static void accept(RecordParser parser, String line, long number, SplitSink sink) {
    long before = sink.recordsSoFar();
    try {
      parser.accept(line, number, sink);
    } catch (RuntimeException e) {
      if (sink.recordsSoFar() == before) {
        sink.reject(number, "parser failed: " + e, line);
      }
    }
  }

  private static void finish(RecordParser parser, SplitSink sink) {
    try {
      parser.finish(sink);
    } catch (RuntimeException e) {
      sink.reject(0, "parser failed at end of input: " + e, "");
    }
  }

  private static void rejectLine(SplitSink sink, Line line, long number) {
    if (line instanceof Line.Oversized oversized) {
      sink.reject(number, "line of " + oversized.bytes() + " bytes exceeds the line limit",
          oversized.prefix(), oversized.bytes());
    } else if (line instanceof Line.Undecodable bad) {
      sink.reject(number,
          String.format("line is not valid UTF-8 (byte 0x%02X at offset %d)", bad.badByte(), bad.badIndex()),
          bad.lenientText(), bad.bytes());
    }
  }
}
