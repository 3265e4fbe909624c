package io.opslake.sampledata;

import java.util.List;

/** Renders the valid records of one format for one host and day from the {@link ScenarioPlan}. */
interface FormatWriter {
  SampleFormat format();

  /** The hosts that write a file of this format on {@code day} (0-based). */
  List<String> hosts(int day);

  /** The valid records of the host-day file, in write order; a pure function of (seed, format, host, day). */
  FileContent render(String host, int day);

  Malformer malformer();

  /** How many files {@code host} writes on {@code day}: one, unless the format writes a file per snapshot. */
  default int fileCount(String host, int day) {
    return 1;
  }

  /** The name of file {@code file} (0-based) before the extension; the host for one file per host-day. */
  default String fileName(String host, int day, int file) {
    return host;
  }

  /** The valid records of file {@code file} of the host-day. */
  default FileContent render(String host, int day, int file) {
    return render(host, day);
  }
}
