package io.opslake.ingest.format;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a parser extracts from one event record. The ingest engine adds the context columns
 * (event_id, source, source_file, source_line, ingest_run_id) and promotes hot fields
 * (duration_ms, http_status, url) from {@link #attributes()}.
 *
 * @param tsMicros event time, microseconds since the epoch (UTC), already validated
 * @param receivedAtMicros collector receive time, or null
 * @param hostname emitting host, or null
 * @param type event type as emitted, or null
 * @param level lower-case severity (trace, debug, info, warn, error, fatal), or null
 * @param message human-readable text (a folded stack trace included), or null
 * @param tags tags as emitted, never null
 * @param labels emitter identity (unit, pid, container_id, ...), never null
 * @param attributes flattened structured fields (dotted keys, string values), never null
 * @param md5 checksum sent by the producer, or null
 */
public record ParsedEvent(
    long tsMicros,
    Long receivedAtMicros,
    String hostname,
    String type,
    String level,
    String message,
    List<String> tags,
    Map<String, String> labels,
    Map<String, String> attributes,
    String md5) {

  public ParsedEvent {
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(attributes, "attributes");
  }
}
