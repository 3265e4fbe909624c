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

  /**
   * The files of one host and day, by the name part written between host and extension: one
   * file ({@code ""}) for most formats, one per tool for host statistics ({@code dc0-web01.df.txt}).
   */
  default List<String> variants(String host) {
    return List.of("");
  }

  /** The valid records of the host-day file of {@code variant} (see {@link #variants}). */
  default FileContent render(String host, String variant, int day) {
    return render(host, day);
  }
}
