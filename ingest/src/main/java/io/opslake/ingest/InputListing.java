package io.opslake.ingest;

import io.opslake.ingest.commit.Warehouse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

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
        throw new IllegalArgumentException("Cannot ingest: --input " + input + " does not exist");
      }
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          RemoteIterator<LocatedFileStatus> listing = fs.listFiles(match.getPath(), true);
          List<FileStatus> found = new ArrayList<>();
          while (listing.hasNext()) {
            LocatedFileStatus file = listing.next();
            if (!hidden(match.getPath(), file.getPath())) {
              found.add(file);
            }
          }
          found.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
          found.forEach(file -> files.putIfAbsent(file.getPath().toString(), file));
        } else {
          files.putIfAbsent(match.getPath().toString(), match);
        }
      }
    }
    return List.copyOf(files.values());
  }

  /** Whether any path element below the listed directory starts with {@code _} or {@code .}. */
  private static boolean hidden(Path directory, Path file) {
    String base = directory.toUri().getPath();
    String relative = file.toUri().getPath().substring(Math.min(base.length(), file.toUri().getPath().length()));
    for (String element : relative.split("/")) {
      if (element.startsWith("_") || element.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
