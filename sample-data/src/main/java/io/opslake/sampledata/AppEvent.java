package io.opslake.sampledata;

import java.util.List;

/**
 * One application event before rendering as JSON or EDN.
 *
 * @param info additional_info entries, values already rendered as JSON/EDN literals (the two
 *     languages write strings and numbers the same way)
 * @param notFound whether this is a planted 404 exception
 */
record AppEvent(long timestamp, long receivedAt, String type, List<String> tags, List<InfoField> info, boolean notFound) {
  record InfoField(String key, String literal) {
    static InfoField text(String key, String value) {
      StringBuilder out = new StringBuilder(value.length() + 8);
      Text.appendQuoted(out, value);
      return new InfoField(key, out.toString());
    }

    static InfoField number(String key, long value) {
      return new InfoField(key, Long.toString(value));
    }

    static InfoField fixed(String key, long scaled, int decimals) {
      StringBuilder out = new StringBuilder(12);
      Text.appendFixed(out, scaled, decimals);
      return new InfoField(key, out.toString());
    }
  }
}
