package io.opslake.ingest.format;

import io.opslake.ingest.format.statsd.LeadingTimestamp;
import java.util.Set;

/**
 * The votes of the snapshot formats for {@link FormatDetector}, checked before the other formats:
 *
 * <ul>
 *   <li>a JSON object, optionally behind a capture time, with a key {@code LifeTime}, {@code
 *       MultiInterval} or {@code Interval} → WRITER_METRICS; {@code memstats} or {@code cmdline} →
 *       EXPVAR; a key starting with {@code delta.} → KAFKA_LAG;
 *   <li>a whitespace-separated line naming the columns {@code index} and {@code shard}, or a row
 *       whose second to fourth words are a shard number, {@code p}/{@code r} and a shard state →
 *       ES_SHARDS;
 *   <li>a line of at least six {@code |}-separated cells that names {@code Topic} and {@code
 *       Delta}, or whose third cell (the partition) is a number → KAFKA_LAG.
 * </ul>
 *
 * Capture-time lines ({@code # ...}) do not vote. No JSON parsing: the keys are found textually.
 */
final class SnapshotDetection {
  private static final Set<String> SHARD_STATES = Set.of("STARTED", "RELOCATING", "INITIALIZING", "UNASSIGNED");

  private SnapshotDetection() {}

  static InputFormat classify(String line) {
    String body = LeadingTimestamp.split(line).body();
    if (!body.isEmpty() && body.charAt(0) == '{') {
      return classifyJson(body);
    }
    if (line.charAt(0) == '#') {
      return null;
    }
    if (line.indexOf('|') >= 0) {
      return isLagTableLine(line) ? InputFormat.KAFKA_LAG : null;
    }
    return isShardsLine(line) ? InputFormat.ES_SHARDS : null;
  }

  private static InputFormat classifyJson(String body) {
    if (body.contains("\"LifeTime\"") || body.contains("\"MultiInterval\"") || body.contains("\"Interval\"")) {
      return InputFormat.WRITER_METRICS;
    }
    if (body.contains("\"memstats\"") || body.contains("\"cmdline\"")) {
      return InputFormat.EXPVAR;
    }
    if (body.contains("\"delta.")) {
      return InputFormat.KAFKA_LAG;
    }
    return null;
  }

  private static boolean isShardsLine(String line) {
    String[] words = line.trim().split("\\s+");
    if (words.length < 4) {
      return false;
    }
    boolean header = false;
    boolean hasShard = false;
    for (String word : words) {
      header |= word.equals("index");
      hasShard |= word.equals("shard");
    }
    if (header && hasShard) {
      return true;
    }
    return isDigits(words[1]) && (words[2].equals("p") || words[2].equals("r")) && SHARD_STATES.contains(words[3]);
  }

  private static boolean isLagTableLine(String line) {
    String[] cells = line.trim().replaceFirst("^\\|", "").split("\\|");
    if (cells.length < 6) {
      return false;
    }
    boolean topic = false;
    boolean delta = false;
    for (String cell : cells) {
      topic |= cell.trim().equalsIgnoreCase("topic");
      delta |= cell.trim().equalsIgnoreCase("delta");
    }
    return topic && delta || isDigits(cells[2].trim());
  }

  private static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
