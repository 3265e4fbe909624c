package io.opslake.ingest.parquet;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * The Parquet encoding of one column's strings, remembered for repeated values: hostnames, types,
 * URLs, tags and map keys repeat on most rows, and encoding each anew costs an array copy and a
 * {@link Binary} per value (a third of ingest's allocation before this cache). A column whose
 * values turn out mostly unique (checksums, ids, times in attributes) stops being cached after one
 * full round, so it pays a lookup per value only for its first {@link #CAPACITY} values.
 *
 * <p>Memory: at most {@link #CAPACITY} entries per column and open file.
 */
final class BinaryCache {
  /** Entries kept before a round ends. */
  static final int CAPACITY = 2048;

  private Map<String, Binary> encoded = new HashMap<>();
  private long hits;
  private long misses;
  private String last;
  private Binary lastBinary;

  /** The value's UTF-8 bytes as a Binary; the same instance for a value seen before. */
  Binary of(String value) {
    if (value == last) {
      return lastBinary;
    }
    Binary binary;
    if (encoded == null) {
      binary = encode(value);
    } else {
      binary = encoded.get(value);
      if (binary != null) {
        hits++;
      } else {
        binary = encode(value);
        remember(value, binary);
      }
    }
    last = value;
    lastBinary = binary;
    return binary;
  }

  private void remember(String value, Binary binary) {
    misses++;
    if (encoded.size() < CAPACITY) {
      encoded.put(value, binary);
      return;
    }
    // A round is over: keep caching only if most lookups found their value.
    if (hits < misses) {
      encoded = null;
    } else {
      encoded.clear();
      hits = 0;
      misses = 0;
    }
  }

  /**
   * A byte-array-backed Binary: its hashCode and equals (used by the dictionary encoder on every
   * value) run on a plain array, several times faster than on {@code Binary.fromString}'s
   * ByteBuffer.
   */
  static Binary encode(String value) {
    return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
  }
}
