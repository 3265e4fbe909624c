package io.opslake.ingest.engine;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.io.Line;
import io.opslake.ingest.io.LineReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The second ingest pass, run in one Spark task: reads the task's file splits line by line, feeds
 * the format's parser, and writes raw_events, raw_metrics and quarantine rows into staging in the
 * same pass (one read, three outputs, no shuffle). Memory: the open Parquet files' row groups.
 *
 * <p>Split rule (as Hadoop's line reader): a line belongs to the split holding its first byte. A
 * split that starts mid-file skips the partial line, then skips lines that cannot start a record
 * (they continue the previous split's last record); a split that reaches its end keeps reading
 * while lines continue its last record.
 */
public final class SplitIngestor implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final IngestSettings settings;
  private final HadoopConf conf;
  private final FormatSupport parsers;
  /** Records since the last progress report, read by the driver through an accumulator. */
  private final ProgressCounter progress;

  /** Receives progress from inside a task; implemented by a Spark accumulator on clusters. */
  @FunctionalInterface
  public interface ProgressCounter extends java.io.Serializable {
    void add(long bytes);
  }

  public SplitIngestor(IngestSettings settings, HadoopConf conf, FormatSupport parsers, ProgressCounter progress) {
    this.settings = settings;
    this.conf = conf;
    this.parsers = parsers;
    this.progress = progress;
  }

  public TaskOutput run(SplitTask task, int attempt) throws IOException {
    Map<String, FormatStats> statsByFormat = new HashMap<>();
    Map<String, Long> recordsByFile = new HashMap<>();
    String prefix = String.format("part-%s-%05d-a%d", settings.runId(), task.taskIndex(), attempt);
    try (StagingWriters writers = new StagingWriters(settings, conf.get(), prefix)) {
      for (SplitTask.Split split : task.splits()) {
        FormatStats stats = new FormatStats();
        RowSink sink = new RowSink(writers, settings, split, stats);
        ingestSplit(split, sink, stats);
        statsByFormat.computeIfAbsent(RowSink.sourceOf(split.format()), key -> new FormatStats()).add(stats);
        recordsByFile.merge(split.uri(), stats.recordsRead, Long::sum);
        progress.add(split.end() - split.start());
      }
      return new TaskOutput(writers.finish(), statsByFormat, recordsByFile);
    }
  }

  private void ingestSplit(SplitTask.Split split, RowSink sink, FormatStats stats) throws IOException {
    Path path = new Path(split.uri());
    FileSystem fs = path.getFileSystem(conf.get());
    ParseContext context = new ParseContext(split.fileName(), settings.timestamps());
    RecordParser parser = newParser(split, context);
    GuardedSink guarded = new GuardedSink(sink);
    long lineNumber = split.firstLineNumber();
    long lastLineRead = lineNumber - 1;
    try (FSDataInputStream raw = fs.open(path)) {
      InputStream in;
      LineReader reader;
      if (split.gzip()) {
        in = new GZIPInputStream(raw, 1 << 16);
        reader = new LineReader(in, 0, settings.maxLineBytes());
      } else {
        long seekTo = split.start() == 0 ? 0 : split.start() - 1;
        raw.seek(seekTo);
        in = new BufferedInputStream(raw, 1 << 16);
        reader = new LineReader(in, seekTo, settings.maxLineBytes());
        if (split.start() > 0) {
          if (!reader.skipPastNewline()) {
            return;
          }
          // The skipped newline lies inside this split: the partial line before it was line N.
          if (reader.position() - 1 >= split.start()) {
            lineNumber++;
          }
        }
      }
      long end = split.gzip() ? Long.MAX_VALUE : split.end();
      boolean atSplitStart = split.start() > 0;
      try {
        Line line;
        while ((line = reader.next()) != null) {
          long number = lineNumber++;
          lastLineRead = number;
          boolean pastEnd = line.offset() >= end;
          if (line instanceof Line.Text text) {
            String content = text.text();
            if (content.isBlank()) {
              if (pastEnd) {
                break;
              }
              stats.blankLines++;
              continue;
            }
            boolean starts = startsRecord(parser, content);
            if (pastEnd && starts) {
              break;
            }
            if (atSplitStart && !starts) {
              continue; // belongs to the previous split's record
            }
            atSplitStart = false;
            guarded.accept(parser, content, number);
          } else {
            if (pastEnd) {
              break;
            }
            atSplitStart = false;
            rejectLine(sink, line, number);
          }
        }
        stats.bytes = reader.position() - split.start();
      } catch (IOException e) {
        // A corrupt or truncated compressed stream: everything after the last good line is lost
        // to us, and says so in one quarantine row instead of failing the run.
        guarded.finish(parser);
        sink.reject(
            lastLineRead + 1,
            "input stream is corrupt after line " + lastLineRead + ": " + e.getMessage(),
            "",
            0);
        return;
      }
    }
    guarded.finish(parser);
  }

  private RecordParser newParser(SplitTask.Split split, ParseContext context) {
    if (split.format() == null) {
      return new RejectingParser(split.undetectedReason());
    }
    return parsers.create(split.format(), context);
  }

  private static boolean startsRecord(RecordParser parser, String line) {
    try {
      return parser.startsRecord(line);
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static void rejectLine(RowSink sink, Line line, long number) {
    if (line instanceof Line.Oversized oversized) {
      sink.reject(
          number,
          "line of " + oversized.bytes() + " bytes exceeds the line limit",
          oversized.prefix(),
          oversized.bytes());
    } else if (line instanceof Line.Undecodable bad) {
      sink.reject(
          number,
          String.format("line is not valid UTF-8 (byte 0x%02X at offset %d)", bad.badByte(), bad.badIndex()),
          bad.lenientText(),
          bad.bytes());
    }
  }

  /**
   * Keeps the "every record ends in exactly one place" rule even when a parser has a bug: an
   * exception becomes a quarantine row for the line, and the parser is kept.
   */
  private static final class GuardedSink {
    private final RowSink sink;

    GuardedSink(RowSink sink) {
      this.sink = sink;
    }

    void accept(RecordParser parser, String line, long number) {
      long before = sink.recordsSoFar();
      try {
        parser.accept(line, number, sink);
      } catch (RuntimeException e) {
        if (sink.recordsSoFar() == before) {
          sink.reject(number, "parser failed: " + e, line);
        }
      }
    }

    void finish(RecordParser parser) {
      try {
        parser.finish(sink);
      } catch (RuntimeException e) {
        sink.reject(0, "parser failed at end of input: " + e, "");
      }
    }
  }

  /** Quarantines every record of a file whose format is unknown. */
  private record RejectingParser(String reason) implements RecordParser {
    @Override
    public void accept(String line, long lineNumber, RecordSink sink) {
      sink.reject(lineNumber, reason, line);
    }

    @Override
    public void finish(RecordSink sink) {}
  }
}
