package io.opslake.sampledata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MalformerTest {
  private static final String LINE = "{\"md5\":\"623cd5e54aeec64f229417e667e052ba\",\"type\":\"page_load\",\"hostname\":\"dc0-web01\","
      + "\"timestamp\":1790812800020,\"received_at\":1790812800801,\"tags\":[\"metrics\",\"performance\"],"
      + "\"additional_info\":{\"execution_time\":0.209,\"url\":\"http://mysite.com/page46\"}}";
  private final Malformer malformer = new AppEventsWriter(
      new ScenarioPlan(GeneratorOptions.defaults(java.nio.file.Path.of("unused"))), SampleFormat.APP_EVENTS).malformer();

  private String malform(MalformedKind kind, long seed) {
    return new String(malformer.malform(kind, new Rendered(1790812800020L, LINE), new SplittableRandom(seed)), StandardCharsets.UTF_8);
  }

  @Test
  void truncatedLinesNeverParse() {
    for (long seed = 0; seed < 500; seed++) {
      String truncated = malform(MalformedKind.TRUNCATED, seed);
      assertThat(truncated.length()).isBetween(LINE.length() * 3 / 10, LINE.length() * 7 / 10);
      assertThatThrownBy(() -> GeneratedFiles.JSON.readTree(truncated)).isInstanceOf(JsonProcessingException.class);
    }
  }

  @Test
  void timestampEditsKeepTheRestOfTheLine() {
    assertThat(malform(MalformedKind.TIMESTAMP_2090, 1)).isEqualTo(LINE.replace("1790812800020", "3810499200020"));
    // Missing means no time at all: received_at, which parsers fall back to, goes too.
    assertThat(malform(MalformedKind.MISSING_TIMESTAMP, 1))
        .isEqualTo(LINE.replace("\"timestamp\":1790812800020,", "").replaceFirst(",\"received_at\":\\d+", ""))
        .doesNotContain("timestamp", "received_at");
    assertThat(malform(MalformedKind.GARBAGE, 1)).startsWith("}#~ garbage ").doesNotContain(":", "|");
  }

  @Test
  void invalidUtf8SitsInsideTheTimestampString() {
    byte[] bytes = malformer.malform(MalformedKind.INVALID_UTF8, new Rendered(1790812800020L, LINE), new SplittableRandom(1));
    String lenient = new String(bytes, StandardCharsets.UTF_8);
    assertThat(lenient).contains("\"timestamp\":\"179081\uFFFD(2800020\",");
    assertThat(GeneratedFiles.strictUtf8(bytes)).isNull();
  }

  @Test
  void the2090InstantKeepsTheWallClock() {
    assertThat(Text.isoInstant(TimestampFieldMalformer.millisIn2090(1790812800020L))).isEqualTo("2090-10-01T00:00:00.020Z");
  }
}
