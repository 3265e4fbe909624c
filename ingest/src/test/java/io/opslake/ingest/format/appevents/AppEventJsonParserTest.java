package io.opslake.ingest.format.appevents;

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

class AppEventJsonParserTest {
  private static final long T0 = 1_790_812_801_234_000L; // 2026-10-01T00:00:01.234Z

  private static final String PAGE_LOAD =
      """
      {"md5":"9b2f1c","type":"page_load","hostname":"dc0-web01","timestamp":1790812801234,\
      "received_at":1790812801301,"tags":["metrics","performance"],\
      "additional_info":{"execution_time":0.547,"url":"http://mysite.com/page0"}}""";

  private static final String EXCEPTION =
      """
      {"type":"exception","host":"dc0-web02","ts":"2026-10-01T00:00:01.234Z","severity":"ERROR",\
      "tags":"errors","additional_info":{"message":"Failed to handle /page3","pid":4121,\
      "backtrace":"java.lang.IllegalStateException: boom\\n\\tat com.mysite.Q.run(Q.java:10)",\
      "http":{"status":500,"ok":false,"path":null},"attempts":[1,2.50,"x"]},\
      "container_id":"c-17","request":{"id":"r-9","route":{"name":"page"}}}""";

  private static ParsedEvent parse(String line) {
    return RecordingSink.one(parser(), line).onlyEvent();
  }

  private static String reject(String line) {
    return RecordingSink.one(parser(), line).onlyRejection();
  }

  private static AppEventJsonParser parser() {
    return new AppEventJsonParser(ParseContext.forTests("dc0-web01.app.log"));
  }

  @Test
  void pageLoadMapsEveryField() {
    ParsedEvent event = parse(PAGE_LOAD);

    assertThat(event.tsMicros()).isEqualTo(T0);
    assertThat(event.receivedAtMicros()).isEqualTo(1_790_812_801_301_000L);
    assertThat(event.hostname()).isEqualTo("dc0-web01");
    assertThat(event.type()).isEqualTo("page_load");
    assertThat(event.level()).isNull();
    assertThat(event.message()).isNull();
    assertThat(event.md5()).isEqualTo("9b2f1c");
    assertThat(event.tags()).containsExactly("metrics", "performance");
    assertThat(event.labels()).isEmpty();
    assertThat(event.attributes())
        .containsExactly(
            Map.entry("execution_time", "0.547"), Map.entry("url", "http://mysite.com/page0"));
  }

  @Test
  void exceptionKeepsBacktraceFlattensTheRestAndLiftsIdentityIntoLabels() {
    ParsedEvent event = parse(EXCEPTION);

    assertThat(event.tsMicros()).isEqualTo(T0);
    assertThat(event.receivedAtMicros()).isNull();
    assertThat(event.hostname()).isEqualTo("dc0-web02");
    assertThat(event.level()).isEqualTo("error");
    assertThat(event.message()).isEqualTo("Failed to handle /page3");
    assertThat(event.tags()).containsExactly("errors");
    assertThat(event.labels()).containsExactly(Map.entry("pid", "4121"), Map.entry("container_id", "c-17"));
    assertThat(event.attributes())
        .containsExactly(
            Map.entry("message", "Failed to handle /page3"),
            Map.entry(
                "backtrace",
                "java.lang.IllegalStateException: boom\n\tat com.mysite.Q.run(Q.java:10)"),
            Map.entry("http.status", "500"),
            Map.entry("http.ok", "false"),
            Map.entry("attempts", "[1,2.50,\"x\"]"),
            Map.entry("request.id", "r-9"),
            Map.entry("request.route.name", "page"));
  }

  @Test
  void eventTimeFieldsArePreferredInOrderAndReceivedAtIsTheLastResort() {
    assertThat(parse("{\"event_time\":1790812802,\"time\":1790812801.234}").tsMicros()).isEqualTo(T0);
    assertThat(parse("{\"@timestamp\":\"2026-10-01T00:00:01.234Z\",\"event_time\":5}").tsMicros())
        .isEqualTo(T0);

    ParsedEvent received = parse("{\"received_at\":1790812801234,\"timestamp\":null}");
    assertThat(received.tsMicros()).isEqualTo(T0);
    assertThat(received.receivedAtMicros()).isEqualTo(T0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1790812801.234",
        "1790812801234",
        "1790812801234000",
        "1790812801234000000",
        "\"1790812801234\"",
        "\"2026-10-01T00:00:01.234Z\"",
        "\"2026-10-01T02:00:01.234+02:00\"",
        "\"2026-10-01 00:00:01.234\""
      })
  void acceptsEveryEpochUnitAndIsoText(String timestamp) {
    assertThat(parse("{\"timestamp\":" + timestamp + "}").tsMicros()).isEqualTo(T0);
  }

  @Test
  void unreadableReceivedAtIsKeptRawWhenTheEventTimeIsFine() {
    ParsedEvent event = parse("{\"timestamp\":1790812801234,\"received_at\":\"soon\"}");

    assertThat(event.receivedAtMicros()).isNull();
    assertThat(event.attributes()).containsExactly(Map.entry("received_at_raw", "soon"));
  }

  @Test
  void synonymsAndOddScalars() {
    ParsedEvent event =
        parse(
            "{\"ts\":1790812801234,\"hostname\":\"a\",\"host\":\"b\",\"msg\":\"m2\",\"message\":\"m1\","
                + "\"level\":\"Warning\",\"tags\":5,\"unit\":\"web.service\",\"pid\":{\"v\":1}}");

    assertThat(event.hostname()).isEqualTo("a");
    assertThat(event.message()).isEqualTo("m1");
    assertThat(event.level()).isEqualTo("warn");
    assertThat(event.tags()).containsExactly("5");
    assertThat(event.labels()).containsExactly(Map.entry("unit", "web.service"));
    assertThat(event.attributes()).containsExactly(Map.entry("pid.v", "1"));
  }

  @Test
  void unknownLevelIsKeptRaw() {
    ParsedEvent event = parse("{\"ts\":1790812801234,\"level\":\"loud\"}");

    assertThat(event.level()).isNull();
    assertThat(event.attributes()).containsExactly(Map.entry("level_raw", "loud"));
  }

  @Test
  void rejectsMissingAndImplausibleTimestamps() {
    assertThat(reject("{\"type\":\"page_load\"}"))
        .isEqualTo(
            "event has no timestamp (looked for timestamp, ts, time, @timestamp, event_time,"
                + " received_at)");
    assertThat(reject("{\"timestamp\":\"2090-01-01T00:00:00Z\"}"))
        .isEqualTo(
            "timestamp 2090-01-01T00:00:00Z is after the plausible window (ends 2027-01-01T00:00:00Z)");
    assertThat(reject("{\"timestamp\":0}"))
        .isEqualTo(
            "timestamp 1970-01-01T00:00:00Z is before the plausible window (starts 2000-01-01T00:00:00Z)");
    assertThat(reject("{\"timestamp\":\"yesterday\"}"))
        .isEqualTo("timestamp 'yesterday' is neither an epoch number nor ISO-8601");
    assertThat(reject("{\"timestamp\":\"+999999999-12-31T00:00:00Z\"}"))
        .isEqualTo("timestamp '+999999999-12-31T00:00:00Z' is out of range");
    assertThat(reject("{\"received_at\":\"soon\"}"))
        .isEqualTo("timestamp 'soon' is neither an epoch number nor ISO-8601");
  }

  @Test
  void rejectsWrongTypes() {
    assertThat(reject("{\"ts\":1790812801234,\"hostname\":{\"name\":\"x\"}}"))
        .isEqualTo("field hostname must be a string, got an object");
    assertThat(reject("{\"ts\":1790812801234,\"type\":[1]}"))
        .isEqualTo("field type must be a string, got an array");
    assertThat(reject("{\"ts\":true}"))
        .isEqualTo("field ts must be a number or a string, got a boolean");
    assertThat(reject("{\"ts\":1790812801234,\"tags\":{\"a\":1}}"))
        .isEqualTo("field tags must be a string or an array of strings, got an object");
    assertThat(reject("{\"ts\":1790812801234,\"tags\":[\"a\",[\"b\"]]}"))
        .isEqualTo("field tags must be a string or an array of strings, got an array holding an array");
    assertThat(reject("{\"ts\":1790812801234,\"additional_info\":\"x\"}"))
        .isEqualTo("field additional_info must be an object, got a string");
  }

  @Test
  void rejectsWhatIsNotOneJsonObject() {
    assertThat(reject("xyz")).isEqualTo("not a JSON object: Unrecognized token 'xyz' at column 4");
    assertThat(reject("  @")).isEqualTo("not a JSON object: Unexpected character ('@' (code 64)) at column 4");
    assertThat(reject("")).isEqualTo("not a JSON object: the line is empty");
    assertThat(reject("[1,2]")).isEqualTo("not a JSON object: the line holds an array");
    assertThat(reject("\"page_load\"")).isEqualTo("not a JSON object: the line holds a string");
    assertThat(reject("{\"ts\":1790812801234,\"type\":\"pa"))
        .isEqualTo("malformed JSON: Unexpected end-of-input at column 31");
    assertThat(reject("{\"ts\":1790812801234"))
        .isEqualTo("malformed JSON: Unexpected end-of-input at column 20");
    assertThat(reject("{\"ts\":1790812801234} trailing"))
        .isEqualTo("trailing data after the JSON object that ends at column 20");
    assertThat(reject("{\"ts\":1790812801234}{}"))
        .isEqualTo("trailing data after the JSON object that ends at column 20");
  }

  @Test
  void rejectsDeepNestingWithoutBlowingTheStack() {
    String deep = "{\"ts\":1790812801234,\"a\":" + "[".repeat(10_000);
    assertThat(reject(deep)).isEqualTo("malformed JSON: JSON nests deeper than 64 levels");
  }

  @Test
  void keepsNestingOfSixtyFourLevels() {
    String nested = "{\"ts\":1790812801234,\"a\":" + "[".repeat(63) + "]".repeat(63) + "}";
    assertThat(parse(nested).attributes().get("a")).hasSize(126);
  }

  @Test
  void handlesATwoMegabyteLine() {
    String big = "x".repeat(2_000_000);
    ParsedEvent event = parse("{\"ts\":1790812801234,\"message\":\"" + big + "\"}");
    assertThat(event.message()).hasSize(2_000_000);

    RecordingSink truncated = RecordingSink.one(parser(), "{\"ts\":1790812801234,\"message\":\"" + big);
    assertThat(truncated.onlyRejection()).startsWith("malformed JSON: Unexpected end-of-input");
    assertThat(truncated.onlyRejection()).hasSizeLessThan(100);
  }

  @Test
  void oneParserServesManyLinesWithoutLeakingFieldsBetweenThem() {
    RecordingSink sink = RecordingSink.run(parser(), PAGE_LOAD + "\n{\"ts\":1790812801234}");

    assertThat(sink.events).hasSize(2);
    ParsedEvent second = sink.events.get(1).event();
    assertThat(sink.events.get(1).line()).isEqualTo(2);
    assertThat(second.md5()).isNull();
    assertThat(second.tags()).isEmpty();
    assertThat(second.attributes()).isEmpty();
    assertThat(second.receivedAtMicros()).isNull();
  }

  @Test
  void randomlyDamagedLinesNeverThrowAndEachYieldsExactlyOneCall() {
    Mutations mutations = new Mutations(20261001L);
    AppEventJsonParser parser = parser();
    RecordingSink sink = new RecordingSink();
    for (int i = 1; i <= 2_000; i++) {
      parser.accept(mutations.mutate(List.of(PAGE_LOAD, EXCEPTION)), i, sink);
      assertThat(sink.calls()).isEqualTo(i);
    }
    parser.finish(sink);
    assertThat(sink.calls()).isEqualTo(2_000);
    assertThat(sink.events).isNotEmpty();
    assertThat(sink.rejections).isNotEmpty();
  }
}
