package io.opslake.ingest.format.zap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.Mutations;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordingSink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZapLogParserTest {
  private static final long T0 = 1_790_812_801_123_456L; // 2026-10-01T00:00:01.123456Z

  private static final String OPENED =
      """
      {"level":"info","ts":1790812801.123456,"caller":"stream/handler.go:88","msg":"stream opened",\
      "logger":"kwanza","subscriber":"s-17","streams":42,"peer":{"addr":"10.0.0.7","tls":true}}""";

  private static final String PANIC =
      """
      kwanza_1    | {"level":"dpanic","ts":"2026-10-01T00:00:01.123456Z","caller":"stream/pool.go:12",\
      "msg":"pool exhausted","stacktrace":"main.run\\n\\t/src/main.go:40","sizes":[1,2]}""";

  private static final String COLOURED =
      "\u001b[36mkwanza-2  |\u001b[0m {\"level\":\"panic\",\"ts\":1790812801123456,\"msg\":\"bye\"}";

  private static ZapLogParser parser() {
    return new ZapLogParser(ParseContext.forTests("dc0-web01.compose.log"));
  }

  private static ParsedEvent parse(String line) {
    return RecordingSink.one(parser(), line).onlyEvent();
  }

  private static String reject(String line) {
    return RecordingSink.one(parser(), line).onlyRejection();
  }

  @Test
  void plainZapLine() {
    ParsedEvent event = parse(OPENED);

    assertThat(event.tsMicros()).isEqualTo(T0);
    assertThat(event.receivedAtMicros()).isNull();
    assertThat(event.hostname()).isNull();
    assertThat(event.type()).isNull();
    assertThat(event.level()).isEqualTo("info");
    assertThat(event.message()).isEqualTo("stream opened");
    assertThat(event.tags()).isEmpty();
    assertThat(event.labels())
        .containsExactly(Map.entry("caller", "stream/handler.go:88"), Map.entry("logger", "kwanza"));
    assertThat(event.attributes())
        .containsExactly(
            Map.entry("subscriber", "s-17"),
            Map.entry("streams", "42"),
            Map.entry("peer.addr", "10.0.0.7"),
            Map.entry("peer.tls", "true"));
  }

  @Test
  void composePrefixBecomesLabels() {
    ParsedEvent event = parse(PANIC);

    assertThat(event.tsMicros()).isEqualTo(T0);
    assertThat(event.level()).isEqualTo("error");
    assertThat(event.message()).isEqualTo("pool exhausted");
    assertThat(event.labels())
        .containsExactly(
            Map.entry("compose_service", "kwanza_1"),
            Map.entry("application_name", "kwanza"),
            Map.entry("caller", "stream/pool.go:12"));
    assertThat(event.attributes())
        .containsExactly(
            Map.entry("stacktrace", "main.run\n\t/src/main.go:40"), Map.entry("sizes", "[1,2]"));
  }

  @Test
  void ansiColouredComposePrefix() {
    ParsedEvent event = parse(COLOURED);

    assertThat(event.tsMicros()).isEqualTo(T0);
    assertThat(event.level()).isEqualTo("fatal");
    assertThat(event.labels())
        .containsExactly(
            Map.entry("compose_service", "kwanza-2"), Map.entry("application_name", "kwanza"));
  }

  @ParameterizedTest
  @CsvSource({
    "debug,debug", "info,info", "warn,warn", "error,error", "dpanic,error", "panic,fatal",
    "fatal,fatal", "INFO,info"
  })
  void zapLevels(String zapLevel, String level) {
    assertThat(parse("{\"level\":\"" + zapLevel + "\",\"ts\":1790812801.123456}").level())
        .isEqualTo(level);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1790812801.123456",
        "1790812801123.456",
        "1790812801123456",
        "1790812801123456000",
        "\"2026-10-01T00:00:01.123456Z\"",
        "\"2026-10-01T03:00:01.123456+03:00\""
      })
  void timestampsOfEveryUnit(String ts) {
    assertThat(parse("{\"level\":\"info\",\"ts\":" + ts + "}").tsMicros()).isEqualTo(T0);
  }

  @Test
  void rejections() {
    assertThat(reject("kwanza_1    | listening on :8080"))
        .isEqualTo("not JSON after the docker-compose prefix of kwanza_1: the service printed plain text");
    assertThat(reject("Attaching to kwanza_1, db_1"))
        .isEqualTo("not a JSON object: Unrecognized token 'Attaching' at column 10");
    assertThat(reject("{\"level\":\"info\",\"msg\":\"no time\"}")).isEqualTo("zap entry has no ts");
    assertThat(reject("{\"level\":\"info\",\"ts\":3786912000}"))
        .isEqualTo(
            "timestamp 2090-01-01T00:00:00Z is after the plausible window (ends 2027-01-01T00:00:00Z)");
    assertThat(reject("{\"level\":\"info\",\"ts\":0}"))
        .isEqualTo(
            "timestamp 1970-01-01T00:00:00Z is before the plausible window (starts 2000-01-01T00:00:00Z)");
    assertThat(reject("{\"level\":\"info\",\"ts\":false}"))
        .isEqualTo("field ts must be a number or a string, got a boolean");
    assertThat(reject("{\"level\":{\"n\":1},\"ts\":1790812801.1}"))
        .isEqualTo("field level must be a string, got an object");
    // columns count from the start of the JSON, after the compose prefix
    assertThat(reject("kwanza_1  | {\"level\":\"info\",\"ts\":1790812801.1"))
        .isEqualTo("malformed JSON: Unexpected end-of-input at column 34");
    assertThat(reject("{\"ts\":1790812801.1,\"x\":" + "{\"a\":".repeat(10_000)))
        .isEqualTo("malformed JSON: JSON nests deeper than 64 levels");
  }

  @Test
  void handlesATwoMegabyteLine() {
    String big = "z".repeat(2_000_000);
    assertThat(parse("k_1 | {\"ts\":1790812801.1,\"msg\":\"" + big + "\"}").message()).hasSize(2_000_000);
  }

  @Test
  void randomlyDamagedLinesNeverThrowAndEachYieldsExactlyOneCall() {
    Mutations mutations = new Mutations(20261004L);
    ZapLogParser parser = parser();
    RecordingSink sink = new RecordingSink();
    for (int i = 1; i <= 2_000; i++) {
      parser.accept(mutations.mutate(List.of(OPENED, PANIC, COLOURED)), i, sink);
      assertThat(sink.calls()).isEqualTo(i);
    }
    parser.finish(sink);
    assertThat(sink.calls()).isEqualTo(2_000);
    assertThat(sink.events).isNotEmpty();
    assertThat(sink.rejections).isNotEmpty();
  }
}
