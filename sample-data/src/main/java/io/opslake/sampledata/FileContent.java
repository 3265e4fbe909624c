package io.opslake.sampledata;

import java.util.List;

/**
 * The valid records of one host-day file, before malformed records are planted.
 *
 * @param records records in write order
 * @param recordsPerEntry valid records each entry counts for (3 for a DC/OS document with 3 datapoints, else 1)
 * @param notFoundMd5s md5 of every planted 404 exception event in the file
 */
record FileContent(List<Rendered> records, int recordsPerEntry, List<String> notFoundMd5s) {
  FileContent {
    records = List.copyOf(records);
    notFoundMd5s = List.copyOf(notFoundMd5s);
  }

  static FileContent of(List<Rendered> records) {
    return new FileContent(records, 1, List.of());
  }
}
