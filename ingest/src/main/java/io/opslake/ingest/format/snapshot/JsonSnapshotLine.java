package io.opslake.ingest.format.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.ingest.format.EventTimes;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.statsd.LeadingTimestamp;
import java.util.List;

/**
 * One JSON snapshot document per line, optionally behind the capture time a polling script
 * writes in front of it ({@code 2026-10-01T00:05:00Z {"memstats":{...}}}).
 *
 * @param leadingTime the capture time text in front of the document, or null
 * @param document the parsed JSON object
 */
public record JsonSnapshotLine(String leadingTime, JsonNode document) {
  static final String NOT_JSON = "line is not a JSON document";

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Splits and parses a line.
   *
   * @throws RecordRejectedException when the document is not a JSON object
   */
  public static JsonSnapshotLine parse(String line) {
    LeadingTimestamp split = LeadingTimestamp.split(line);
    JsonNode document;
    try {
      document = JSON.readTree(split.body());
    } catch (Exception e) {
      throw new RecordRejectedException(NOT_JSON);
    }
    if (document == null || !document.isObject()) {
      throw new RecordRejectedException(NOT_JSON);
    }
    return new JsonSnapshotLine(split.timestamp(), document);
  }

  /**
   * The document's {@code timestamp}, {@code @timestamp} or {@code ts} field, else the leading time.
   *
   * @throws RecordRejectedException with {@code missing} when there is neither
   * @throws TimestampPolicy.TimestampException when the time is not plausible
   */
  public long time(TimestampPolicy policy, String missing) {
    return time(policy, null, missing);
  }

  /**
   * The document's own time or the leading time, else {@code captureTime} ({@code --capture-time}
   * or the file name's, see {@link io.opslake.ingest.format.ParseContext#captureTimeMicros}).
   *
   * @throws RecordRejectedException with {@code missing} when there is none of these
   * @throws TimestampPolicy.TimestampException when the time is not plausible
   */
  public long time(TimestampPolicy policy, Long captureTime, String missing) {
    for (String name : List.of("timestamp", "@timestamp", "ts")) {
      JsonNode node = document.get(name);
      if (node != null && !node.isNull()) {
        return node.isNumber() ? policy.fromEpoch(node.doubleValue()) : EventTimes.parse(policy, node.asText());
      }
    }
    if (leadingTime != null) {
      return EventTimes.parse(policy, leadingTime);
    }
    if (captureTime != null) {
      return policy.check(captureTime);
    }
    throw new RecordRejectedException(missing);
  }
}
