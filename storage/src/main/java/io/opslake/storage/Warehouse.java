package io.opslake.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.opslake.errors.OpslakeException;
import io.opslake.schemas.TableDefinition;
import io.opslake.schemas.Tables;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The warehouse: one root URI ({@code file://}, {@code hdfs://}, {@code s3a://}) holding each
 * table at {@code <root>/<table>/dt=YYYY-MM-DD/*.parquet}, and opslake's own bookkeeping under
 * {@code <root>/_opslake/} (a name Spark, Hive and Trino skip, as they skip every name starting
 * with {@code _} or {@code .}).
 *
 * <p>Commit protocol (details in docs/architecture.md): a run writes into {@code
 * _opslake/staging/<runId>/}, then writes its {@link CommitRecord} atomically (create a temporary
 * file, rename it into place), then moves each staging file to its table partition, then marks the
 * record applied. Opening a warehouse first completes any committed-but-unapplied record, so a run
 * killed at any point is either invisible (no record) or completed by the next command.
 */
public final class Warehouse implements TableStore {
  static final String META_DIR = "_opslake";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final FileSystem fs;

  private Warehouse(Path root, FileSystem fs) {
    this.root = root;
    this.fs = fs;
  }

  /**
   * Opens the warehouse at {@code uri} (a URI, or a local path relative to the working directory)
   * and completes any interrupted commit.
   */
  public static Warehouse open(String uri, Configuration conf) throws IOException {
    Path root = new Path(qualify(uri));
    FileSystem fs = root.getFileSystem(conf);
    Warehouse warehouse = new Warehouse(fs.makeQualified(root), fs);
    warehouse.recover();
    return warehouse;
  }

  /** A URI with a scheme; bare paths are local files resolved against the working directory. */
  public static String qualify(String uri) {
    URI parsed = URI.create(uri.replace(" ", "%20"));
    if (parsed.getScheme() != null && parsed.getScheme().length() > 1) {
      return uri;
    }
    return Paths.get(uri).toAbsolutePath().normalize().toUri().toString();
  }

  @Override
  public String location() {
    return root.toString();
  }

  public Path root() {
    return root;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  public Path tablePath(TableDefinition table) {
    return new Path(root, table.name());
  }

  public Path stagingPath(String runId) {
    return new Path(root, META_DIR + "/staging/" + runId);
  }

  private Path commitsPath() {
    return new Path(root, META_DIR + "/commits");
  }

  /** Fingerprint → records read, for every input of every succeeded run. */
  public Map<String, Long> ingestedFingerprints() throws IOException {
    Map<String, Long> fingerprints = new HashMap<>();
    for (CommitRecord record : commitRecords()) {
      if (record.succeeded()) {
        for (CommitRecord.CommittedInput input : record.inputs()) {
          fingerprints.putIfAbsent(input.fingerprint(), input.records());
        }
      }
    }
    return fingerprints;
  }

  /** Every commit record, oldest first. */
  public List<CommitRecord> commitRecords() throws IOException {
    List<CommitRecord> records = new ArrayList<>();
    for (FileStatus status : listOrEmpty(commitsPath())) {
      if (status.getPath().getName().endsWith(".json")) {
        try (InputStream in = fs.open(status.getPath())) {
          records.add(JSON.readValue(in, CommitRecord.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw OpslakeException.data("Cannot open warehouse " + root + ": commit record " + status.getPath()
              + " is not a readable commit record (" + e.getOriginalMessage() + "); move it aside if no run"
              + " of that id should be completed");
        }
      }
    }
    records.sort(Comparator.comparing(CommitRecord::runId));
    return records;
  }

  /**
   * The commit point: writes the record under a temporary name and renames it into place, so a
   * reader finds either no record or a whole one.
   */
  public void commit(CommitRecord record) throws IOException {
    writeRecord(record);
    apply(record);
  }

  /** Step one of {@link #commit}: after it returns the run is committed, applied or not. */
  void writeRecord(CommitRecord record) throws IOException {
    Path target = new Path(commitsPath(), record.runId() + ".json");
    Path temporary = new Path(commitsPath(), "." + record.runId() + ".json.tmp");
    fs.mkdirs(commitsPath());
    try (OutputStream out = fs.create(temporary, true)) {
      JSON.writeValue(out, record);
    }
    if (!fs.rename(temporary, target)) {
      throw new IOException("Cannot commit run " + record.runId() + ": rename to " + target + " failed");
    }
  }

  /** Moves a committed record's files into place; safe to repeat after a crash at any point. */
  public void apply(CommitRecord record) throws IOException {
    for (CommitRecord.Move move : record.moves()) {
      Path from = new Path(move.from());
      Path to = new Path(move.to());
      if (fs.exists(to)) {
        continue; // moved before a crash
      }
      if (!fs.exists(from)) {
        throw new IOException(
            "Cannot complete run " + record.runId() + ": staging file " + from + " is missing and "
                + to + " was never published");
      }
      fs.mkdirs(to.getParent());
      if (!fs.rename(from, to) && !fs.exists(to)) {
        throw new IOException("Cannot complete run " + record.runId() + ": rename " + from + " -> " + to + " failed");
      }
    }
    for (CommitRecord.PartitionSwap swap : record.swaps()) {
      swapPartition(record.runId(), swap);
    }
    fs.create(appliedMarker(record.runId()), true).close();
    fs.delete(stagingPath(record.runId()), true);
    fs.delete(trashPath(record.runId()), true);
  }

  /**
   * Two renames: the old partition directory to the trash, the staged one into its place. A
   * reader sees the old day, or for the instant between the renames no day, never a mix. Each
   * step checks what a crash may have left, so re-applying is safe.
   */
  private void swapPartition(String runId, CommitRecord.PartitionSwap swap) throws IOException {
    Path staged = new Path(swap.staged());
    Path target = new Path(swap.target());
    Path trash = new Path(swap.trash());
    if (!fs.exists(staged)) {
      return; // swapped before a crash
    }
    if (fs.exists(target)) {
      fs.mkdirs(trash.getParent());
      if (!fs.rename(target, trash)) {
        throw new IOException("Cannot complete run " + runId + ": rename " + target + " -> " + trash + " failed");
      }
    }
    fs.mkdirs(target.getParent());
    if (!fs.rename(staged, target)) {
      throw new IOException("Cannot complete run " + runId + ": rename " + staged + " -> " + target + " failed");
    }
  }

  /** Where a run moves the partitions it replaces until its record is applied. */
  public Path trashPath(String runId) {
    return new Path(root, META_DIR + "/trash/" + runId);
  }

  /**
   * Commits a rebuild of whole partitions of a derived table: every {@code dt} directory staged
   * under {@code stagingPath(runId)/<table>/} replaces the table's directory of the same name.
   *
   * @param dates the partition values (YYYY-MM-DD) that were staged; a date with no staged
   *     directory is left unchanged
   */
  public CommitRecord replacePartitions(String runId, TableDefinition table, List<String> dates,
      Instant startedAt) throws IOException {
    List<CommitRecord.PartitionSwap> swaps = new ArrayList<>();
    String column = table.partitionColumn().name();
    for (String date : dates) {
      Path staged = new Path(stagingPath(runId), table.name() + "/" + column + "=" + date);
      if (fs.exists(staged)) {
        swaps.add(new CommitRecord.PartitionSwap(staged.toString(),
            new Path(tablePath(table), column + "=" + date).toString(),
            new Path(trashPath(runId), table.name() + "/" + column + "=" + date).toString()));
      }
    }
    CommitRecord record = new CommitRecord(CommitRecord.CURRENT_VERSION, runId, "succeeded",
        startedAt.toString(), Instant.now().toString(), List.of(), List.of(), swaps);
    commit(record);
    return record;
  }

  /** Completes committed runs that a crash left unapplied; returns their ids. */
  public List<String> recover() throws IOException {
    List<String> completed = new ArrayList<>();
    for (CommitRecord record : commitRecords()) {
      if (!fs.exists(appliedMarker(record.runId()))) {
        apply(record);
        completed.add(record.runId());
      }
    }
    return completed;
  }

  /**
   * Deletes the staging areas of runs that died before their commit point (no commit record) and
   * were last touched longer ago than {@code olderThan}. The age guard keeps a concurrently
   * running ingest's staging area safe.
   *
   * @return the run ids removed
   */
  public List<String> removeAbandonedStaging(java.time.Duration olderThan, java.time.Instant now) throws IOException {
    List<String> removed = new ArrayList<>();
    long cutoff = now.minus(olderThan).toEpochMilli();
    for (FileStatus status : listOrEmpty(new Path(root, META_DIR + "/staging"))) {
      String runId = status.getPath().getName();
      boolean committed = fs.exists(new Path(commitsPath(), runId + ".json"));
      if (status.isDirectory() && !committed && status.getModificationTime() < cutoff) {
        fs.delete(status.getPath(), true);
        removed.add(runId);
      }
    }
    return removed;
  }

  /** Deletes a run's staging area (an aborted run, or one whose data was not committed). */
  public void discardStaging(String runId) throws IOException {
    fs.delete(stagingPath(runId), true);
  }

  private Path appliedMarker(String runId) {
    return new Path(commitsPath(), runId + ".applied");
  }

  private FileStatus[] listOrEmpty(Path path) throws IOException {
    try {
      return fs.listStatus(path);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  @Override
  public SortedSet<LocalDate> partitionDates(TableDefinition table) throws IOException {
    return partitionDatesUnder(tablePath(table), table);
  }

  @Override
  public boolean hasPartition(TableDefinition table, LocalDate date) throws IOException {
    return fs.exists(new Path(tablePath(table), table.partitionColumn().name() + "=" + date));
  }

  @Override
  public PartitionRebuild rebuild(SparkSession spark, TableDefinition table, String job) {
    return new PartitionRebuild(this, spark, table, job, Instant.now());
  }

  /** The {@code <column>=YYYY-MM-DD} directories under {@code directory}, as dates. */
  SortedSet<LocalDate> partitionDatesUnder(Path directory, TableDefinition table) throws IOException {
    SortedSet<LocalDate> dates = new TreeSet<>();
    String prefix = table.partitionColumn().name() + "=";
    for (FileStatus status : listOrEmpty(directory)) {
      String name = status.getPath().getName();
      if (status.isDirectory() && name.startsWith(prefix)) {
        dates.add(LocalDate.parse(name.substring(prefix.length())));
      }
    }
    return dates;
  }

  /** The table as a DataFrame with its documented schema; empty when nothing was written yet. */
  @Override
  public Dataset<Row> read(SparkSession spark, TableDefinition table) throws IOException {
    Path path = tablePath(table);
    if (!fs.exists(path)) {
      return spark.createDataFrame(List.of(), table.tableSchema());
    }
    return spark.read().schema(table.tableSchema()).option("basePath", path.toString()).parquet(path.toString());
  }

  /** Registers every table as a temporary view under its own name. */
  @Override
  public void registerViews(SparkSession spark) throws IOException {
    for (TableDefinition table : Tables.ALL) {
      read(spark, table).createOrReplaceTempView(table.name());
    }
  }
}
