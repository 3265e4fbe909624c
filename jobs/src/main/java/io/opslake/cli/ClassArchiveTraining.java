package io.opslake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells {@code bin/opslake} whether the class-data sharing archive this JVM writes at exit is worth
 * keeping. {@code bin/opslake} lets the first Spark command after a build write the archive (the
 * classes it loaded, mapped by every later run instead of parsed and verified again) and passes
 * the path of a marker file in {@value #MARKER_PROPERTY}; the archive is kept only when the marker
 * exists, that is when the command succeeded after starting Spark. A usage error or a failure
 * before any Spark work loads a small part of the classes, and an archive of those would be kept
 * until the next build while helping little.
 */
final class ClassArchiveTraining {
  static final String MARKER_PROPERTY = "opslake.cds.marker";
  private static final AtomicBoolean SPARK_STARTED = new AtomicBoolean();

  private ClassArchiveTraining() {}

  /** Called when this JVM has started a SparkSession. */
  static void sparkStarted() {
    SPARK_STARTED.set(true);
  }

  /** Writes the marker when this run is a good sample of the classes; never fails the command. */
  static void finished(int exitCode) {
    String marker = System.getProperty(MARKER_PROPERTY);
    if (marker == null || exitCode != 0 || !SPARK_STARTED.get()) {
      return;
    }
    try {
      Files.write(Path.of(marker), new byte[0]);
    } catch (IOException | RuntimeException e) {
      // Without the marker the archive is dropped and a later run writes one: nothing is lost.
    }
  }
}
