package io.opslake.ingest.format.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordRejectedException;
import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void byteSizesInEveryFormTheToolsPrint() {
    assertThat(Units.bytes("512b", "store")).isEqualTo(512);
    assertThat(Units.bytes("12.3mb", "store")).isEqualTo(12.3 * 1024 * 1024);
    assertThat(Units.bytes("1.2gb", "store")).isEqualTo(1.2 * 1024 * 1024 * 1024);
    assertThat(Units.bytes("20.5KB", "Delta")).isEqualTo(20.5 * 1024);
    assertThat(Units.bytes("3.8G", "Delta")).isEqualTo(3.8 * 1024 * 1024 * 1024);
    assertThat(Units.bytes("4KiB", "Delta")).isEqualTo(4096);
    assertThat(Units.bytes("1tb", "store")).isEqualTo(Math.pow(1024, 4));
    assertThat(Units.bytes("977", "store")).isEqualTo(977);
    assertThatThrownBy(() -> Units.bytes("mb", "store")).isInstanceOf(RecordRejectedException.class)
        .hasMessage("store 'mb' is not a number");
    assertThatThrownBy(() -> Units.bytes("1.2xb", "store")).hasMessage("store '1.2xb' is not a byte size (such as 512b, 12.3mb, 20.5KB, 3.8G)");
  }

  @Test
  void elasticsearchDurations() {
    assertThat(Units.millis("830ms", "t")).isEqualTo(830);
    assertThat(Units.millis("35.4s", "t")).isEqualTo(35_400);
    assertThat(Units.millis("3.1m", "t")).isEqualTo(186_000);
    assertThat(Units.millis("1.2h", "t")).isEqualTo(4_320_000);
    assertThat(Units.millis("2d", "t")).isEqualTo(172_800_000);
    assertThat(Units.millis("10micros", "t")).isEqualTo(0.01);
    assertThat(Units.millis("1500000nanos", "t")).isEqualTo(1.5);
    assertThat(Units.millis("250", "t")).isEqualTo(250);
    assertThatThrownBy(() -> Units.millis("3w", "t")).hasMessage("t '3w' is not a duration (such as 830ms, 35.4s, 1.2h)");
  }

  @Test
  void captureTimesFromFileNames() {
    var policy = ParseContext.forTests("x").timestamps();
    assertThat(CaptureTime.fromFileName("es-shards-20261001T000500Z.txt.gz", policy)).isEqualTo(1_790_813_100_000_000L);
    assertThat(CaptureTime.fromFileName("lag-2026-10-01T00:05:00Z.txt", policy)).isEqualTo(1_790_813_100_000_000L);
    assertThat(CaptureTime.fromFileName("es-shards-20261341T000500Z.txt", policy)).isNull();
    assertThat(CaptureTime.fromFileName("shards.txt", policy)).isNull();
    assertThat(CaptureTime.fromFileName("es-shards-20351001T000500Z.txt", policy)).as("after the window").isNull();
  }
}
