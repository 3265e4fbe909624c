package io.opslake.ingest.format.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaptureNameTest {
  private static final Long TEN = micros("2025-11-15T10:00:00Z");

  private static Long micros(String instant) {
    Instant time = Instant.parse(instant);
    return time.getEpochSecond() * 1_000_000L;
  }

  @Test
  void kindHostTimeWithEveryTimeStyle() {
    assertThat(CaptureName.parse("lsof_app-3_2025-11-15T10-00-00Z.txt")).isEqualTo(new CaptureName("app-3", "lsof", TEN));
    assertThat(CaptureName.parse("es-cat-shards_es-n1_2025-11-15T10-01-00Z.txt"))
        .isEqualTo(new CaptureName("es-n1", "es-cat-shards", micros("2025-11-15T10:01:00Z")));
    assertThat(CaptureName.parse("expvar_kwanza-1_2025-11-15T10-00-00Z.json")).isEqualTo(new CaptureName("kwanza-1", "expvar", TEN));
    assertThat(CaptureName.parse("df_app-3_20251115T100000Z.txt")).isEqualTo(new CaptureName("app-3", "df", TEN));
    assertThat(CaptureName.parse("df_app-3_2025-11-15T10:00:00Z.txt")).isEqualTo(new CaptureName("app-3", "df", TEN));
    assertThat(CaptureName.parse("df_app-3_2025-11-15_10-00-00.txt.gz")).isEqualTo(new CaptureName("app-3", "df", TEN));
    assertThat(CaptureName.parse("vmstat_app-3_1763200800.log")).isEqualTo(new CaptureName("app-3", "vmstat", TEN));
    assertThat(CaptureName.parse("host_stats_app-3_2025-11-15T10-00-00.txt")).isEqualTo(new CaptureName("app-3", "host_stats", TEN));
  }

  @Test
  void hostToolTimeKeepsAFullyQualifiedHost() {
    assertThat(CaptureName.parse("web01.example.com.lsof.20251115T100000Z.txt"))
        .isEqualTo(new CaptureName("web01.example.com", "lsof", TEN));
    assertThat(CaptureName.parse("app-3.vmstat.2025-11-15T10-00-00Z.out")).isEqualTo(new CaptureName("app-3", "vmstat", TEN));
    assertThat(CaptureName.parse("dc0-web01.df.txt.gz")).isEqualTo(new CaptureName("dc0-web01", "df", null));
    assertThat(CaptureName.parse("dc0-kwanza01.expvar.jsonl.gz")).isEqualTo(new CaptureName("dc0-kwanza01", "expvar", null));
    assertThat(CaptureName.parse("dc0-web01.statsd.log")).isEqualTo(new CaptureName("dc0-web01", "statsd", null));
  }

  @Test
  void oneWordIsAKindWhenTheTimeIsJoinedToItAndAHostOtherwise() {
    assertThat(CaptureName.parse("es-shards-20261001T000500Z.txt"))
        .isEqualTo(new CaptureName(null, "es-shards", micros("2026-10-01T00:05:00Z")));
    assertThat(CaptureName.parse("lag-2026-10-01T00:05:00Z.txt"))
        .isEqualTo(new CaptureName(null, "lag", micros("2026-10-01T00:05:00Z")));
    assertThat(CaptureName.parse("lsof_2025-11-15T10-00-00Z.txt")).isEqualTo(new CaptureName(null, "lsof", TEN));
    assertThat(CaptureName.parse("dc0-web01.jsonl.gz")).isEqualTo(new CaptureName("dc0-web01", null, null));
    assertThat(CaptureName.parse("2025-11-15T10-00-00Z.txt")).isEqualTo(new CaptureName(null, null, TEN));
  }

  @Test
  void ambiguousOrImplausibleNamesSayLess() {
    // two different times: no time
    assertThat(CaptureName.parse("df_app-3_2025-11-15T10-00-00Z_2025-11-15T11-00-00Z.txt"))
        .isEqualTo(new CaptureName("app-3", "df", null));
    // an impossible date is no time
    assertThat(CaptureName.parse("df_app-3_2025-13-15T10-00-00Z.txt")).isEqualTo(new CaptureName("app-3", "df", null));
    // words that name a log, not a machine, are no host
    assertThat(CaptureName.parse("access.log")).isEqualTo(new CaptureName(null, null, null));
    assertThat(CaptureName.parse("access_log")).isEqualTo(new CaptureName(null, "access", null));
    assertThat(CaptureName.parse("other_vhosts_access.log")).isEqualTo(new CaptureName(null, "other_vhosts", null));
    assertThat(CaptureName.parse("2026.log")).isEqualTo(new CaptureName(null, null, null));
    // a dotted name without a kind reads its last part as the kind: name it <host>.<kind> or pass --host
    assertThat(CaptureName.parse("web01.example.com.json")).isEqualTo(new CaptureName("web01.example", "com", null));
    assertThat(CaptureName.parse("")).isEqualTo(new CaptureName(null, null, null));
  }
}
