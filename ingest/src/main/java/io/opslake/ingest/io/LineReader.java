package io.opslake.ingest.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code \n}-terminated lines from a byte stream, counting line numbers and byte offsets,
 * without ever holding more than {@code maxLineBytes} of one line in memory.
 *
 * <p>Hand-written because no library offers all three things ingest needs at once: a hard cap on
 * line length (a 10 MB line must not cost 10 MB), strict UTF-8 validation that reports the bad
 * byte instead of silently replacing it, and exact byte offsets for splitting large files. Lines
 * that are pure ASCII (the common case) skip the decoder entirely.
 */
public final class LineReader {
  /** Bytes of an oversized or undecodable line kept for the quarantine row. */
  public static final int KEPT_PREFIX_BYTES = 8192;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int bufferLength;
  private int bufferPosition;
  private long position;
  private byte[] line = new byte[1024];
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /**
   * @param in the stream, positioned at {@code startPosition}
   * @param startPosition byte offset of the stream's first byte in the file (0 for compressed)
   * @param maxLineBytes longest line accepted; longer lines come back as {@link Line.Oversized}
   */
  public LineReader(InputStream in, long startPosition, int maxLineBytes) {
    this.in = in;
    this.position = startPosition;
    this.maxLineBytes = maxLineBytes;
  }

  /** Offset of the next unread byte. */
  public long position() {
    return position;
  }

  /**
   * Skips to just after the next {@code \n} (used when a split starts mid-line).
   *
   * @return whether a newline was found before the end of the stream
   */
  public boolean skipPastNewline() throws IOException {
    while (true) {
      if (bufferPosition == bufferLength && !fill()) {
        return false;
      }
      byte b = buffer[bufferPosition++];
      position++;
      if (b == '\n') {
        return true;
      }
    }
  }

  /** Reads the next line, or returns null at the end of the stream. */
  public Line next() throws IOException {
    long start = position;
    int length = 0;
    long total = 0;
    boolean sawAny = false;
    while (true) {
      if (bufferPosition == bufferLength && !fill()) {
        if (!sawAny) {
          return null;
        }
        break;
      }
      sawAny = true;
      // Scan the buffer for the newline in a tight loop, then copy the run in one go.
      int scanStart = bufferPosition;
      int scanEnd = bufferLength;
      int newline = -1;
      for (int i = scanStart; i < scanEnd; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      int runEnd = newline >= 0 ? newline : scanEnd;
      int runLength = runEnd - scanStart;
      int keep = (int) Math.min(runLength, Math.max(0, (long) maxLineBytes + 1 - length));
      if (keep > 0) {
        ensureCapacity(length + keep);
        System.arraycopy(buffer, scanStart, line, length, keep);
        length += keep;
      }
      total += runLength;
      position += runLength;
      bufferPosition = runEnd;
      if (newline >= 0) {
        bufferPosition++;
        position++;
        break;
      }
    }
    long contentBytes = total;
    if (contentBytes > 0 && length > 0 && contentBytes == length && line[length - 1] == '\r') {
      length--;
      contentBytes--;
    }
    if (contentBytes > maxLineBytes) {
      return new Line.Oversized(start, contentBytes, lenient(line, Math.min(length, KEPT_PREFIX_BYTES)));
    }
    return decode(start, length);
  }

  private Line decode(long start, int length) {
    boolean ascii = true;
    for (int i = 0; i < length; i++) {
      if (line[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new Line.Text(start, new String(line, 0, length, StandardCharsets.ISO_8859_1));
    }
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, length));
      return new Line.Text(start, chars.toString());
    } catch (CharacterCodingException e) {
      int badColumn = firstInvalidUtf8(line, length);
      return new Line.Undecodable(
          start,
          length,
          badColumn,
          line[Math.max(0, badColumn)] & 0xff,
          lenient(line, Math.min(length, KEPT_PREFIX_BYTES)));
    }
  }

  /** Index of the first byte that starts an invalid UTF-8 sequence, found by re-decoding prefixes. */
  private int firstInvalidUtf8(byte[] bytes, int length) {
    CharsetDecoder probe = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer output = CharBuffer.allocate(length + 1);
    var result = probe.decode(input, output, true);
    return result.isError() ? input.position() : length - 1;
  }

  private static String lenient(byte[] bytes, int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void ensureCapacity(int needed) {
    if (needed > line.length) {
      int grown = Math.max(needed, Math.min(line.length * 2, maxLineBytes + 1));
      line = java.util.Arrays.copyOf(line, Math.max(grown, needed));
    }
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    while (read == 0) {
      read = in.read(buffer, 0, buffer.length);
    }
    if (read < 0) {
      bufferLength = 0;
      bufferPosition = 0;
      return false;
    }
    bufferLength = read;
    bufferPosition = 0;
    return true;
  }
}
