package io.opslake.ingest.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Counts {@code \n} bytes eight at a time: each 8-byte word is XORed with eight newlines, so a
 * newline becomes a zero byte, and the zero bytes are counted exactly with the carry-free test
 * {@code ~(((y & 0x7F..) + 0x7F..) | y) & 0x80..} (S. E. Anderson, "Bit Twiddling Hacks",
 * "Determine if a word has a zero byte"; the variant without false positives). The scan pass
 * counts every byte of the input this way.
 */
final class Newlines {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;

  private Newlines() {}

  /** Number of {@code \n} bytes in {@code bytes[from, from + length)}. */
  static long count(byte[] bytes, int from, int length) {
    long count = 0;
    int end = from + length;
    int i = from;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
      long zeroBytes = ~(((word & LOW_SEVEN) + LOW_SEVEN) | word) & ~LOW_SEVEN;
      count += Long.bitCount(zeroBytes);
    }
    for (; i < end; i++) {
      if (bytes[i] == '\n') {
        count++;
      }
    }
    return count;
  }
}
