package io.opslake.sampledata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Generates the sample landing area: for every day, format and host a file
 * {@code <out>/dt=YYYY-MM-DD/<format>/<host>.<ext>[.gz]}, plus the ground truth
 * {@code <out>/_scenario.json} (see {@code sample-data/SCENARIO.md}).
 *
 * <p>Every file is a pure function of the options and its (format, host, day), so files are
 * written in parallel on a small pool and the output is byte-identical for identical options.
 * Memory: one file's records at a time per thread (a few MB at the default rates).
 */
public final class ScenarioGenerator {
  public static final String SCENARIO_FILE = "_scenario.json";

  private final Consumer<String> progress;
  private final int threads;

  /** A generator that reports nothing. */
  public ScenarioGenerator() {
    this(message -> { });
  }

  /** A generator that reports one line per finished day to {@code progress}. */
  public ScenarioGenerator(Consumer<String> progress) {
    this(progress, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
  }

  ScenarioGenerator(Consumer<String> progress, int threads) {
    this.progress = progress;
    this.threads = threads;
  }

  /** A file to write and, once written, what it holds. */
  record FileOutcome(GeneratedFile file, List<String> notFoundMd5s) {}

  private record FileTask(FormatWriter writer, String host, int day, int file) {}

  public GenerationResult generate(GeneratorOptions options) {
    ScenarioPlan plan = new ScenarioPlan(options);
    List<FormatWriter> writers = writers(plan);
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "sample-data-writer");
      thread.setDaemon(true);
      return thread;
    });
    List<FileOutcome> outcomes = new ArrayList<>();
    try {
      for (int day = 0; day < options.days(); day++) {
        List<Future<FileOutcome>> dayFutures = new ArrayList<>();
        for (FormatWriter writer : writers) {
          for (String host : writer.hosts(day)) {
            for (int file = 0; file < writer.fileCount(host, day); file++) {
              FileTask task = new FileTask(writer, host, day, file);
              dayFutures.add(pool.submit(() -> write(plan, task)));
            }
          }
        }
        long bytes = 0;
        for (Future<FileOutcome> future : dayFutures) {
          FileOutcome outcome = await(future);
          outcomes.add(outcome);
          bytes += outcome.file().bytes();
        }
        progress.accept("dt=" + options.start().plusDays(day) + ": " + dayFutures.size() + " files, " + bytes + " bytes");
      }
    } finally {
      pool.shutdownNow();
    }
    outcomes.sort((left, right) -> left.file().path().compareTo(right.file().path()));
    Path scenarioFile = options.out().resolve(SCENARIO_FILE);
    new ScenarioJson(plan, outcomes).write(scenarioFile);
    return summarize(outcomes, scenarioFile);
  }

  private static List<FormatWriter> writers(ScenarioPlan plan) {
    List<FormatWriter> writers = new ArrayList<>();
    for (SampleFormat format : SampleFormat.values()) {
      if (plan.options().writes(format)) {
        writers.add(writerFor(plan, format));
      }
    }
    return writers;
  }

  static FormatWriter writerFor(ScenarioPlan plan, SampleFormat format) {
    return switch (format) {
      case APP_EVENTS, APP_EVENTS_EDN -> new AppEventsWriter(plan, format);
      case JOURNALD -> new JournaldWriter(plan);
      case ZAP -> new ZapWriter(plan);
      case PLAINTEXT -> new PlaintextWriter(plan);
      case STATSD -> new StatsdWriter(plan);
      case DCOS_METRICS -> new DcosMetricsWriter(plan);
      case WRITER_METRICS -> new WriterMetricsWriter(plan);
      case ES_SHARDS -> new EsShardsWriter(plan);
      case EXPVAR -> new ExpvarWriter(plan);
      case KAFKA_LAG -> new KafkaLagWriter(plan);
      case HOST_STATS -> new HostStatsWriter(plan);
    };
  }

  static String relativePath(GeneratorOptions options, SampleFormat format, String fileName, LocalDate date) {
    return "dt=" + date + "/" + format.id() + "/" + fileName + "." + format.extension() + options.compress().suffix();
  }

  private static FileOutcome write(ScenarioPlan plan, FileTask task) throws IOException {
    GeneratorOptions options = plan.options();
    SampleFormat format = task.writer().format();
    LocalDate date = options.start().plusDays(task.day());
    String fileName = task.writer().fileName(task.host(), task.day(), task.file());
    String relative = relativePath(options, format, fileName, date);
    Path file = options.out().resolve(relative);
    FileContent content = task.writer().render(task.host(), task.day(), task.file());
    // Keyed by the file name, which is the host for one file per host-day: existing files keep their bytes.
    FileAssembler.Counts counts = FileAssembler.write(file, options.compress(), content, task.writer().malformer(),
        options.malformedRatio(), RandomStreams.stream(options.seed(), "malformed", format.id(), fileName, task.day()));
    GeneratedFile generated = new GeneratedFile(relative, format, task.host(), date, counts.validRecords(),
        counts.malformedRecords(), counts.lines(), Files.size(file), counts.malformedByKind());
    return new FileOutcome(generated, content.notFoundMd5s());
  }

  private static FileOutcome await(Future<FileOutcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Sample data generation was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static GenerationResult summarize(List<FileOutcome> outcomes, Path scenarioFile) {
    Map<SampleFormat, Long> valid = new EnumMap<>(SampleFormat.class);
    Map<SampleFormat, Long> malformed = new EnumMap<>(SampleFormat.class);
    List<GeneratedFile> files = new ArrayList<>(outcomes.size());
    long bytes;
    try {
      bytes = Files.size(scenarioFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (FileOutcome outcome : outcomes) {
      GeneratedFile file = outcome.file();
      files.add(file);
      valid.merge(file.format(), file.validRecords(), Long::sum);
      malformed.merge(file.format(), file.malformedRecords(), Long::sum);
      bytes += file.bytes();
    }
    return new GenerationResult(files, valid, malformed, bytes, scenarioFile);
  }
}
