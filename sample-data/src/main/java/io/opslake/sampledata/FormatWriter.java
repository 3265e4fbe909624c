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
}
