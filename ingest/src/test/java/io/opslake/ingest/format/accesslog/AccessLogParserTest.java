package io.opslake.ingest.format.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.RecordingSink;
import io.opslake.ingest.format.capture.CaptureOptions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogParserTest {
  private static final long MAY_17_10_05_03 = Instant.parse("2015-05-17T10:05:03Z").getEpochSecond() * 1_000_000L;

  private static RecordingSink parse(String fileName, String text) {
    return RecordingSink.run(new AccessLogParser(ParseContext.forTests(fileName)), text);
  }

  private static ParsedEvent one(String line) {
    return RecordingSink.one(new AccessLogParser(ParseContext.forTests("access.log")), line).onlyEvent();
  }

  @Test
  void apacheCombinedLineIsOneHttpRequest() {
    ParsedEvent event = one("83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /presentations/logstash-monitorama-2013/images/kibana-search.png?x=1 HTTP/1.1\" 200 203023 \"http://semicomplete.com/presentations/logstash-monitorama-2013/\" \"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36\"");

    assertThat(event.tsMicros()).isEqualTo(MAY_17_10_05_03);
    assertThat(event.type()).isEqualTo("http_request");
    assertThat(event.hostname()).isNull();
    assertThat(event.level()).isNull();
    assertThat(event.message()).isEqualTo("GET /presentations/logstash-monitorama-2013/images/kibana-search.png?x=1 HTTP/1.1");
    assertThat(event.labels()).containsExactly(entry("client", "83.149.9.216"));
    assertThat(event.attributes()).containsOnly(
        entry("method", "GET"),
        entry("url", "/presentations/logstash-monitorama-2013/images/kibana-search.png?x=1"),
        entry("protocol", "HTTP/1.1"),
        entry("http_status", "200"),
        entry("response_bytes", "203023"),
        entry("referrer", "http://semicomplete.com/presentations/logstash-monitorama-2013/"),
        entry("user_agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36"));
  }

  @Test
  void commonFormatWithDashesAndAnOffsetZone() {
    ParsedEvent event = one("10.0.0.7 - frank [10/Oct/2000:13:55:36 -0700] \"POST /apache_pb.gif HTTP/1.0\" 404 -");

    assertThat(event.tsMicros()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z").getEpochSecond() * 1_000_000L);
    assertThat(event.attributes()).containsOnly(
        entry("method", "POST"), entry("url", "/apache_pb.gif"), entry("protocol", "HTTP/1.0"),
        entry("http_status", "404"), entry("user", "frank"));
  }

  @Test
  void virtualHostPrefixBecomesALabel() {
    ParsedEvent event = one("www.example.com:443 192.0.2.10 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/2.0\" 301 0 \"-\" \"curl/8.4.0\"");

    assertThat(event.labels()).containsOnly(entry("client", "192.0.2.10"), entry("vhost", "www.example.com:443"));
    assertThat(event.attributes()).contains(entry("response_bytes", "0"), entry("user_agent", "curl/8.4.0"))
        .doesNotContainKey("referrer");
  }

  @Test
  void requestTimeWithADecimalPointIsSecondsAndAnIntegerIsMicroseconds() {
    ParsedEvent nginx = one("192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET /api HTTP/1.1\" 200 12 \"-\" \"Go-http-client/1.1\" 0.127");
    ParsedEvent apache = one("192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET /api HTTP/1.1\" 200 12 \"-\" \"Go-http-client/1.1\" 2345");
    ParsedEvent keyed = one("192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET /api HTTP/1.1\" 200 12 \"-\" \"-\" \"10.1.1.1\" rt=1.500 uct=\"0.000\"");
    ParsedEvent common = one("192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET /api HTTP/1.1\" 200 12 1000000");

    assertThat(nginx.attributes()).contains(entry("duration_ms", "127"), entry("request_time", "0.127"));
    assertThat(apache.attributes()).contains(entry("duration_ms", "2.345"), entry("request_time", "2345"));
    assertThat(keyed.attributes()).contains(entry("duration_ms", "1500"), entry("request_time", "1.500"));
    assertThat(common.attributes()).contains(entry("duration_ms", "1000"));
  }

  @Test
  void scannerGarbageInTheRequestLineIsStillARequestWithoutMethodOrUrl() {
    ParsedEvent tls = one("45.155.205.233 - - [17/May/2015:10:06:00 +0000] \"\\x16\\x03\\x01\\x00\\xca\\x01\\x00\\x00\" 400 226 \"-\" \"-\"");
    ParsedEvent timeout = one("192.0.2.8 - - [17/May/2015:10:06:01 +0000] \"-\" 408 -");

    assertThat(tls.attributes()).containsOnly(
        entry("http_status", "400"), entry("response_bytes", "226"),
        entry("request", "\\x16\\x03\\x01\\x00\\xca\\x01\\x00\\x00"),
        entry("defects", "request line is not METHOD target PROTOCOL"));
    assertThat(tls.message()).isEqualTo("\\x16\\x03\\x01\\x00\\xca\\x01\\x00\\x00");
    assertThat(timeout.attributes()).containsOnly(
        entry("http_status", "408"), entry("request", "-"), entry("defects", "request line is not METHOD target PROTOCOL"));
  }

  @Test
  void anUnclosedUserAgentQuoteKeepsTheRequestAndTakesTheRestOfTheLine() {
    ParsedEvent event = one("192.0.2.9 - - [17/May/2015:10:06:02 +0000] \"GET /a\\\"b HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0 (X11; Linux");

    assertThat(event.attributes()).contains(
        entry("url", "/a\"b"), entry("user_agent", "Mozilla/5.0 (X11; Linux"), entry("defects", "user agent quote is not closed"));
  }

  @Test
  void linesWithoutTheCommonLogFormatCoreAreQuarantinedWithTheReason() {
    RecordingSink sink = parse("access.log", String.join("\n",
        "192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET /unclosed HTTP/1.1 200 5",
        "192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 2000 5",
        "192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5k",
        "192.0.2.1 - - [31/Feb/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5",
        "192.0.2.1 - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5",
        "192.0.2.1 - - [17/May/2015:10:05:03 +0000] GET / HTTP/1.1 200 5",
        "192.0.2.1 - - [1999-01-01 10:05:03] \"GET / HTTP/1.1\" 200 5",
        "192.0.2.1 - - [17/May/1999:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5",
        "",
        "192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5"));

    assertThat(sink.rejections).extracting(RecordingSink.Rejection::line, RecordingSink.Rejection::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1L, "access log request has no closing quote"),
        org.assertj.core.groups.Tuple.tuple(2L, "access log status '2000' is not an HTTP status (100-599)"),
        org.assertj.core.groups.Tuple.tuple(3L, "access log response size '5k' is not a number or '-'"),
        org.assertj.core.groups.Tuple.tuple(4L, "access log time '31/Feb/2015:10:05:03 +0000' is not a valid date"),
        org.assertj.core.groups.Tuple.tuple(5L, "access log line has 2 fields before the time (expected <client> <ident> <user>, optionally behind a virtual host)"),
        org.assertj.core.groups.Tuple.tuple(6L, "access log line has no quoted request after the time"),
        org.assertj.core.groups.Tuple.tuple(7L, "access log line has no '[dd/MMM/yyyy:HH:mm:ss +hhmm]' time"),
        org.assertj.core.groups.Tuple.tuple(8L, "timestamp 1999-05-17T10:05:03Z is before the plausible window (starts 2000-01-01T00:00:00Z)"));
    assertThat(sink.events).extracting(RecordingSink.Event::line).containsExactly(10L);
  }

  @Test
  void outOfOrderTimesAreOrdinaryRequestsAtTheirOwnTime() {
    RecordingSink sink = parse("access.log", """
        192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET /slow HTTP/1.1" 200 5
        192.0.2.2 - - [17/May/2015:10:04:59 +0000] "GET /slower HTTP/1.1" 200 5
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.events).extracting(e -> e.event().tsMicros()).containsExactly(MAY_17_10_05_03, MAY_17_10_05_03 - 4_000_000L);
  }

  @Test
  void theHostIsTheHostOptionElseTheFileNames() {
    String line = "192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5";
    assertThat(parse("access_web-7_2015-05-17T10-00-00Z.log", line).onlyEvent().hostname()).isEqualTo("web-7");
    assertThat(parse("web-7.access.log", line).onlyEvent().hostname()).isEqualTo("web-7");
    assertThat(parse("access_log", line).onlyEvent().hostname()).isNull();
    assertThat(parse("other_vhosts_access.log", line).onlyEvent().hostname()).isNull();
    AccessLogParser withOption = new AccessLogParser(
        ParseContext.forTests("web-7.access.log", CaptureOptions.parse(null, "edge-1", null)));
    assertThat(RecordingSink.one(withOption, line).onlyEvent().hostname()).isEqualTo("edge-1");
  }
}
