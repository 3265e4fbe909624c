package io.opslake.ingest.engine;

import io.opslake.ingest.parquet.TableFileWriter;
import io.opslake.schemas.TableDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The open Parquet files of one task, one per (table, partition date). At most {@code
 * maxOpenFiles} stay open (each holds up to a row group in memory); past that the least recently
 * used is closed and a later row for its partition opens a new file.
 */
final class StagingWriters implements AutoCloseable {
  private final IngestSettings settings;
  private final Configuration conf;
  private final String filePrefix;
  private final LinkedHashMap<String, Open> open = new LinkedHashMap<>(16, 0.75f, true);
  private final List<StagedFile> closed = new ArrayList<>();
  private int sequence;
  /** The file of the previous row: consecutive rows mostly go to the same table and date. */
  private Open last;

  private record Open(TableDefinition table, String dt, TableFileWriter writer) {}

  StagingWriters(IngestSettings settings, Configuration conf, String filePrefix) {
    this.settings = settings;
    this.conf = conf;
    this.filePrefix = filePrefix;
  }

  void write(TableDefinition table, String dt, Object[] row) throws IOException {
    Open target = last;
    if (target == null || target.table() != table || !target.dt().equals(dt)) {
      target = target(table, dt);
      last = target;
    }
    target.writer().write(row);
  }

  private Open target(TableDefinition table, String dt) throws IOException {
    String key = table.name() + '/' + dt;
    Open target = open.get(key);
    if (target == null) {
      if (open.size() >= settings.maxOpenFiles()) {
        Iterator<Map.Entry<String, Open>> eldest = open.entrySet().iterator();
        closeOne(eldest.next().getValue());
        eldest.remove();
      }
      Path path =
          new Path(
              settings.stagingUri()
                  + '/' + table.name()
                  + "/dt=" + dt
                  + '/' + filePrefix + String.format("-%04d.parquet", sequence++));
      target = new Open(table, dt, new TableFileWriter(table, path, conf, settings.rowGroupBytes()));
      open.put(key, target);
    }
    return target;
  }

  private void closeOne(Open file) throws IOException {
    file.writer().close();
    closed.add(new StagedFile(file.table().name(), file.dt(), file.writer().path().toString(), file.writer().rows()));
  }

  /** Closes every open file and returns all files written. */
  List<StagedFile> finish() throws IOException {
    for (Open file : open.values()) {
      closeOne(file);
    }
    open.clear();
    last = null;
    return List.copyOf(closed);
  }

  @Override
  public void close() {
    // On failure: release what is open; the files stay in staging, which the commit ignores.
    for (Open file : open.values()) {
      try {
        file.writer().close();
      } catch (IOException | RuntimeException ignored) {
        // best effort
      }
    }
    open.clear();
    last = null;
  }
}
