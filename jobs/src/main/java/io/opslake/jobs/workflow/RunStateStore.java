package io.opslake.jobs.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which steps already succeeded for a date, so a rerun resumes after them: one small JSON file per
 * (dag, date, step) at {@code <warehouse>/_opslake/workflow/<dag>/<date>/<step>.json}, written on
 * success (under a temporary name, then renamed). Works on any Hadoop file system the warehouse
 * lives on; readers of tables skip {@code _opslake}.
 */
public final class RunStateStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final FileSystem fileSystem;
  private final Path root;

  public RunStateStore(String warehouseUri, Configuration conf) throws IOException {
    Path warehouse = new Path(Warehouse.qualify(warehouseUri));
    this.fileSystem = warehouse.getFileSystem(conf);
    this.root = new Path(fileSystem.makeQualified(warehouse), "_opslake/workflow");
  }

  /** The file marking {@code step} of {@code dag} done for {@code date}. */
  public Path markerPath(String dag, LocalDate date, String step) {
    return new Path(root, dag + "/" + date + "/" + step + ".json");
  }

  public boolean completed(String dag, LocalDate date, String step) throws IOException {
    return fileSystem.exists(markerPath(dag, date, step));
  }

  /** The marker's content, for people and scripts reading the run state. */
  @com.fasterxml.jackson.databind.annotation.JsonNaming(
      com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
  record StepMarker(String dag, String date, String step, int attempts, double seconds, String finishedAt,
      List<String> arguments) {}

  /** Records that {@code step} succeeded; replaces an older marker (a forced rerun). */
  public void markCompleted(String dag, LocalDate date, String step, int attempts, double seconds,
      List<String> arguments, Instant finishedAt) throws IOException {
    StepMarker record = new StepMarker(dag, date.toString(), step, attempts, seconds, finishedAt.toString(), arguments);
    Path target = markerPath(dag, date, step);
    Path temporary = new Path(target.getParent(), "." + step + ".json.tmp");
    try (OutputStream out = fileSystem.create(temporary, true)) {
      out.write(JSON.writeValueAsBytes(record));
    }
    fileSystem.delete(target, false);
    if (!fileSystem.rename(temporary, target)) {
      throw new IOException("Cannot record workflow state: rename to " + target + " failed");
    }
  }
}
