package io.opslake.sampledata;

/** How generated files are written: as plain text, or gzip with a fixed header (mtime 0, no name). */
public enum Compression {
  NONE(""),
  GZIP(".gz");

  private final String suffix;

  Compression(String suffix) {
    this.suffix = suffix;
  }

  /** What is appended to a file name, e.g. {@code .gz}. */
  public String suffix() {
    return suffix;
  }
}
