package io.opslake.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Samples the resident memory (Linux {@code /proc/<pid>/status} VmRSS) of this JVM and all its
 * descendant processes every 200 ms, and keeps the peak of their sum and each role's peak (the
 * test JVM, master, worker, executor, driver). It tells what a cluster test costs a machine;
 * elsewhere than Linux it reports nothing.
 */
final class MemorySampler implements AutoCloseable {
  private static final long INTERVAL_MILLIS = 200;

  private final Thread thread;
  private final Map<String, Long> peakKilobytesByRole = new TreeMap<>();
  private long peakTotalKilobytes;
  private volatile boolean running = true;

  private MemorySampler() {
    thread = new Thread(this::sampleUntilClosed, "memory-sampler");
    thread.setDaemon(true);
  }

  static MemorySampler start() {
    MemorySampler sampler = new MemorySampler();
    sampler.thread.start();
    return sampler;
  }

  /** Peak of the summed resident memory of this JVM and its descendants, in MiB. */
  synchronized long peakTotalMebibytes() {
    return peakTotalKilobytes / 1024;
  }

  /** One line: the summed peak and each role's peak, e.g. {@code peak 3120 MiB (driver 610, ...)}. */
  synchronized String summary() {
    StringBuilder summary = new StringBuilder("peak " + peakTotalMebibytes() + " MiB resident (");
    peakKilobytesByRole.forEach(
        (role, kilobytes) -> summary.append(role).append(' ').append(kilobytes / 1024).append(", "));
    if (!peakKilobytesByRole.isEmpty()) {
      summary.setLength(summary.length() - 2);
    }
    return summary.append(" MiB per process at its peak)").toString();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  private void sampleUntilClosed() {
    while (running) {
      sample();
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    ProcessHandle self = ProcessHandle.current();
    long total = 0;
    for (ProcessHandle process :
        Stream.concat(Stream.of(self), self.descendants()).toList()) {
      long kilobytes = residentKilobytes(process.pid());
      if (kilobytes > 0) {
        total += kilobytes;
        peakKilobytesByRole.merge(role(process), kilobytes, Math::max);
      }
    }
    peakTotalKilobytes = Math.max(peakTotalKilobytes, total);
  }

  private static String role(ProcessHandle process) {
    if (process.pid() == ProcessHandle.current().pid()) {
      return "test JVM";
    }
    String commandLine = readOrEmpty(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
    if (commandLine.contains("org.apache.spark.deploy.master.Master")) {
      return "master";
    }
    if (commandLine.contains("org.apache.spark.deploy.worker.Worker")) {
      return "worker";
    }
    if (commandLine.contains("CoarseGrainedExecutorBackend")) {
      return "executor";
    }
    if (commandLine.contains("org.apache.spark.deploy.SparkSubmit")) {
      return "driver";
    }
    return "other";
  }

  private static long residentKilobytes(long pid) {
    for (String line : readOrEmpty(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException goneOrNotLinux) {
      // The process ended between listing and reading, or there is no /proc.
      return "";
    }
  }
}
