package io.opslake.ingest;

import io.opslake.errors.OpslakeException;
import io.opslake.storage.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Expands the {@code --input} arguments into files: a file as is, a directory recursively, a glob
 * by Hadoop's glob rules. Names starting with {@code _} or {@code .} inside directories are
 * skipped (the Hadoop convention for hidden and bookkeeping files), so a landing folder may carry
 * {@code _SUCCESS} markers or a {@code _scenario} folder.
 */
final class InputListing {
  private InputListing() {}

  static List<FileStatus> expand(List<String> inputs, Configuration conf) throws IOException {
    Map<String, FileStatus> files = new LinkedHashMap<>();
    for (String input : inputs) {
      Path path = new Path(Warehouse.qualify(input));
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw OpslakeException.usage("Cannot ingest: --input " + input + " does not exist");
      }
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          List<FileStatus> found = new ArrayList<>();
          walk(fs, match.getPath(), found);
          found.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
          found.forEach(file -> files.putIfAbsent(file.getPath().toString(), file));
        } else {
          files.putIfAbsent(match.getPath().toString(), match);
        }
      }
    }
    return List.copyOf(files.values());
  }

  /**
   * Lists files below a directory with plain listStatus calls. (FileSystem.listFiles would also
   * fetch block locations, and on the local file system it reads every file's permissions by
   * forking a shell: seconds for a thousand files.)
   */
  private static void walk(FileSystem fs, Path directory, List<FileStatus> found) throws IOException {
    for (FileStatus status : fs.listStatus(directory)) {
      String name = status.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (status.isDirectory()) {
        walk(fs, status.getPath(), found);
      } else {
        found.add(status);
      }
    }
  }
}
