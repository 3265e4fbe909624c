package io.opslake.ingest.format.plaintext;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.TimestampPolicy;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineFormatLogParserTest {
  private static final String HDFS = "<Date> <Time> <Pid> <Level> <Component>: <Content>";
  private static final String OPENSSH = "<Year> <Month> <Day> <Time> <Host> <Component>([<PID>])?: <Content>";

  private static LineFormatLogParser parser(String fileName, String layout) {
    return new LineFormatLogParser(new ParseContext(
        fileName, TimestampPolicy.endingAt(Instant.parse("2027-01-01T00:00:00Z")), layout));
  }

  private static long micros(String instant) {
    return TimestampPolicy.toMicros(Instant.parse(instant));
  }

  @Test
  void readsTheHdfsLayout() {
    ListRecordSink sink = ListRecordSink.parse(parser("dn-07.hdfs.log", HDFS),
        "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating");

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.events).hasSize(1);
    ParsedEvent event = sink.events.get(0);
    assertThat(event.tsMicros()).isEqualTo(micros("2008-11-09T20:36:15Z"));
    assertThat(event.level()).isEqualTo("info");
    assertThat(event.hostname()).isEqualTo("dn-07");
    assertThat(event.message()).isEqualTo("PacketResponder 1 for block blk_38865049064139660 terminating");
    assertThat(event.labels()).containsExactly(
        Map.entry("pid", "148"), Map.entry("component", "dfs.DataNode$PacketResponder"));
    assertThat(event.attributes()).isEmpty();
  }

  @Test
  void readsAnOpenSshLayoutWithAndWithoutTheOptionalPid() {
    ListRecordSink sink = ListRecordSink.parse(parser("auth.log", OPENSSH), """
        2017 Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking getaddrinfo failed
        2017 Dec  9 07:01:02 LabSZ kernel: Linux version 2.6.5""");

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.events).extracting(ParsedEvent::tsMicros)
        .containsExactly(micros("2017-12-10T06:55:46Z"), micros("2017-12-09T07:01:02Z"));
    assertThat(sink.events.get(0).labels()).containsExactly(
        Map.entry("host", "LabSZ"), Map.entry("component", "sshd"), Map.entry("pid", "24200"));
    assertThat(sink.events.get(1).labels()).containsExactly(Map.entry("host", "LabSZ"), Map.entry("component", "kernel"));
    assertThat(sink.events.get(1).message()).isEqualTo("Linux version 2.6.5");
    assertThat(sink.events.get(0).level()).isNull();
  }

  @Test
  void aLineThatDoesNotMatchContinuesThePreviousRecord() {
    ListRecordSink sink = ListRecordSink.parse(parser("app.log", "<Date> <Time> <Level> <Component>: <Content>"), """
        2026-10-01 00:00:01,234 ERROR web.QueryHandler: query failed
        java.net.UnknownHostException: db.internal
        \tat java.net.InetAddress.getAllByName(InetAddress.java:1)
        2026-10-01 00:00:02 WARNING web.QueryHandler: retrying""");

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.events).hasSize(2);
    ParsedEvent failed = sink.events.get(0);
    assertThat(failed.tsMicros()).isEqualTo(micros("2026-10-01T00:00:01.234Z"));
    assertThat(failed.level()).isEqualTo("error");
    assertThat(failed.message()).isEqualTo("query failed\njava.net.UnknownHostException: db.internal\n"
        + "\tat java.net.InetAddress.getAllByName(InetAddress.java:1)");
    assertThat(failed.attributes()).containsEntry("exception", "java.net.UnknownHostException")
        .containsEntry("exception_message", "db.internal");
    assertThat(sink.events.get(1).level()).isEqualTo("warn");
    assertThat(sink.lines).containsExactly(1L, 4L);
  }

  @Test
  void aRecordWhoseTimeCannotBeReadIsOneRejectWithTheReason() {
    ListRecordSink sink = ListRecordSink.parse(parser("x.log", HDFS), """
        081399 203615 148 INFO dfs.DataNode: month thirteen
          continued
        081109 2036 148 INFO dfs.DataNode: short time
        stray""");

    assertThat(sink.events).isEmpty();
    assertThat(sink.rejections).containsExactly(
        new ListRecordSink.Rejection(1, "time '081399 203615' matches no known date and time layout",
            "081399 203615 148 INFO dfs.DataNode: month thirteen\n  continued"),
        new ListRecordSink.Rejection(3, "time '081109 2036' matches no known date and time layout",
            "081109 2036 148 INFO dfs.DataNode: short time\nstray"));
  }

  @Test
  void readsTheCommonLogFormatTime() {
    ListRecordSink sink = ListRecordSink.parse(parser("web-7.access.log", "<Ip> <Ident> <User> \\[<Time>\\] <Content>"),
        "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /presentations/ HTTP/1.1\" 200 7697\n"
            + "83.149.9.216 - - [31/Feb/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1");

    assertThat(sink.events).extracting(ParsedEvent::tsMicros).containsExactly(micros("2015-05-17T10:05:03Z"));
    assertThat(sink.events.get(0).labels()).containsEntry("ip", "83.149.9.216");
    assertThat(sink.rejections).extracting(ListRecordSink.Rejection::reason)
        .containsExactly("time '31/Feb/2015:10:05:03 +0000' is not a valid date and time");
  }

  @Test
  void aSyslogTimeWithoutAYearIsRejectedNotGuessed() {
    ListRecordSink sink = ListRecordSink.parse(parser("auth.log", "<Month> <Date> <Time> <Host> <Content>"),
        "Dec 10 06:55:46 LabSZ session opened");

    assertThat(sink.rejections).extracting(ListRecordSink.Rejection::reason)
        .containsExactly("time 'Dec 10 06:55:46' has no year: pass --year or --capture-time,"
            + " or put the capture time in the file name");
  }

  @Test
  void aSyslogTimeTakesTheYearOfTheCaptureOrOfTheYearOption() {
    String layout = "<Month> <Date> <Time> <Host> <Component>(\\[<PID>\\])?: <Content>";
    String lines = """
        Dec 31 23:59:58 combo sshd(pam_unix)[19937]: session closed
        Jan  1 00:00:01 combo sshd(pam_unix)[19939]: check pass; user unknown
        Feb 29 00:00:01 combo cron[1]: leap day
        """;
    ListRecordSink captured = ListRecordSink.parse(parser("syslog_combo_2026-01-15T00-00-00Z.log", layout), lines);
    ListRecordSink optioned = ListRecordSink.parse(new LineFormatLogParser(new ParseContext("messages",
        TimestampPolicy.endingAt(Instant.parse("2027-01-01T00:00:00Z")), layout,
        io.opslake.ingest.format.capture.CaptureOptions.parse(null, null, "2024"))), lines);

    // a December line in a January capture was written the year before; 2026 has no Feb 29
    assertThat(captured.events).extracting(ParsedEvent::tsMicros)
        .containsExactly(micros("2025-12-31T23:59:58Z"), micros("2026-01-01T00:00:01Z"));
    assertThat(captured.events.get(1).labels()).containsEntry("pid", "19939").containsEntry("component", "sshd(pam_unix)");
    assertThat(captured.rejections).extracting(ListRecordSink.Rejection::reason)
        .containsExactly("time 'Feb 29 00:00:01' is not a valid date in 2025");
    assertThat(optioned.rejections).isEmpty();
    assertThat(optioned.events).extracting(ParsedEvent::tsMicros).containsExactly(
        micros("2024-12-31T23:59:58Z"), micros("2024-01-01T00:00:01Z"), micros("2024-02-29T00:00:01Z"));
  }

  @Test
  void aLineBeforeAnyRecordIsAnOrphan() {
    ListRecordSink sink = ListRecordSink.parse(parser("x.log", HDFS), "no header here");

    assertThat(sink.rejections).containsExactly(
        new ListRecordSink.Rejection(1, "continuation line without a preceding log record", "no header here"));
  }

  @Test
  void aLayoutNeedsContentAndATime() {
    assertThatThrownBy(() -> LineFormatLogParser.validate("<Date> <Time> <Level>"))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
        .hasMessage("Cannot use line format <Date> <Time> <Level>: it has no <Content> field");
    assertThatThrownBy(() -> LineFormatLogParser.validate("<Level> <Content>"))
        .hasMessage("Cannot use line format <Level> <Content>: it has no <Time> or <Timestamp> field");
    assertThatThrownBy(() -> LineFormatLogParser.validate("<Time> (<Level> <Content>"))
        .hasMessageStartingWith("Cannot use line format <Time> (<Level> <Content>: not a valid pattern (");
  }
}
