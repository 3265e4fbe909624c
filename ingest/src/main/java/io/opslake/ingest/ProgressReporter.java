package io.opslake.ingest;

import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.util.LongAccumulator;

/**
 * Prints a progress line every few seconds while the parse job runs, from the bytes the finished
 * splits report through an accumulator (Spark merges task accumulators when a task ends, so the
 * figure moves in steps of one split, at most 32 MiB).
 */
final class ProgressReporter implements AutoCloseable {
  private static final long INTERVAL_MILLIS = 5_000;

  private final Thread thread;
  private volatile boolean running = true;

  ProgressReporter(Consumer<String> progress, LongAccumulator bytesDone, long totalBytes, String runId) {
    long started = System.nanoTime();
    this.thread =
        new Thread(
            () -> {
              while (running) {
                try {
                  Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
                if (!running) {
                  return;
                }
                long done = bytesDone.value();
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.accept(
                    String.format(
                        Locale.ROOT,
                        "ingest %s: parsed %.1f of %.1f MB (%.0f%%) in %.0f s",
                        runId,
                        done / 1e6,
                        totalBytes / 1e6,
                        totalBytes == 0 ? 100.0 : 100.0 * done / totalBytes,
                        seconds));
              }
            },
            "opslake-ingest-progress");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
