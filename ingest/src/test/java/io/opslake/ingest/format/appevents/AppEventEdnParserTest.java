package io.opslake.ingest.format.appevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.Mutations;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordingSink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppEventEdnParserTest {
  private static final long T0 = 1_790_812_801_234_000L; // 2026-10-01T00:00:01.234Z

  private static final String PAGE_LOAD =
      """
      {:md5 "9b2f1c" :type "page_load" :hostname "dc0-web01" \
      :timestamp #inst "2026-10-01T00:00:01.234-00:00" :received_at 1790812801301 \
      :tags ["metrics" "performance"] \
      :additional_info {:execution_time 0.547 :url "http://mysite.com/page0"}}""";

  private static final String EXCEPTION =
      """
      {:type "exception" :host "dc0-web02" :ts 1790812801234 :level :error \
      :tags #{"errors"} :application_name "search" \
      :additional_info {:message "Failed to handle /page3" \
      :backtrace "java.lang.IllegalStateException: boom\\n\\tat com.mysite.Q.run(Q.java:10)" \
      :http {:status 500 :ok false :path nil} :attempts [1 2.5 :x] :db/shard 3}} ; trailing comment""";

  private static AppEventEdnParser parser() {
    return new AppEventEdnParser(ParseContext.forTests("dc0-web01.app.log"));
  }

  private static ParsedEvent parse(String line) {
    return RecordingSink.one(parser(), line).onlyEvent();
  }

  private static String reject(String line) {
    return RecordingSink.one(parser(), line).onlyRejection();
  }

  @Test
  void pageLoadMapsLikeItsJsonTwin() {
    ParsedEvent event = parse(PAGE_LOAD);

    assertThat(event.tsMicros()).isEqualTo(T0);
    assertThat(event.receivedAtMicros()).isEqualTo(1_790_812_801_301_000L);
    assertThat(event.hostname()).isEqualTo("dc0-web01");
    assertThat(event.type()).isEqualTo("page_load");
    assertThat(event.md5()).isEqualTo("9b2f1c");
    assertThat(event.tags()).containsExactly("metrics", "performance");
    assertThat(event.labels()).isEmpty();
    assertThat(event.attributes())
        .isEqualTo(Map.of("execution_time", "0.547", "url", "http://mysite.com/page0"));
  }

  @Test
  void keywordsSetsNilAndNamespacedKeys() {
    ParsedEvent event = parse(EXCEPTION);

    assertThat(event.tsMicros()).isEqualTo(T0);
    assertThat(event.hostname()).isEqualTo("dc0-web02");
    assertThat(event.level()).isEqualTo("error");
    assertThat(event.message()).isEqualTo("Failed to handle /page3");
    assertThat(event.tags()).containsExactly("errors");
    assertThat(event.labels()).containsExactly(Map.entry("application_name", "search"));
    // EDN maps have no order, so neither have these attributes
    assertThat(event.attributes())
        .isEqualTo(
            Map.of(
                "message", "Failed to handle /page3",
                "backtrace",
                    "java.lang.IllegalStateException: boom\n\tat com.mysite.Q.run(Q.java:10)",
                "http.status", "500",
                "http.ok", "false",
                "attempts", "[1,2.5,\"x\"]",
                "db/shard", "3"));
  }

  @Test
  void rejectsTimestampsLikeTheJsonParser() {
    assertThat(reject("{:type \"page_load\"}"))
        .isEqualTo(
            "event has no timestamp (looked for timestamp, ts, time, @timestamp, event_time,"
                + " received_at)");
    assertThat(reject("{:timestamp #inst \"2090-01-01T00:00:00.000-00:00\"}"))
        .isEqualTo(
            "timestamp 2090-01-01T00:00:00Z is after the plausible window (ends 2027-01-01T00:00:00Z)");
    assertThat(reject("{:timestamp 0}"))
        .isEqualTo(
            "timestamp 1970-01-01T00:00:00Z is before the plausible window (starts 2000-01-01T00:00:00Z)");
    assertThat(parse("{:timestamp 1790812801234000000}").tsMicros()).isEqualTo(T0);
    assertThat(parse("{:timestamp 1790812801.234}").tsMicros()).isEqualTo(T0);
  }

  @Test
  void rejectsWrongTypesLikeTheJsonParser() {
    assertThat(reject("{:ts 1790812801234 :hostname {:name \"x\"}}"))
        .isEqualTo("field hostname must be a string, got an object");
    assertThat(reject("{:ts true}"))
        .isEqualTo("field ts must be a number or a string, got a boolean");
  }

  @Test
  void rejectsWhatIsNotOneEdnMap() {
    assertThat(reject("")).isEqualTo("not an EDN map: the line is empty");
    assertThat(reject("[1 2]")).isEqualTo("not an EDN map: the line holds a vector or list");
    assertThat(reject("nil")).isEqualTo("not an EDN map: the line holds nil");
    assertThat(reject(":page_load")).isEqualTo("not an EDN map: the line holds a keyword");
    assertThat(reject("{:ts 1790812801234} {:ts 1}")).isEqualTo("trailing data after the EDN map");
    assertThat(reject("{:ts 1790812801234 :type"))
        .isEqualTo("malformed EDN: Expected END_MAP_OR_SET, but found END_OF_INPUT");
    assertThat(reject("{:ts 1790812801234 :type}"))
        .isEqualTo("malformed EDN: Every map must have an equal number of keys and values.");
    assertThat(reject("{:ts #inst \"yesterday\"}"))
        .isEqualTo("malformed EDN: Can't parse \"yesterday\"");
  }

  @Test
  void rejectsDeepNestingBeforeParsing() {
    assertThat(reject("{:ts 1 :a " + "[".repeat(10_000))).isEqualTo("EDN nests deeper than 64 levels");
    assertThat(reject("{:ts 1 :a \"" + "[".repeat(10_000) + "\"}"))
        .isEqualTo("timestamp 1970-01-01T00:00:01Z is before the plausible window (starts 2000-01-01T00:00:00Z)");
  }

  @Test
  void unknownTagsCharactersUuidsAndExactNumbersBecomeText() {
    ParsedEvent event =
        parse(
            "{:ts 1790812801234 :a #foo 1 :b \\x :c #uuid \"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\""
                + " :d 2N :e 1.5M}");

    assertThat(event.attributes())
        .isEqualTo(
            Map.of(
                "a", "#foo 1",
                "b", "x",
                "c", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
                "d", "2",
                "e", "1.5"));
  }

  @Test
  void handlesATwoMegabyteLine() {
    String big = "x".repeat(2_000_000);
    assertThat(parse("{:ts 1790812801234 :message \"" + big + "\"}").message()).hasSize(2_000_000);
  }

  @Test
  void randomlyDamagedLinesNeverThrowAndEachYieldsExactlyOneCall() {
    Mutations mutations = new Mutations(20261002L);
    AppEventEdnParser parser = parser();
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
