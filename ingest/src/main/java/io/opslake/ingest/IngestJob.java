package io.opslake.ingest;

import io.opslake.storage.CommitRecord;
import io.opslake.storage.RunIds;
import io.opslake.storage.Warehouse;
import io.opslake.ingest.engine.BlockScan;
import io.opslake.ingest.engine.BlockScanner;
import io.opslake.ingest.engine.FileBlock;
import io.opslake.ingest.engine.FormatStats;
import io.opslake.ingest.engine.FormatSupport;
import io.opslake.ingest.engine.HadoopConf;
import io.opslake.ingest.engine.IngestSettings;
import io.opslake.ingest.engine.SplitIngestor;
import io.opslake.ingest.engine.SplitTask;
import io.opslake.ingest.engine.StagedFile;
import io.opslake.ingest.engine.TaskOutput;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.parquet.TableFileWriter;
import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Lands raw monitoring files in the warehouse: {@code raw_events}, {@code raw_metrics}, {@code
 * quarantine} and one {@code ingest_runs} row, exactly once per input file content.
 *
 * <p>Two Spark jobs, no shuffle (none in local mode for inputs up to 1 MiB, which the driver reads
 * itself: the jobs' fixed cost exceeds the work). The scan job reads every input byte once (md5
 * fingerprint and newline count per 32 MiB block, format detection on the first lines); the
 * driver then skips files whose fingerprint a succeeded run already committed and plans splits;
 * the parse job reads the splits again, parses them with the format's plain-Java parser and
 * writes Parquet for all three tables in the same pass into a staging area. The driver then
 * commits (see {@link Warehouse}). Driver memory: one small record per block and per staged file.
 */
public final class IngestJob {
  private static final long ROW_GROUP_BYTES = 32L << 20;
  private static final int MAX_OPEN_FILES_PER_TASK = 48;
  /** Inputs up to this size are read on the driver in local mode (see {@link #onDriver}). */
  static final long DRIVER_LOCAL_BYTES = 1L << 20;
  /** Staging areas without a commit record older than this belong to dead runs. */
  private static final Duration ABANDONED_STAGING_AGE = Duration.ofHours(1);

  private final SparkSession spark;
  private final IngestOptions options;
  private final FormatSupport formats;
  private final Consumer<String> progress;

  public IngestJob(SparkSession spark, IngestOptions options, FormatSupport formats, Consumer<String> progress) {
    this.spark = spark;
    this.options = options;
    this.formats = formats;
    this.progress = progress;
  }

  public IngestResult run() throws IOException {
    Instant started = options.startedAt();
    String runId = RunIds.ingest(started);
    String runDate = started.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Warehouse warehouse = Warehouse.open(options.warehouse(), hadoop);
    for (String abandoned : warehouse.removeAbandonedStaging(ABANDONED_STAGING_AGE, Instant.now())) {
      progress.accept("ingest " + runId + ": removed the staging area of run " + abandoned + ", which died before committing");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

    long listStarted = System.nanoTime();
    List<FileStatus> files = InputListing.expand(options.inputs(), hadoop);
    long totalBytes = files.stream().mapToLong(FileStatus::getLen).sum();
    progress.accept(String.format(Locale.ROOT, "ingest %s: listed %d files, %s in %.1f s", runId, files.size(),
        megabytes(totalBytes), seconds(listStarted)));

    // Pass 1: fingerprints, line counts, formats.
    List<FileBlock> blocks = IngestPlanner.blocksOf(files);
    describe(jsc, runId, "scan " + blocks.size() + " blocks");
    long scanStarted = System.nanoTime();
    FormatSupport formatSupport = formats;
    // Small files share a task (a task costs a few milliseconds of scheduling, a 1 KB file far less).
    int parallelism = spark.sparkContext().defaultParallelism();
    List<List<FileBlock>> scanTasks = IngestPlanner.binPack(blocks, IngestPlanner.taskBytes(
        blocks.stream().mapToLong(FileBlock::length).sum(), parallelism));
    boolean onDriver = onDriver(totalBytes);
    HadoopConf driverConf = new HadoopConf(hadoop);
    // Broadcast: a Hadoop Configuration is hundreds of entries, and deserializing it in every task
    // cost as much as parsing a few MB; a broadcast is deserialized once per executor. The driver
    // reading a tiny input itself needs none (creating one cost a tenth of a one-line run).
    SplitIngestor.ConfSource conf =
        onDriver ? () -> driverConf : SplitIngestor.ConfSource.broadcast(jsc.broadcast(driverConf));
    List<BlockScan> scans;
    if (onDriver) {
      scans = new ArrayList<>(blocks.size());
      for (FileBlock block : blocks) {
        scans.add(BlockScanner.scan(block, conf.value(), formatSupport));
      }
    } else {
      scans =
          scanTasks.isEmpty()
              ? List.of()
              : jsc.parallelize(scanTasks, scanTasks.size())
                  .flatMap(task -> {
                    List<BlockScan> results = new ArrayList<>(task.size());
                    for (FileBlock block : task) {
                      results.add(BlockScanner.scan(block, conf.value(), formatSupport));
                    }
                    return results.iterator();
                  })
                  .collect();
    }

    // Plan: skip what was ingested, number lines, bin splits into tasks.
    Map<String, Long> ingested = warehouse.ingestedFingerprints();
    IngestPlanner.Plan plan = IngestPlanner.plan(files, scans, ingested, parallelism, options.format());
    progress.accept(String.format(Locale.ROOT, "ingest %s: scanned %d blocks in %.1f s; %d files to parse (%s), %d already ingested",
        runId, blocks.size(), seconds(scanStarted), plan.files().size(), megabytes(plan.bytesToParse()), plan.skippedFiles()));

    IngestSettings settings =
        new IngestSettings(
            runId,
            warehouse.stagingPath(runId).toString(),
            runDate,
            TimestampPolicy.forRunStartingAt(started),
            options.maxLineBytes(),
            ROW_GROUP_BYTES,
            MAX_OPEN_FILES_PER_TASK,
            options.lineFormat().orElse(null),
            options.capture(),
            options.metricTypes());
    LongAccumulator bytesDone = spark.sparkContext().longAccumulator("ingest bytes parsed");
    SplitIngestor ingestor = new SplitIngestor(settings, conf, formatSupport, bytesDone::add);
    List<TaskOutput> outputs;
    describe(jsc, runId, "parse " + plan.tasks().size() + " tasks");
    long parseStarted = System.nanoTime();
    try (ProgressReporter reporter = new ProgressReporter(progress, bytesDone, plan.bytesToParse(), runId)) {
      if (onDriver) {
        outputs = new ArrayList<>(plan.tasks().size());
        for (SplitTask task : plan.tasks()) {
          outputs.add(ingestor.run(task, 0));
        }
      } else {
        outputs =
            plan.tasks().isEmpty()
                ? List.of()
                : jsc.parallelize(plan.tasks(), plan.tasks().size())
                    .map(task -> ingestor.run(task, TaskContext.get().attemptNumber()))
                    .collect();
      }
    } catch (RuntimeException | IOException e) {
      warehouse.discardStaging(runId);
      throw e;
    } finally {
      jsc.clearJobGroup();
    }

    progress.accept(String.format(Locale.ROOT, "ingest %s: parsed %d tasks in %.1f s", runId, outputs.size(), seconds(parseStarted)));

    // Account.
    Map<String, FormatStats> stats = new HashMap<>();
    Map<String, Long> recordsByFile = new HashMap<>();
    List<StagedFile> staged = new ArrayList<>();
    for (TaskOutput output : outputs) {
      output.statsByFormat().forEach((format, counts) -> stats.merge(format, counts, FormatStats::plus));
      output.recordsByFile().forEach((uri, records) -> recordsByFile.merge(uri, records, Long::sum));
      staged.addAll(output.stagedFiles());
    }
    long read = stats.values().stream().mapToLong(FormatStats::recordsRead).sum();
    long quarantined = stats.values().stream().mapToLong(FormatStats::quarantined).sum();
    double badRatio = read == 0 ? 0 : (double) quarantined / read;
    boolean failed = badRatio > options.maxBadRatio();
    String message =
        failed
            ? String.format(
                Locale.ROOT,
                "%d of %d records (%.2f%%) were quarantined, more than --max-bad-ratio %s allows;"
                    + " raw tables were left unchanged",
                quarantined, read, badRatio * 100, options.maxBadRatio())
            : null;

    // Publish: the failed run keeps only its quarantine rows and its run record.
    List<StagedFile> published = new ArrayList<>();
    for (StagedFile file : staged) {
      if (!failed || file.table().equals(Tables.QUARANTINE.name())) {
        published.add(file);
      }
    }
    Instant finished = Instant.now();
    long eventsWritten = stats.values().stream().mapToLong(FormatStats::eventsWritten).sum();
    long metricsWritten = stats.values().stream().mapToLong(FormatStats::metricsWritten).sum();
    StagedFile runRow =
        writeRunRow(hadoop, settings, plan, started, finished, read,
            failed ? 0 : eventsWritten, failed ? 0 : metricsWritten, quarantined, failed, message);
    published.add(runRow);

    List<CommitRecord.Move> moves = moves(warehouse, runId, published);
    List<CommitRecord.CommittedInput> inputs = new ArrayList<>();
    for (IngestPlanner.PlannedFile file : plan.files()) {
      inputs.add(new CommitRecord.CommittedInput(
          file.uri(), file.fingerprint(), file.formatId(), recordsByFile.getOrDefault(file.uri(), 0L)));
    }
    CommitRecord record =
        new CommitRecord(CommitRecord.CURRENT_VERSION, runId, failed ? "failed" : "succeeded",
            started.toString(), finished.toString(), inputs, moves);
    long commitStarted = System.nanoTime();
    warehouse.commit(record);
    progress.accept(String.format(Locale.ROOT, "ingest %s: committed %d files in %.1f s", runId, moves.size(), seconds(commitStarted)));

    Map<String, Long> rowsByTable = new LinkedHashMap<>();
    // The tables ingest writes; derived tables in Tables.ALL are rebuilt by their own jobs.
    for (TableDefinition table : List.of(Tables.RAW_EVENTS, Tables.RAW_METRICS, Tables.QUARANTINE, Tables.INGEST_RUNS)) {
      rowsByTable.put(table.name(), 0L);
    }
    published.forEach(file -> rowsByTable.merge(file.table(), file.rows(), Long::sum));
    Map<String, IngestResult.SourceCounts> bySource = new LinkedHashMap<>();
    stats.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> bySource.put(entry.getKey(), new IngestResult.SourceCounts(
            plan.filesByFormat().getOrDefault(entry.getKey(), 0L),
            entry.getValue().recordsRead(), entry.getValue().eventsWritten(),
            entry.getValue().metricsWritten(), entry.getValue().quarantined(), entry.getValue().bytes())));
    return new IngestResult(runId, record.status(), message, plan.files().size(), plan.skippedFiles(),
        plan.duplicatesSkipped(), bySource, rowsByTable, badRatio, plan.bytesToParse(),
        Duration.between(started, finished), metricDates(published));
  }

  /**
   * Whether to scan and parse on the driver instead of in two Spark jobs: only in local mode, where
   * the driver's JVM is the executor anyway, and only for inputs so small that the jobs' fixed cost
   * (closure serialization, scheduling, task launch and result collection) exceeds the work.
   */
  private boolean onDriver(long totalBytes) {
    return totalBytes <= DRIVER_LOCAL_BYTES && spark.sparkContext().isLocal();
  }

  private static List<String> metricDates(List<StagedFile> published) {
    return published.stream()
        .filter(file -> file.table().equals(Tables.RAW_METRICS.name()) && file.rows() > 0)
        .map(StagedFile::dt)
        .distinct()
        .toList();
  }

  private static void describe(JavaSparkContext jsc, String runId, String step) {
    jsc.setJobGroup("INGEST " + runId, "INGEST run=" + runId + " " + step, false);
  }

  private StagedFile writeRunRow(Configuration hadoop, IngestSettings settings, IngestPlanner.Plan plan, Instant started,
      Instant finished, long read, long events, long metrics, long quarantined, boolean failed, String message)
      throws IOException {
    Path path = new Path(settings.stagingUri() + "/ingest_runs/dt=" + settings.runDate() + "/part-run.parquet");
    List<String> fileLines = plan.files().stream()
        .map(file -> file.uri() + '\t' + file.formatId() + '\t' + file.fingerprint())
        .toList();
    Object[] row = {
      settings.runId(), options.inputs(), fileLines,
      TimestampPolicy.toMicros(started), TimestampPolicy.toMicros(finished),
      read, events, metrics, quarantined, plan.duplicatesSkipped(), plan.skippedFiles(),
      failed ? "failed" : "succeeded", message
    };
    try (TableFileWriter writer = new TableFileWriter(Tables.INGEST_RUNS, path, hadoop, 1 << 20)) {
      writer.write(row);
    }
    return new StagedFile(Tables.INGEST_RUNS.name(), settings.runDate(), path.toString(), 1);
  }

  private static List<CommitRecord.Move> moves(Warehouse warehouse, String runId, List<StagedFile> files) {
    List<StagedFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(StagedFile::stagingPath));
    Map<String, Integer> sequence = new HashMap<>();
    List<CommitRecord.Move> moves = new ArrayList<>();
    for (StagedFile file : sorted) {
      TableDefinition table = Tables.byName(file.table()).orElseThrow();
      String partition = table.name() + "/dt=" + file.dt();
      int number = sequence.merge(partition, 1, Integer::sum);
      Path target = new Path(warehouse.tablePath(table),
          "dt=" + file.dt() + "/part-" + runId + String.format("-%05d.parquet", number));
      moves.add(new CommitRecord.Move(file.stagingPath(), target.toString()));
    }
    return moves;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
