package io.opslake.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClfTimeTest {
  private static final TimestampPolicy POLICY = TimestampPolicy.endingAt(Instant.parse("2027-01-01T00:00:00Z"));

  private static long micros(String instant) {
    return TimestampPolicy.toMicros(Instant.parse(instant));
  }

  @Test
  void readsTheCommonLogFormatTimeWithItsZone() {
    assertThat(ClfTime.micros("17/May/2015:10:05:03 +0000")).isEqualTo(micros("2015-05-17T10:05:03Z"));
    assertThat(ClfTime.micros("[10/Oct/2000:13:55:36 -0700]")).isEqualTo(micros("2000-10-10T20:55:36Z"));
    assertThat(ClfTime.micros("01/jan/2026:00:00:00 +0530")).isEqualTo(micros("2025-12-31T18:30:00Z"));
    assertThat(ClfTime.matches("17/May/2015:10:05:03")).isFalse();
    assertThat(ClfTime.matches("17/Mai/2015:10:05:03 +0000")).isFalse();
  }

  @Test
  void isAKnownLayoutWhereverTimestampsAreParsed() {
    assertThat(POLICY.parseText("17/May/2015:10:05:03 +0000")).isEqualTo(micros("2015-05-17T10:05:03Z"));
    assertThat(POLICY.parseText(" [17/May/2015:10:05:03 +0200] ")).isEqualTo(micros("2015-05-17T08:05:03Z"));
    assertThatThrownBy(() -> POLICY.parseText("31/Feb/2015:10:05:03 +0000"))
        .isInstanceOf(TimestampException.class)
        .hasMessage("timestamp '31/Feb/2015:10:05:03 +0000' is not a valid date and time");
    assertThatThrownBy(() -> POLICY.parseText("17/May/2035:10:05:03 +0000"))
        .hasMessage("timestamp 2035-05-17T10:05:03Z is after the plausible window (ends 2027-01-01T00:00:00Z)");
  }
}
