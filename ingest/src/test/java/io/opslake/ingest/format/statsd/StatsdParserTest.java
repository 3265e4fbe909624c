package io.opslake.ingest.format.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.entry;

import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ListRecordSink.Rejection;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsdParserTest {
  /** 2026-10-01T00:00:01Z. */
  private static final long SECOND_1 = 1_790_812_801_000_000L;

  private static ListRecordSink parse(String text) {
    return ListRecordSink.parse(new StatsdParser(ParseContext.forTests("dc0-web01.statsd.log")), text);
  }

  @Test
  void listenerCaptureWithLeadingEpochSeconds() {
    ListRecordSink sink = parse("""
        1790812801.123 page.load:547|ms
        1790812801.250 requests:1|c|@0.1|#env:prod,region:eu,standalone
        1790812801.5 queue.depth:42|g|#host:dc0-web01,env:prod
        1790812802 users.online:alice|s
        1790812802 upload.size:1024|h|@0.5
        1790812802 latency:12.5|d
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.lines).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(sink.metrics).containsExactly(
        new ParsedMetric(SECOND_1 + 123_000, "page.load", 547.0, "ms", MetricKind.TIMER, null, Map.of()),
        new ParsedMetric(SECOND_1 + 250_000, "requests", 10.0, null, MetricKind.COUNTER, null,
            Map.of("env", "prod", "region", "eu", "standalone", "", "sample_rate", "0.1")),
        new ParsedMetric(SECOND_1 + 500_000, "queue.depth", 42.0, null, MetricKind.GAUGE, "dc0-web01",
            Map.of("env", "prod")),
        new ParsedMetric(SECOND_1 + 1_000_000, "users.online", 1.0, null, MetricKind.SET, null,
            Map.of("set_member", "alice")),
        new ParsedMetric(SECOND_1 + 1_000_000, "upload.size", 1024.0, null, MetricKind.HISTOGRAM, null,
            Map.of("sample_rate", "0.5")),
        new ParsedMetric(SECOND_1 + 1_000_000, "latency", 12.5, null, MetricKind.DISTRIBUTION, null, Map.of()));
  }

  @Test
  void leadingTimestampInEveryUnitAndIsoForm() {
    ListRecordSink sink = parse("""
        1790812801 a:1|c
        1790812801123 a:1|c
        1790812801123456 a:1|c
        1790812801123456789 a:1|c
        2026-10-01T00:00:01.5Z a:1|c
        2026-10-01 00:00:01.25 a:1|c
        2026-10-01T02:00:01+02:00\ta:1|c
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.metrics).extracting(ParsedMetric::tsMicros).containsExactly(
        SECOND_1, SECOND_1 + 123_000, SECOND_1 + 123_456, SECOND_1 + 123_456,
        SECOND_1 + 500_000, SECOND_1 + 250_000, SECOND_1);
  }

  @Test
  void dogStatsdTimestampFieldWinsOverTheCaptureTime() {
    ListRecordSink sink = parse("""
        1790812805.000 checkout.total:3|c|#env:prod|T1790812801|c:4f9a2b
        cache.hits:7|c|T1790812801.5
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.metrics).containsExactly(
        new ParsedMetric(SECOND_1, "checkout.total", 3.0, null, MetricKind.COUNTER, null,
            Map.of("env", "prod", "container_id", "4f9a2b")),
        new ParsedMetric(SECOND_1 + 500_000, "cache.hits", 7.0, null, MetricKind.COUNTER, null, Map.of()));
  }

  @Test
  void signedGaugeIsADelta() {
    ListRecordSink sink = parse("""
        1790812801 pool.size:+3|g
        1790812801 pool.size:-2.5|g
        1790812801 pool.size:12|g
        1790812801 errors:-1|c
        """);

    assertThat(sink.metrics).extracting(ParsedMetric::value).containsExactly(3.0, -2.5, 12.0, -1.0);
    assertThat(sink.metrics).extracting(ParsedMetric::labels).containsExactly(
        Map.of("gauge_delta", "true"), Map.of("gauge_delta", "true"), Map.of(), Map.of());
  }

  @Test
  void sampleRateScalesOnlyCounters() {
    ListRecordSink sink = parse("""
        1790812801 requests:3|c|@0.25
        1790812801 page.load:200|ms|@0.1
        1790812801 pool.size:5|g|@0.5
        1790812801 hits:2|c|@1
        """);

    assertThat(sink.metrics).extracting(ParsedMetric::value).containsExactly(12.0, 200.0, 5.0, 2.0);
    assertThat(sink.metrics).extracting(metric -> metric.labels().get("sample_rate"))
        .containsExactly("0.25", "0.1", "0.5", "1");
  }

  @Test
  void multiValuePacketGivesOneRecordPerValueAndRejectsABadValueAlone() {
    ListRecordSink sink = parse("""
        1790812801 request.size:120:340:1.5|h|#env:prod
        1790812801 response.time:5:x:7|ms
        """);

    assertThat(sink.lines).containsExactly(1L, 1L, 1L, 2L, 2L, 2L);
    assertThat(sink.metrics).extracting(ParsedMetric::name, ParsedMetric::value, ParsedMetric::unit).containsExactly(
        tuple("request.size", 120.0, null),
        tuple("request.size", 340.0, null),
        tuple("request.size", 1.5, null),
        tuple("response.time", 5.0, "ms"),
        tuple("response.time", 7.0, "ms"));
    assertThat(sink.rejections).containsExactly(
        new Rejection(2, "StatsD value 'x' is not a number", "1790812801 response.time:5:x:7|ms"));
  }

  @Test
  void tagsBecomeLabelsAndHostTagBecomesTheHostname() {
    ListRecordSink sink = parse("1790812801 jvm.heap:512|g|#env:prod,host:dc0-web01,,url:http://x:8080/a,host:|#team:core\n");

    ParsedMetric metric = sink.metrics.get(0);
    assertThat(metric.hostname()).isEqualTo("dc0-web01");
    assertThat(metric.labels()).containsOnly(
        entry("env", "prod"), entry("url", "http://x:8080/a"), entry("team", "core"));
  }

  @Test
  void rejectsEachProblemWithASentenceNamingIt() {
    ListRecordSink sink = parse("""
        page.load:547|ms
        1790812801 page.load:abc|ms
        1790812801 page.load:547|xx
        1790812801 :547|ms
        1790812801 requests:1|c|@1.5
        1790812801 requests:1|c|@0
        1790812801 requests:1|c|@abc
        1790812801 page.load:547
        1790812801 page.load|ms
        1790812801 page.load:|ms
        1790812801 users:|s
        1790812801 page.load:NaN|ms
        1790812801 page.load:1e999|ms
        1790812801 page.load:5|ms|Tnope
        4102444800 page.load:5|ms
        1790812801 page.load:5|ms|T946684799
        12x page.load:5|ms
        """);

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::reason).containsExactly(
        "StatsD line has no timestamp (expected a |T<epoch> field or a leading timestamp); for wire lines"
            + " give the capture's time with --capture-time or in the file name (e.g. statsd_web-1_2025-11-15T10-00-00Z.log)",
        "StatsD value 'abc' is not a number",
        "StatsD line has unknown metric type 'xx' (expected c, g, ms, h, d or s)",
        "StatsD line has an empty metric name",
        "StatsD sample rate '1.5' is outside (0, 1]",
        "StatsD sample rate '0' is outside (0, 1]",
        "StatsD sample rate 'abc' is not a number",
        "StatsD line has no '|' before the metric type",
        "StatsD line has no ':' between the metric name and its value",
        "StatsD line has an empty value",
        "StatsD set line has an empty member",
        "StatsD value 'NaN' is not a number",
        "StatsD value '1e999' is not a finite number",
        "StatsD timestamp field T 'nope' is not a number",
        "timestamp 2100-01-01T00:00:00Z is after the plausible window (ends 2027-01-01T00:00:00Z)",
        "timestamp 1999-12-31T23:59:59Z is before the plausible window (starts 2000-01-01T00:00:00Z)",
        "timestamp '12x' is not a number");
    assertThat(sink.rejections.get(0)).isEqualTo(new Rejection(1, sink.rejections.get(0).reason(), "page.load:547|ms"));
  }

  @Test
  void truncatedLinesAreRejectedNotDropped() {
    ListRecordSink sink = parse("""
        1790812801 page.lo
        1790812801 page.load:5
        1790812801 page.load:5|
        1790812801 requests:1|c|@
        """);

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::reason).containsExactly(
        "StatsD line has no '|' before the metric type",
        "StatsD line has no '|' before the metric type",
        "StatsD line has unknown metric type '' (expected c, g, ms, h, d or s)",
        "StatsD sample rate '' is not a number");
  }

  @Test
  void blankLinesCommentsAndEmptyInputAreNotRecords() {
    assertThat(parse("").calls()).isZero();
    assertThat(parse("# statsd capture of dc0-web01, started 2026-10-01T00:00:00Z\n\n   \r\n").calls()).isZero();
  }

  @Test
  void theSameLineTwiceIsTwoRecords() {
    ListRecordSink sink = parse("1790812801 requests:1|c\n1790812801 requests:1|c\n");

    assertThat(sink.metrics).hasSize(2).containsOnly(
        new ParsedMetric(SECOND_1, "requests", 1.0, null, MetricKind.COUNTER, null, Map.of()));
    assertThat(sink.lines).containsExactly(1L, 2L);
  }

  @Test
  void windowsLineEndingsAreIgnored() {
    ListRecordSink sink = parse("1790812801 requests:2|c|#env:prod\r\n");

    assertThat(sink.metrics).extracting(ParsedMetric::labels).containsExactly(Map.of("env", "prod"));
  }

  @Test
  void wireLinesWithoutATimeTakeTheCaptureTimeOfTheirFile() {
    long ten = 1_763_200_800_000_000L; // 2025-11-15T10:00:00Z
    String wire = """
        api.latency:299|ms|#host:prod-web-04,env:prod
        cache.hits:74|c|@0.5
        checkout.total:3|c|T1790812801
        """;
    ListRecordSink named = ListRecordSink.parse(
        new StatsdParser(ParseContext.forTests("statsd_listener-1_2025-11-15T10-00-00Z.log")), wire);
    ListRecordSink option = ListRecordSink.parse(new StatsdParser(ParseContext.forTests("wire.log",
        io.opslake.ingest.format.capture.CaptureOptions.parse("2025-11-15T10:00:00Z", "listener-2", null))), wire);

    assertThat(named.rejections).isEmpty();
    assertThat(named.metrics).containsExactly(
        new ParsedMetric(ten, "api.latency", 299.0, "ms", MetricKind.TIMER, "prod-web-04", Map.of("env", "prod")),
        new ParsedMetric(ten, "cache.hits", 148.0, null, MetricKind.COUNTER, null, Map.of("sample_rate", "0.5")),
        new ParsedMetric(SECOND_1, "checkout.total", 3.0, null, MetricKind.COUNTER, null, Map.of()));
    assertThat(option.metrics).extracting(ParsedMetric::tsMicros, ParsedMetric::hostname).containsExactly(
        tuple(ten, "prod-web-04"), tuple(ten, "listener-2"), tuple(SECOND_1, "listener-2"));
  }
}
