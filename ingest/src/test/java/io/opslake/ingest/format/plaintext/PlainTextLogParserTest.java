package io.opslake.ingest.format.plaintext;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordingSink;
import io.opslake.ingest.format.RecordingSink.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextLogParserTest {
  private static final long T0 = 1_790_812_801_234_000L; // 2026-10-01T00:00:01.234Z

  private static final String LOG =
      """
      2026-10-01 00:00:01,234 INFO  [main] com.mysite.web.Server - Started in 4.2 s
      2026-10-01 00:00:01,234 ERROR [http-nio-8080-exec-3] com.mysite.web.QueryHandler - Failed to handle /page3?q=1
      java.lang.IllegalStateException: lookup failed
      \tat com.mysite.web.QueryHandler.handle(QueryHandler.java:88)
      \tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:197)
      Caused by: java.net.UnknownHostException: db.internal
      \tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1380)
      \t... 12 more

      2026-10-01T00:00:01.234Z WARN just a message""";

  private static PlainTextLogParser parser() {
    return new PlainTextLogParser(ParseContext.forTests("dc0-web01.app.log.gz"));
  }

  private static ParsedEvent parseOne(String line) {
    return RecordingSink.run(parser(), line).onlyEvent();
  }

  @Test
  void foldsStackTracesIntoTheirRecord() {
    RecordingSink sink = RecordingSink.run(parser(), LOG);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.events).extracting(RecordingSink.Event::line).containsExactly(1L, 2L, 10L);

    ParsedEvent started = sink.events.get(0).event();
    assertThat(started.tsMicros()).isEqualTo(T0);
    assertThat(started.hostname()).isEqualTo("dc0-web01");
    assertThat(started.type()).isNull();
    assertThat(started.level()).isEqualTo("info");
    assertThat(started.message()).isEqualTo("Started in 4.2 s");
    assertThat(started.labels())
        .containsExactly(Map.entry("thread", "main"), Map.entry("logger", "com.mysite.web.Server"));
    assertThat(started.attributes()).isEmpty();
    assertThat(started.tags()).isEmpty();

    ParsedEvent failed = sink.events.get(1).event();
    String backtrace =
        """
        java.lang.IllegalStateException: lookup failed
        \tat com.mysite.web.QueryHandler.handle(QueryHandler.java:88)
        \tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:197)
        Caused by: java.net.UnknownHostException: db.internal
        \tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1380)
        \t... 12 more""";
    assertThat(failed.level()).isEqualTo("error");
    assertThat(failed.message()).isEqualTo("Failed to handle /page3?q=1\n" + backtrace);
    assertThat(failed.labels())
        .containsExactly(
            Map.entry("thread", "http-nio-8080-exec-3"),
            Map.entry("logger", "com.mysite.web.QueryHandler"));
    assertThat(failed.attributes())
        .containsExactly(
            Map.entry("exception", "java.lang.IllegalStateException"),
            Map.entry("exception_message", "lookup failed"),
            Map.entry("backtrace", backtrace));

    ParsedEvent warning = sink.events.get(2).event();
    assertThat(warning.level()).isEqualTo("warn");
    assertThat(warning.message()).isEqualTo("just a message");
    assertThat(warning.labels()).isEmpty();
  }

  @Test
  void causedByNamesTheExceptionWhenTheTraceHasNoHeadline() {
    ParsedEvent event =
        parseOne(
            """
            2026-10-01 00:00:01,234 ERROR [pool-1] c.m.Sync - sync failed
            Caused by: com.mysite.sync.Conflict
            \tat com.mysite.sync.Sync.run(Sync.java:3)""");

    assertThat(event.attributes()).containsEntry("exception", "com.mysite.sync.Conflict");
    assertThat(event.attributes()).doesNotContainKey("exception_message");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-10-01 00:00:01,234 INFO hello",
        "2026-10-01T00:00:01.234 INFO hello",
        "2026-10-01 00:00:01.234Z INFO hello",
        "2026-10-01 00:00:01.234+0000 INFO hello",
        "2026-10-01 02:00:01.234 +02:00 INFO hello",
        "2026-09-30T22:00:01,234-02:00 INFO hello",
        "[2026-10-01 00:00:01,234] INFO hello",
        "2026-10-01 00:00:01.234000 information-free INFO hello",
      })
  void acceptsTimestampVariants(String line) {
    ParsedEvent event = parseOne(line);
    assertThat(event.tsMicros()).isEqualTo(T0);
    if (line.contains("information-free")) {
      assertThat(event.level()).isNull();
      assertThat(event.message()).isEqualTo("information-free INFO hello");
    } else {
      assertThat(event.level()).isEqualTo("info");
      assertThat(event.message()).isEqualTo("hello");
    }
  }

  @Test
  void levelsThreadsAndLoggersAreOptionalAndMayComeInLog4jOrder() {
    assertThat(parseOne("2026-10-01 00:00:01 SEVERE boom").level()).isEqualTo("error");
    assertThat(parseOne("2026-10-01 00:00:01 WARNING careful").level()).isEqualTo("warn");
    assertThat(parseOne("2026-10-01 00:00:01 FATAL dead").level()).isEqualTo("fatal");
    assertThat(parseOne("2026-10-01 00:00:01 TRACE x").level()).isEqualTo("trace");

    ParsedEvent log4j = parseOne("2026-10-01 00:00:01,234 [worker-2] DEBUG org.x.Y - tick");
    assertThat(log4j.level()).isEqualTo("debug");
    assertThat(log4j.labels())
        .containsExactly(Map.entry("thread", "worker-2"), Map.entry("logger", "org.x.Y"));
    assertThat(log4j.message()).isEqualTo("tick");

    ParsedEvent noLogger = parseOne("2026-10-01 00:00:01,234 INFO a - b - c");
    assertThat(noLogger.labels()).containsExactly(Map.entry("logger", "a"));
    assertThat(noLogger.message()).isEqualTo("b - c");
  }

  @Test
  void startsRecordOnlyAtTimestamps() {
    PlainTextLogParser parser = parser();
    assertThat(parser.startsRecord("2026-10-01 00:00:01,234 ERROR x")).isTrue();
    assertThat(parser.startsRecord("[2026-10-01T00:00:01Z] x")).isTrue();
    assertThat(parser.startsRecord("\tat com.mysite.Q.run(Q.java:1)")).isFalse();
    assertThat(parser.startsRecord("Caused by: java.io.IOException")).isFalse();
    assertThat(parser.startsRecord("2026-10-01 00:00:01x")).isFalse();
    assertThat(parser.startsRecord("[2026-10-01 00:00:01 INFO")).isFalse();
    assertThat(parser.startsRecord("2026-10-01")).isFalse();
    assertThat(parser.startsRecord("")).isFalse();
  }

  @Test
  void rejectsOrphanContinuationsAndImplausibleRecordsWhole() {
    RecordingSink sink =
        RecordingSink.run(
            parser(),
            """
            \tat com.mysite.Q.run(Q.java:1)
            \t... 3 more
            2090-01-01 00:00:00,000 ERROR [main] Q - from the future
            java.lang.IllegalStateException: boom
            \tat com.mysite.Q.run(Q.java:1)
            2026-13-45 00:00:00 INFO bad date
            1970-01-01 00:00:00 INFO epoch zero""");

    assertThat(sink.events).isEmpty();
    assertThat(sink.rejections)
        .containsExactly(
            new Rejection(1, "continuation line without a preceding log record", "\tat com.mysite.Q.run(Q.java:1)"),
            new Rejection(2, "continuation line without a preceding log record", "\t... 3 more"),
            new Rejection(
                3,
                "timestamp 2090-01-01T00:00:00Z is after the plausible window (ends 2027-01-01T00:00:00Z)",
                "2090-01-01 00:00:00,000 ERROR [main] Q - from the future\n"
                    + "java.lang.IllegalStateException: boom\n"
                    + "\tat com.mysite.Q.run(Q.java:1)"),
            new Rejection(
                6, "timestamp '2026-13-45 00:00:00' is not a valid date and time", "2026-13-45 00:00:00 INFO bad date"),
            new Rejection(
                7,
                "timestamp 1970-01-01T00:00:00Z is before the plausible window (starts 2000-01-01T00:00:00Z)",
                "1970-01-01 00:00:00 INFO epoch zero"));
  }

  @Test
  void capsAFoldAtTwoThousandLines() {
    StringBuilder text = new StringBuilder("2026-10-01 00:00:01,234 ERROR [main] Q - deep recursion\n");
    for (int i = 0; i < 2_003; i++) {
      text.append("\tat com.mysite.Q.recurse(Q.java:").append(i).append(")\n");
    }
    text.append("2026-10-01 00:00:01,234 INFO next");
    RecordingSink sink = RecordingSink.run(parser(), text.toString());

    assertThat(sink.events).extracting(RecordingSink.Event::line).containsExactly(1L, 2_005L);
    assertThat(sink.events.get(0).event().attributes().get("backtrace").split("\n")).hasSize(2_000);
    assertThat(sink.rejections)
        .extracting(Rejection::line, Rejection::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2_002L, "continuation line past the 2000-line fold limit"),
            org.assertj.core.groups.Tuple.tuple(2_003L, "continuation line past the 2000-line fold limit"),
            org.assertj.core.groups.Tuple.tuple(2_004L, "continuation line past the 2000-line fold limit"));
  }

  @Test
  void capsAFoldAtOneMebibyteAndSurvivesATwoMegabyteLine() {
    String big = "x".repeat(2_000_000);
    RecordingSink sink =
        RecordingSink.run(
            parser(),
            "2026-10-01 00:00:01,234 ERROR Q - " + big + "\n\tat a.B.c(B.java:1)\n" + "2026-10-01 00:00:01,234 INFO ok\n" + big);

    assertThat(sink.events).extracting(RecordingSink.Event::line).containsExactly(1L, 3L);
    assertThat(sink.events.get(0).event().message()).hasSize(2_000_000);
    assertThat(sink.rejections)
        .extracting(Rejection::line, Rejection::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, "continuation line past the 1 MiB fold limit"),
            org.assertj.core.groups.Tuple.tuple(4L, "continuation line past the 1 MiB fold limit"));
  }

  @Test
  void hostnameIsTheFileNameUpToItsFirstDot() {
    assertThat(PlainTextLogParser.hostnameOf("dc0-web01.app.log.gz")).isEqualTo("dc0-web01");
    assertThat(PlainTextLogParser.hostnameOf("dc0-db02")).isEqualTo("dc0-db02");
    assertThat(PlainTextLogParser.hostnameOf(".hidden.log")).isNull();
  }

  @Test
  void randomlyDamagedLogsNeverThrowAndAccountForEveryRecord() {
    Random random = new Random(20261005L);
    List<String> lines = LOG.lines().toList();
    for (int round = 0; round < 2_000; round++) {
      List<String> damaged = new ArrayList<>();
      for (String line : lines) {
        damaged.add(random.nextInt(4) == 0 ? new io.opslake.ingest.format.Mutations(random.nextLong()).mutate(List.of(line)) : line);
      }
      PlainTextLogParser parser = parser();
      RecordingSink sink = new RecordingSink();
      int expected = 0;
      boolean inRecord = false;
      long number = 0;
      for (String line : damaged) {
        parser.accept(line, ++number, sink);
        if (parser.startsRecord(line)) {
          expected++;
          inRecord = true;
        } else if (!inRecord) {
          expected++;
        }
      }
      parser.finish(sink);
      assertThat(sink.calls()).as("records in %s", damaged).isEqualTo(expected);
    }
  }
}
