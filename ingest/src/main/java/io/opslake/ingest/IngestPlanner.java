package io.opslake.ingest;

import io.opslake.ingest.engine.BlockScan;
import io.opslake.ingest.engine.BlockScanner;
import io.opslake.ingest.engine.FileBlock;
import io.opslake.ingest.engine.SplitTask;
import io.opslake.ingest.format.InputFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;

/**
 * The driver-side planning of an ingest run: which blocks to scan, which files to skip as already
 * ingested, how files are cut into splits with known first line numbers, and how splits are
 * packed into tasks. Pure bookkeeping on small records; no I/O.
 */
final class IngestPlanner {
  /** Gzip text compresses about this much; used only to size parse tasks. */
  private static final int GZIP_EXPANSION = 5;

  private IngestPlanner() {}

  static List<FileBlock> blocksOf(List<FileStatus> files) {
    List<FileBlock> blocks = new ArrayList<>();
    for (FileStatus file : files) {
      String uri = file.getPath().toString();
      long length = file.getLen();
      int index = 0;
      long start = 0;
      do {
        long end = Math.min(length, start + FileBlock.BLOCK_BYTES);
        blocks.add(new FileBlock(uri, length, index++, start, end));
        start = end;
      } while (start < length);
    }
    return blocks;
  }

  /**
   * Bytes per task: at most a block, and small enough that a small input still gives every core
   * two tasks (a 2 MB sample must not run on one core), but never below 1 MiB.
   */
  static long taskBytes(long totalWeightedBytes, int parallelism) {
    long perCore = totalWeightedBytes / Math.max(1, 2L * parallelism);
    return Math.max(1L << 20, Math.min(FileBlock.BLOCK_BYTES, perCore));
  }

  static List<List<FileBlock>> binPack(List<FileBlock> blocks, long taskBytes) {
    List<List<FileBlock>> tasks = new ArrayList<>();
    List<FileBlock> current = new ArrayList<>();
    long bytes = 0;
    for (FileBlock block : blocks) {
      if (!current.isEmpty() && bytes + block.length() > taskBytes) {
        tasks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(block);
      bytes += block.length();
    }
    if (!current.isEmpty()) {
      tasks.add(current);
    }
    return tasks;
  }

  /** One input file after the scan. */
  record PlannedFile(String uri, String fingerprint, String formatId) {}

  /** The parse plan. */
  record Plan(List<SplitTask> tasks, List<PlannedFile> files, long skippedFiles, long duplicatesSkipped,
      long bytesToParse, Map<String, Long> filesByFormat) {}

  static Plan plan(List<FileStatus> files, List<BlockScan> scans, Map<String, Long> ingested, int parallelism,
      Optional<InputFormat> forcedFormat) {
    Map<String, List<BlockScan>> byFile = new HashMap<>();
    for (BlockScan scan : scans) {
      byFile.computeIfAbsent(scan.block().uri(), uri -> new ArrayList<>()).add(scan);
    }
    List<SplitTask.Split> splits = new ArrayList<>();
    List<PlannedFile> planned = new ArrayList<>();
    Map<String, Long> filesByFormat = new HashMap<>();
    Set<String> seen = new HashSet<>();
    long skippedFiles = 0;
    long duplicates = 0;
    for (FileStatus status : files) {
      String uri = status.getPath().toString();
      List<BlockScan> fileScans = byFile.get(uri);
      fileScans.sort(Comparator.comparingInt(scan -> scan.block().index()));
      String fingerprint = fingerprint(status.getLen(), fileScans);
      if (ingested.containsKey(fingerprint) || !seen.add(fingerprint)) {
        skippedFiles++;
        duplicates += ingested.getOrDefault(fingerprint, 0L);
        continue;
      }
      BlockScan first = fileScans.get(0);
      InputFormat format = forcedFormat.orElse(first.detected());
      String undetected = null;
      if (format == null) {
        undetected = first.sampleProblem() != null
            ? "file could not be read: " + first.sampleProblem()
            : "could not detect the format of " + status.getPath().getName()
                + " from its first lines; pass --format to name it";
      }
      String formatId = format == null ? "unknown" : format.id();
      planned.add(new PlannedFile(uri, fingerprint, formatId));
      filesByFormat.merge(formatId, 1L, Long::sum);
      String name = status.getPath().getName();
      boolean wholeFile = format != null && format.splitting() == InputFormat.Splitting.WHOLE_FILE;
      if (first.gzip() || wholeFile) {
        splits.add(new SplitTask.Split(uri, name, fingerprint, 0, status.getLen(), first.gzip(), 1, format, undetected));
        continue;
      }
      long newlinesBefore = 0;
      for (BlockScan scan : fileScans) {
        FileBlock block = scan.block();
        splits.add(new SplitTask.Split(uri, name, fingerprint, block.start(), block.end(), false,
            1 + newlinesBefore, format, undetected));
        newlinesBefore += scan.newlines();
      }
    }
    long weightedTotal = 0;
    for (SplitTask.Split split : splits) {
      weightedTotal += weight(split);
    }
    long taskBytes = taskBytes(weightedTotal, parallelism);
    List<SplitTask> tasks = new ArrayList<>();
    List<SplitTask.Split> current = new ArrayList<>();
    long currentBytes = 0;
    long total = 0;
    for (SplitTask.Split split : splits) {
      long weight = weight(split);
      total += split.end() - split.start();
      if (!current.isEmpty() && currentBytes + weight > taskBytes) {
        tasks.add(new SplitTask(tasks.size(), current));
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(split);
      currentBytes += weight;
    }
    if (!current.isEmpty()) {
      tasks.add(new SplitTask(tasks.size(), current));
    }
    return new Plan(tasks, planned, skippedFiles, duplicates, total, filesByFormat);
  }

  /** Work estimate of a split: its bytes, times the usual expansion for gzip. */
  private static long weight(SplitTask.Split split) {
    return (split.end() - split.start()) * (split.gzip() ? GZIP_EXPANSION : 1);
  }

  /** md5 over the file length and the md5 of each fixed-size block, so blocks hash in parallel. */
  private static String fingerprint(long length, List<BlockScan> scans) {
    var md5 = BlockScanner.md5();
    md5.update(Long.toString(length).getBytes(StandardCharsets.US_ASCII));
    for (BlockScan scan : scans) {
      md5.update(scan.md5().getBytes(StandardCharsets.US_ASCII));
    }
    return HexFormat.of().formatHex(md5.digest());
  }

}
