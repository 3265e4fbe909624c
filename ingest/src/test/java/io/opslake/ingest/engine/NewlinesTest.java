package io.opslake.ingest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewlinesTest {
  @Test
  void countsNewlinesAtEveryPositionAndNothingElse() {
    // "\n" next to bytes one bit away from it (0x0B, 0x08, 0x8A) and next to 0x00 and 0xFF, which
    // break the simpler zero-byte test that counts a borrow as a match
    byte[] text = "a\n\u000b\b\n\n\u0000\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = new byte[text.length + 3];
    System.arraycopy(text, 0, bytes, 1, text.length);
    bytes[0] = (byte) 0x8A;
    bytes[bytes.length - 2] = (byte) 0xFF;
    bytes[bytes.length - 1] = '\n';
    assertThat(Newlines.count(bytes, 0, bytes.length)).isEqualTo(5);
    assertThat(Newlines.count(bytes, 2, 1)).isEqualTo(1);
    assertThat(Newlines.count(bytes, 3, 2)).isZero();
    assertThat(Newlines.count(bytes, 0, 0)).isZero();
  }

  @Test
  void agreesWithAByteByByteCountOnRandomBytesAtEveryOffsetAndLength() {
    Random random = new Random(7);
    byte[] bytes = new byte[300];
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < bytes.length; i++) {
        // a newline at about one byte in eight, the rest any byte value
        bytes[i] = random.nextInt(8) == 0 ? (byte) '\n' : (byte) random.nextInt(256);
      }
      int from = random.nextInt(40);
      int length = random.nextInt(bytes.length - from);
      long expected = 0;
      for (int i = from; i < from + length; i++) {
        expected += bytes[i] == '\n' ? 1 : 0;
      }
      assertThat(Newlines.count(bytes, from, length)).isEqualTo(expected);
    }
  }
}
