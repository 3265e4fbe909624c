package io.opslake.ingest.engine;

import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordParser;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * How the engine detects a file's format and gets a parser for it. Shipped to executors, hence
 * serializable; tests substitute their own formats.
 */
public interface FormatSupport extends Serializable {
  /** The format the sample lines (first lines of a file, blank ones removed) look like. */
  Optional<InputFormat> detect(List<String> sampleLines);

  /** A fresh parser for one file split. */
  RecordParser create(InputFormat format, ParseContext context);
}
