package io.opslake.ingest.format.journald;

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

class JournaldParserTest {
  private static final String NGINX =
      """
      {"__CURSOR":"s=6c1f;i=2a9;b=b1;m=1c;t=5f;x=9","__REALTIME_TIMESTAMP":"1790812801234567",\
      "__MONOTONIC_TIMESTAMP":"1927391","_BOOT_ID":"b1e2","_TRANSPORT":"stdout","PRIORITY":"6",\
      "SYSLOG_IDENTIFIER":"nginx","_PID":"812","_UID":"33","_COMM":"nginx",\
      "_SYSTEMD_UNIT":"nginx.service","_MACHINE_ID":"m4a1","_HOSTNAME":"dc0-web01",\
      "MESSAGE":"GET /page0 200"}""";

  private static final String DCOS_TASK =
      """
      {"__REALTIME_TIMESTAMP":"1790812801301000","_SOURCE_REALTIME_TIMESTAMP":"1790812801234000",\
      "_HOSTNAME":"dc0-agent07","PRIORITY":"3","CONTAINER_ID":"5f3a","CONTAINER_ID_FULL":"5f3a9c0d",\
      "CONTAINER_NAME":"search-1","AGENT_ID":"a-07-S3","EXECUTOR_ID":"search.e1","FRAMEWORK_ID":"f-1",\
      "FRAMEWORK_NAME":"marathon","APPLICATION_NAME":"/search","TASK_ID":"search.t1",\
      "MESSAGE":[72,105,32,255,33],"_TRANSPORT":"journal","CODE_LINE":["12","13"]}""";

  private static JournaldParser parser() {
    return new JournaldParser(ParseContext.forTests("dc0-web01.journal.json"));
  }

  private static ParsedEvent parse(String line) {
    return RecordingSink.one(parser(), line).onlyEvent();
  }

  private static String reject(String line) {
    return RecordingSink.one(parser(), line).onlyRejection();
  }

  @Test
  void systemdServiceEntry() {
    ParsedEvent event = parse(NGINX);

    assertThat(event.tsMicros()).isEqualTo(1_790_812_801_234_567L);
    assertThat(event.receivedAtMicros()).isNull();
    assertThat(event.hostname()).isEqualTo("dc0-web01");
    assertThat(event.type()).isNull();
    assertThat(event.level()).isEqualTo("info");
    assertThat(event.message()).isEqualTo("GET /page0 200");
    assertThat(event.tags()).isEmpty();
    assertThat(event.md5()).isNull();
    assertThat(event.labels())
        .containsExactly(
            Map.entry("boot_id", "b1e2"),
            Map.entry("syslog_identifier", "nginx"),
            Map.entry("pid", "812"),
            Map.entry("comm", "nginx"),
            Map.entry("unit", "nginx.service"),
            Map.entry("machine_id", "m4a1"));
    assertThat(event.attributes())
        .containsExactly(
            Map.entry("__CURSOR", "s=6c1f;i=2a9;b=b1;m=1c;t=5f;x=9"),
            Map.entry("__MONOTONIC_TIMESTAMP", "1927391"),
            Map.entry("_TRANSPORT", "stdout"),
            Map.entry("_UID", "33"));
  }

  @Test
  void dcosTaskEntryWithSourceTimeAndBinaryMessage() {
    ParsedEvent event = parse(DCOS_TASK);

    assertThat(event.tsMicros()).isEqualTo(1_790_812_801_234_000L);
    assertThat(event.receivedAtMicros()).isEqualTo(1_790_812_801_301_000L);
    assertThat(event.level()).isEqualTo("error");
    assertThat(event.message()).isEqualTo("Hi \uFFFD!");
    assertThat(event.labels())
        .containsExactly(
            Map.entry("container_id", "5f3a9c0d"),
            Map.entry("container_name", "search-1"),
            Map.entry("agent_id", "a-07-S3"),
            Map.entry("executor_id", "search.e1"),
            Map.entry("framework_id", "f-1"),
            Map.entry("framework_name", "marathon"),
            Map.entry("application_name", "/search"),
            Map.entry("task_id", "search.t1"));
    assertThat(event.attributes())
        .containsExactly(Map.entry("_TRANSPORT", "journal"), Map.entry("CODE_LINE", "[\"12\",\"13\"]"));
  }

  @ParameterizedTest
  @CsvSource({"0,fatal", "1,fatal", "2,fatal", "3,error", "4,warn", "5,info", "6,info", "7,debug"})
  void priorityBecomesLevel(String priority, String level) {
    String line = "{\"__REALTIME_TIMESTAMP\":\"1790812801234567\",\"PRIORITY\":\"" + priority + "\"}";
    assertThat(parse(line).level()).isEqualTo(level);
  }

  @Test
  void oddButValidEntries() {
    ParsedEvent nullMessage =
        parse("{\"__REALTIME_TIMESTAMP\":\"1790812801234567\",\"MESSAGE\":null,\"PRIORITY\":\"9\"}");
    assertThat(nullMessage.message()).isNull();
    assertThat(nullMessage.level()).isNull();
    assertThat(nullMessage.attributes()).containsExactly(Map.entry("PRIORITY", "9"));

    ParsedEvent badSourceTime =
        parse(
            "{\"__REALTIME_TIMESTAMP\":\"1790812801234567\",\"_SOURCE_REALTIME_TIMESTAMP\":\"0\"}");
    assertThat(badSourceTime.tsMicros()).isEqualTo(1_790_812_801_234_567L);
    assertThat(badSourceTime.receivedAtMicros()).isNull();
    assertThat(badSourceTime.attributes())
        .containsExactly(Map.entry("_SOURCE_REALTIME_TIMESTAMP", "0"));

    ParsedEvent onlySourceTime = parse("{\"_SOURCE_REALTIME_TIMESTAMP\":\"1790812801234567\"}");
    assertThat(onlySourceTime.tsMicros()).isEqualTo(1_790_812_801_234_567L);
    assertThat(onlySourceTime.receivedAtMicros()).isNull();
  }

  @Test
  void rejectsMissingAndImplausibleTimestamps() {
    assertThat(reject("{\"MESSAGE\":\"hello\"}")).isEqualTo("journal entry has no __REALTIME_TIMESTAMP");
    assertThat(reject("{\"__REALTIME_TIMESTAMP\":\"3786912000000000\"}"))
        .isEqualTo(
            "timestamp 2090-01-01T00:00:00Z is after the plausible window (ends 2027-01-01T00:00:00Z)");
    assertThat(reject("{\"__REALTIME_TIMESTAMP\":\"0\"}"))
        .isEqualTo(
            "timestamp 1970-01-01T00:00:00Z is before the plausible window (starts 2000-01-01T00:00:00Z)");
    assertThat(reject("{\"__REALTIME_TIMESTAMP\":\"2026-10-01\"}"))
        .isEqualTo("__REALTIME_TIMESTAMP '2026-10-01' is not a number of microseconds");
  }

  @Test
  void rejectsGarbageAndWrongTypes() {
    assertThat(reject("-- Logs begin at Thu 2026-10-01 00:00:00 UTC. --"))
        .isEqualTo("not a JSON object: Unexpected character ('-' (code 45)) in numeric value at column 3");
    assertThat(reject("{\"__REALTIME_TIMESTAMP\":\"1790812801234567\",\"MESSAGE\":\"trunc"))
        .isEqualTo("malformed JSON: Unexpected end-of-input at column 60");
    assertThat(reject("{\"__REALTIME_TIMESTAMP\":{\"us\":1}}"))
        .isEqualTo("field __REALTIME_TIMESTAMP must be a string, got an object");
    assertThat(reject("{\"__REALTIME_TIMESTAMP\":\"1790812801234567\",\"MESSAGE\":[72,\"i\"]}"))
        .isEqualTo(
            "field MESSAGE must be a string or an array of byte values, got an array holding a string");
    assertThat(reject("{\"__REALTIME_TIMESTAMP\":\"1790812801234567\",\"x\":" + "[".repeat(10_000)))
        .isEqualTo("malformed JSON: JSON nests deeper than 64 levels");
  }

  @Test
  void handlesATwoMegabyteLine() {
    String big = "y".repeat(2_000_000);
    assertThat(parse("{\"__REALTIME_TIMESTAMP\":\"1790812801234567\",\"MESSAGE\":\"" + big + "\"}").message())
        .hasSize(2_000_000);
  }

  @Test
  void randomlyDamagedLinesNeverThrowAndEachYieldsExactlyOneCall() {
    Mutations mutations = new Mutations(20261003L);
    JournaldParser parser = parser();
    RecordingSink sink = new RecordingSink();
    for (int i = 1; i <= 2_000; i++) {
      parser.accept(mutations.mutate(List.of(NGINX, DCOS_TASK)), i, sink);
      assertThat(sink.calls()).isEqualTo(i);
    }
    parser.finish(sink);
    assertThat(sink.calls()).isEqualTo(2_000);
    assertThat(sink.events).isNotEmpty();
    assertThat(sink.rejections).isNotEmpty();
  }
}
