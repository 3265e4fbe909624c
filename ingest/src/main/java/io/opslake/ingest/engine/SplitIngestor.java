package io.opslake.ingest.engine;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;

/**
 * The second ingest pass, run in one Spark task: reads the task's file splits line by line, feeds
 * the format's parser, and writes raw_events, raw_metrics and quarantine rows into staging in the
 * same pass (one read, three outputs, no shuffle). Memory: the open Parquet files' row groups.
 *
 * <p>How a split is cut and read is {@link SplitReader}'s business.
 */
public final class SplitIngestor implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final IngestSettings settings;
  private final ConfSource conf;
  private final FormatSupport parsers;
  /** Records since the last progress report, read by the driver through an accumulator. */
  private final ProgressCounter progress;

  /** Receives progress from inside a task; implemented by a Spark accumulator on clusters. */
  @FunctionalInterface
  public interface ProgressCounter extends java.io.Serializable {
    void add(long bytes);
  }

  /**
   * Where a task finds the Hadoop configuration: a broadcast's value in Spark tasks (deserialized
   * once per executor), the driver's own when the driver reads a tiny input itself.
   */
  @FunctionalInterface
  public interface ConfSource extends java.io.Serializable {
    HadoopConf value();

    static ConfSource broadcast(Broadcast<HadoopConf> broadcast) {
      return broadcast::value;
    }
  }

  public SplitIngestor(IngestSettings settings, ConfSource conf, FormatSupport parsers, ProgressCounter progress) {
    this.settings = settings;
    this.conf = conf;
    this.parsers = parsers;
    this.progress = progress;
  }

  public TaskOutput run(SplitTask task, int attempt) throws IOException {
    Map<String, FormatStats> statsByFormat = new HashMap<>();
    Map<String, Long> recordsByFile = new HashMap<>();
    String prefix = String.format("part-%s-%05d-a%d", settings.runId(), task.taskIndex(), attempt);
    try (StagingWriters writers = new StagingWriters(settings, conf.value().get(), prefix)) {
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
    FileSystem fs = path.getFileSystem(conf.value().get());
    RecordParser parser = newParser(split, new ParseContext(split.fileName(), settings.timestamps(), settings.lineFormat(), settings.capture()));
    try (FSDataInputStream raw = fs.open(path)) {
      stats.bytes = SplitReader.read(raw, split, settings.maxLineBytes(), parser, sink);
    }
  }

  private RecordParser newParser(SplitTask.Split split, ParseContext context) {
    if (split.format() == null) {
      return new RejectingParser(split.undetectedReason());
    }
    return parsers.create(split.format(), context);
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
