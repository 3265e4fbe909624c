package io.opslake.ingest.format.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ListRecordSink.Rejection;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DogStatsdEventsTest {
  /** 2026-10-01T00:00:01Z. */
  private static final long SECOND_1 = 1_790_812_801_000_000L;

  private static ListRecordSink parse(String text) {
    return ListRecordSink.parse(new StatsdParser(ParseContext.forTests("dc0-web01.statsd.log")), text);
  }

  @Test
  void eventBecomesADogStatsdEvent() {
    ListRecordSink sink = parse(
        "1790812802.5 _e{14,25}:Deploy started|version 4.2.1\\nby jenkins|d:1790812801|h:dc0-web01"
            + "|p:low|t:warning|k:deploy-42|s:jenkins|#env:prod,service:checkout,canary\n");

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.events).containsExactly(new ParsedEvent(
        SECOND_1, SECOND_1 + 1_500_000, "dc0-web01", "dogstatsd_event", "warn",
        "Deploy started\nversion 4.2.1\nby jenkins",
        List.of("env:prod", "service:checkout", "canary"),
        Map.of("env", "prod", "service", "checkout", "canary", ""),
        Map.of("priority", "low", "alert_type", "warning", "aggregation_key", "deploy-42", "source_type_name", "jenkins"),
        null));
  }

  @Test
  void eventLengthsCountUtf8BytesAndTheTitleMayHoldABar() {
    // "Größe|alt" is 9 characters and 11 UTF-8 bytes.
    ListRecordSink sink = parse(
        "_e{11,4}:Größe|alt|text|d:1790812801|t:error|#host:dc0-db01\n"
            + "_e{9,4}:Größe|alt|text|d:1790812801\n");

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.events).extracting(ParsedEvent::message).containsOnly("Größe|alt\ntext");
    assertThat(sink.events.get(0).hostname()).isEqualTo("dc0-db01");
    assertThat(sink.events.get(0).level()).isEqualTo("error");
    assertThat(sink.events.get(0).labels()).isEmpty();
    assertThat(sink.events.get(1).level()).isEqualTo("info");
  }

  @Test
  void serviceCheckBecomesAnEventWithALevelFromItsStatus() {
    ListRecordSink sink = parse("""
        1790812801 _sc|redis.can_connect|0|#env:prod
        _sc|redis.can_connect|1|d:1790812801|h:dc0-cache01
        _sc|redis.can_connect|2|d:1790812801|#host:dc0-cache02|m:connection refused | retrying\\nin 5s
        _sc|redis.can_connect|3|d:1790812801
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.events).extracting(ParsedEvent::type).containsOnly("service_check");
    assertThat(sink.events).extracting(ParsedEvent::level).containsExactly("info", "warn", "error", "warn");
    assertThat(sink.events).extracting(ParsedEvent::hostname)
        .containsExactly(null, "dc0-cache01", "dc0-cache02", null);
    assertThat(sink.events.get(2)).isEqualTo(new ParsedEvent(
        SECOND_1, null, "dc0-cache02", "service_check", "error", "connection refused | retrying\nin 5s",
        List.of("host:dc0-cache02"), Map.of(),
        Map.of("check_name", "redis.can_connect", "status", "critical"), null));
    assertThat(sink.events.get(0).message()).isNull();
    assertThat(sink.events.get(0).tsMicros()).isEqualTo(SECOND_1);
    assertThat(sink.events.get(0).receivedAtMicros()).isNull();
  }

  @Test
  void rejectsBrokenEventsAndServiceChecks() {
    ListRecordSink sink = parse("""
        _e{5,4}:Title|text
        _sc|redis.can_connect|0
        _e{5,4:Title|text|d:1790812801
        _e{x,4}:Title|text|d:1790812801
        _e{9,4}:Title|text|d:1790812801
        _e{5,9}:Title|text|d:1790812801
        _e{0,4}:|text|d:1790812801
        _sc||0|d:1790812801
        _sc|redis.can_connect|7|d:1790812801
        _sc|redis.can_connect
        _e{5,4}:Title|text|d:soon
        """);

    assertThat(sink.events).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::reason).containsExactly(
        "DogStatsD event has no timestamp (expected a |d:<epoch> field or a leading timestamp)",
        "DogStatsD service check has no timestamp (expected a |d:<epoch> field or a leading timestamp)",
        "DogStatsD event header does not hold '{titleLength,textLength}'",
        "DogStatsD event title length 'x' is not a number",
        "DogStatsD event title does not match its declared length 9",
        "DogStatsD event text does not match its declared length 9",
        "DogStatsD event has an empty title",
        "DogStatsD service check has an empty name",
        "DogStatsD service check status '7' is not 0, 1, 2 or 3",
        "DogStatsD service check has no status",
        "DogStatsD timestamp field d: 'soon' is not a number");
  }
}
