package io.opslake.sampledata;

/**
 * The ways a planted malformed record is broken. Each one is rejectable by any correct parser;
 * {@link #id()} is the name used in {@code _scenario.json}.
 */
enum MalformedKind {
  /** A JSON/EDN line cut before its closing brace (never valid: the outer object stays open). */
  TRUNCATED("truncated"),
  /** A line that starts with {@code '}'} and has no {@code ':'} or {@code '|'}. */
  GARBAGE("garbage"),
  /**
   * Raw bytes 0xC3 0x28 (not UTF-8) inside the timestamp, written as a string (StatsD: inside the
   * value); with the bytes replaced by U+FFFD the timestamp (value) is still not parseable.
   */
  INVALID_UTF8("invalid_utf8"),
  /** A well-formed record whose timestamp is the same instant moved to the year 2090. */
  TIMESTAMP_2090("timestamp_2090"),
  /** A well-formed record without its timestamp field. */
  MISSING_TIMESTAMP("missing_timestamp"),
  /** A StatsD line whose value is not a number. */
  NON_NUMERIC_VALUE("non_numeric_value");

  private final String id;

  MalformedKind(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }
}
