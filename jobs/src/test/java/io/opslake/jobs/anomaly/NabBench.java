package io.opslake.jobs.anomaly;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bench tool, not a test: scores {@link StreamingDetector} on Numenta Anomaly Benchmark files
 * with a reimplementation of NAB's scoring (Lavin &amp; Ahmad 2015), standard profile: A_TP = 1,
 * A_FP = -0.11, A_FN = -1; a detection inside a window scores the scaled sigmoid of its position
 * relative to the window's end (only the first one per window counts), one after a window the
 * sigmoid of its distance past the last window times A_FP, one before any window -A_FP;
 * detections in the probationary period (15 %, at most 750 rows) are ignored. The normalised score
 * is {@code 100 × (raw − null) / (perfect − null)} over all files together, null being the
 * detector that never fires.
 *
 * <p>Usage: {@code java -cp ... io.opslake.jobs.anomaly.NabBench <data dir> <windows file>
 * [threshold ...]}; the windows file has one {@code file|start|end} line per labelled window
 * (NAB's labels/combined_windows.json flattened), and the data dir holds NAB's CSVs under their
 * NAB paths. Data stays outside the repository (docs/algorithms.md says how to fetch it).
 */
public final class NabBench {
  private NabBench() {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    Map<String, List<long[]>> windows = readWindows(Path.of(args[1]));
    List<Double> thresholds = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      thresholds.add(Double.parseDouble(args[i]));
    }
    if (thresholds.isEmpty()) {
      thresholds.add(DetectorParameters.DEFAULTS.threshold());
    }
    for (double threshold : thresholds) {
      DetectorParameters parameters = DetectorParameters.DEFAULTS.withThreshold(threshold);
      double raw = 0;
      int windowCount = 0;
      StringBuilder perFile = new StringBuilder();
      for (Map.Entry<String, List<long[]>> entry : windows.entrySet()) {
        Path file = data.resolve(entry.getKey());
        if (!Files.isRegularFile(file)) {
          continue;
        }
        FileScore score = score(file, entry.getValue(), parameters);
        raw += score.raw();
        windowCount += entry.getValue().size();
        perFile.append(String.format(Locale.ROOT, "  %-60s raw %7.3f  windows %d  detected %d  fp %d  alarms %d%n",
            entry.getKey(), score.raw(), entry.getValue().size(), score.detected(), score.falsePositives(),
            score.alarms()));
      }
      double normalised = 100 * (raw + windowCount) / (2.0 * windowCount);
      System.out.printf(Locale.ROOT, "threshold %.4f: NAB standard score %.1f (raw %.3f over %d windows)%n%s",
          threshold, normalised, raw, windowCount, perFile);
    }
  }

  record FileScore(double raw, int detected, int falsePositives, int alarms) {}

  static FileScore score(Path file, List<long[]> windows, DetectorParameters parameters) throws IOException {
    List<long[]> rows = new ArrayList<>();
    CsvParser parser = new CsvParser(new CsvParserSettings());
    List<String[]> records = parser.parseAll(file.toFile());
    for (String[] record : records.subList(1, records.size())) {
      rows.add(new long[] {SeriesTimestamps.parse(record[0]), Double.doubleToLongBits(Double.parseDouble(record[1]))});
    }
    int n = rows.size();
    int probation = StreamingDetector.warmupFor(n);
    StreamingDetector detector = new StreamingDetector(parameters, probation);
    boolean[] alarm = new boolean[n];
    for (int i = 0; i < n; i++) {
      AnomalyScore score = detector.score(rows.get(i)[0], Double.longBitsToDouble(rows.get(i)[1]));
      alarm[i] = score.anomaly();
      if (System.getenv("NAB_DUMP") != null && score.score() >= Double.parseDouble(System.getenv("NAB_DUMP"))) {
        System.out.printf(Locale.ROOT, "    %s row %d value %s score %.3f p %.2e %.2e %.2e%s%n", file.getFileName(), i,
            Double.longBitsToDouble(rows.get(i)[1]), score.score(), score.residualPValue(), score.contextPValue(),
            score.changePValue(), score.anomaly() ? " ALARM" : "");
      }
    }
    // Window index ranges.
    int[][] ranges = new int[windows.size()][];
    for (int w = 0; w < windows.size(); w++) {
      int first = -1;
      int last = -1;
      for (int i = 0; i < n; i++) {
        long t = rows.get(i)[0];
        if (t >= windows.get(w)[0] && t <= windows.get(w)[1]) {
          first = first < 0 ? i : first;
          last = i;
        }
      }
      ranges[w] = new int[] {first, last};
    }
    double maxTp = scaledSigmoid(-1.0);
    double raw = 0;
    boolean[] windowHit = new boolean[windows.size()];
    int falsePositives = 0;
    int alarms = 0;
    for (int i = probation; i < n; i++) {
      if (!alarm[i]) {
        continue;
      }
      alarms++;
      int inside = -1;
      int previous = -1;
      for (int w = 0; w < ranges.length; w++) {
        if (i >= ranges[w][0] && i <= ranges[w][1]) {
          inside = w;
        } else if (ranges[w][1] >= 0 && ranges[w][1] < i) {
          previous = w;
        }
      }
      if (inside >= 0) {
        if (!windowHit[inside]) {
          windowHit[inside] = true;
          int width = ranges[inside][1] - ranges[inside][0] + 1;
          double position = -(ranges[inside][1] - i + 1.0) / width;
          raw += scaledSigmoid(position) / maxTp;
        }
      } else {
        falsePositives++;
        if (previous >= 0) {
          int width = ranges[previous][1] - ranges[previous][0] + 1;
          raw += 0.11 * scaledSigmoid(Math.abs(ranges[previous][1] - i) / (width - 1.0));
        } else {
          raw -= 0.11;
        }
      }
    }
    int detected = 0;
    for (boolean hit : windowHit) {
      if (hit) {
        detected++;
      } else {
        raw -= 1.0;
      }
    }
    return new FileScore(raw, detected, falsePositives, alarms);
  }

  static double scaledSigmoid(double position) {
    return position > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * position)) - 1.0;
  }

  private static Map<String, List<long[]>> readWindows(Path file) throws IOException {
    Map<String, List<long[]>> windows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] parts = line.split("\\|");
      if (parts.length == 3) {
        windows.computeIfAbsent(parts[0], k -> new ArrayList<>())
            .add(new long[] {SeriesTimestamps.parse(parts[1]), SeriesTimestamps.parse(parts[2])});
      }
    }
    return windows;
  }
}
