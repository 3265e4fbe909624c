package io.opslake.ingest.format.statsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the DogStatsD tags of one line ({@code #env:prod,region:eu,standalone}): each tag
 * becomes a label (a tag without a colon gets the empty value), except {@code host:NAME}, which
 * names the host instead. The tags as written are kept as well, for events. Single use, not
 * thread-safe.
 */
final class DogStatsdTags {
  static final String HOST_TAG = "host";

  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<String> tags = new ArrayList<>();
  private String hostname;

  /** Adds the tags of one {@code #} field, given without its {@code #}. */
  void addField(String field) {
    int start = 0;
    while (start <= field.length()) {
      int comma = field.indexOf(',', start);
      int end = comma < 0 ? field.length() : comma;
      addTag(field.substring(start, end).trim());
      start = end + 1;
    }
  }

  /** Sets a label that does not come from a tag (container id, sample rate). */
  void putLabel(String key, String value) {
    labels.put(key, value);
  }

  private void addTag(String tag) {
    if (tag.isEmpty()) {
      return;
    }
    tags.add(tag);
    int colon = tag.indexOf(':');
    String key = colon < 0 ? tag : tag.substring(0, colon);
    String value = colon < 0 ? "" : tag.substring(colon + 1);
    if (key.isEmpty()) {
      return;
    }
    if (HOST_TAG.equals(key)) {
      // An empty host: tag names no host; it is dropped rather than kept as a label.
      if (!value.isEmpty()) {
        hostname = value;
      }
      return;
    }
    labels.put(key, value);
  }

  Map<String, String> labels() {
    return labels.isEmpty() ? Map.of() : Map.copyOf(labels);
  }

  List<String> tags() {
    return List.copyOf(tags);
  }

  /** The host named by a {@code host:} tag, or null. */
  String hostname() {
    return hostname;
  }
}
