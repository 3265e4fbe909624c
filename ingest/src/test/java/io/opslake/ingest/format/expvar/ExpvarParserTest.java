package io.opslake.ingest.format.expvar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ListRecordSink.Rejection;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpvarParserTest {
  /** 2026-10-01T00:05:00Z. */
  private static final long FIVE_PAST = 1_790_813_100_000_000L;

  private static final String DOCUMENT = "2026-10-01T00:05:00Z {\"cmdline\":[\"/srv/kwanza\",\"-listen=:8080\"],"
      + "\"AuthenticationFailures\":3,\"NotificationsPrSec\":12.5,\"Requests\":10234,\"Streams\":42,"
      + "\"PerSubscriberStreams\":{\"sub-a\":3,\"sub-b\":{\"eu\":7}},\"version\":\"1.4.2\","
      + "\"memstats\":{\"Alloc\":4194304,\"TotalAlloc\":912680550,\"NumGC\":17,\"PauseTotalNs\":3250000,"
      + "\"GCCPUFraction\":0.0012,\"PauseNs\":[1,2,3],\"BySize\":[{\"Size\":8,\"Mallocs\":1}],\"EnableGC\":true}}";

  private static ListRecordSink parse(String text) {
    return ListRecordSink.parse(new ExpvarParser(ParseContext.forTests("dc0-kwanza01.expvar.jsonl.gz")), text);
  }

  @Test
  void numbersBecomeSeriesNestedMapsLabelledSeriesAndMemstatsTyped() {
    ListRecordSink sink = parse(DOCUMENT + "\n");

    String host = "dc0-kwanza01";
    assertThat(sink.metrics).containsExactly(
        new ParsedMetric(FIVE_PAST, "expvar.AuthenticationFailures", 3, null, MetricKind.GAUGE, host, Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.NotificationsPrSec", 12.5, "1/s", MetricKind.RATE, host, Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.Requests", 10234, null, MetricKind.GAUGE, host, Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.Streams", 42, null, MetricKind.GAUGE, host, Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.PerSubscriberStreams", 3, null, MetricKind.GAUGE, host, Map.of("key", "sub-a")),
        new ParsedMetric(FIVE_PAST, "expvar.PerSubscriberStreams", 7, null, MetricKind.GAUGE, host, Map.of("key", "sub-b.eu")),
        new ParsedMetric(FIVE_PAST, "expvar.memstats.Alloc", 4194304, "bytes", MetricKind.GAUGE, host, Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.memstats.TotalAlloc", 912680550, "bytes", MetricKind.COUNTER, host, Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.memstats.NumGC", 17, null, MetricKind.COUNTER, host, Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.memstats.PauseTotalNs", 3250000, "ns", MetricKind.COUNTER, host, Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.memstats.GCCPUFraction", 0.0012, null, MetricKind.GAUGE, host, Map.of()));
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void truncatedUntimedAndEmptyDocumentsAreOneRejectEach() {
    ListRecordSink sink = parse(String.join("\n",
        DOCUMENT.substring(0, DOCUMENT.length() - 40),
        DOCUMENT.substring(DOCUMENT.indexOf('{')),
        "2026-10-01T00:05:00Z {\"cmdline\":[\"/srv/kwanza\"]}",
        "2026-10-01T00:05:00Z [1,2]",
        ""));

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        tuple(1L, "line is not a JSON document"),
        tuple(2L, ExpvarParser.NO_TIME),
        tuple(3L, ExpvarParser.NO_VALUES),
        tuple(4L, "line is not a JSON document"));
  }

  /** What {@code curl http://kwanza-1:8080/debug/vars > expvar_kwanza-1_2026-10-01T00-05-00Z.json} saves: Go writes one variable per line. */
  private static final String GO_CAPTURE = """
      {
      "cmdline": ["/srv/kwanza","-listen=:8080"],
      "Requests": 10234,
      "memstats": {"Alloc":4194304,"NumGC":17,"BySize":[{"Size":8,"Mallocs":1}]},
      "version": "1.4.2 {beta}"
      }
      """;

  /** The same through {@code jq .}: every member indented, arrays of objects over several lines. */
  private static final String JQ_CAPTURE = """
      {
        "cmdline": [
          "/srv/kwanza"
        ],
        "Requests": 10240,
        "memstats": {
          "Alloc": 4194304,
          "BySize": [
            {
              "Size": 8,
              "Mallocs": 1
            }
          ]
        }
      }
      """;

  private static ListRecordSink parseCapture(String text) {
    return ListRecordSink.parse(
        new ExpvarParser(ParseContext.forTests("expvar_kwanza-1_2026-10-01T00-05-00Z.json")), text);
  }

  @Test
  void aPrettyPrintedCaptureIsOneDocumentTimedAndHostedByItsFileName() {
    ListRecordSink go = parseCapture(GO_CAPTURE);
    ListRecordSink jq = parseCapture(JQ_CAPTURE);

    assertThat(go.rejections).isEmpty();
    assertThat(go.metrics).containsExactly(
        new ParsedMetric(FIVE_PAST, "expvar.Requests", 10234, null, MetricKind.GAUGE, "kwanza-1", Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.memstats.Alloc", 4194304, "bytes", MetricKind.GAUGE, "kwanza-1", Map.of()),
        new ParsedMetric(FIVE_PAST, "expvar.memstats.NumGC", 17, null, MetricKind.COUNTER, "kwanza-1", Map.of()));
    assertThat(go.lines).containsOnly(1L);
    assertThat(jq.rejections).isEmpty();
    assertThat(jq.metrics).extracting(ParsedMetric::name, ParsedMetric::value).containsExactly(
        tuple("expvar.Requests", 10240.0), tuple("expvar.memstats.Alloc", 4194304.0));
  }

  @Test
  void capturesAppendedOneAfterAnotherBehindTheirTimesAreOneDocumentEach() {
    ListRecordSink sink = parse("2026-10-01T00:05:00Z " + GO_CAPTURE + "2026-10-01T00:06:00Z " + GO_CAPTURE);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.metrics).filteredOn(metric -> metric.name().equals("expvar.Requests"))
        .extracting(ParsedMetric::tsMicros).containsExactly(FIVE_PAST, FIVE_PAST + 60_000_000L);
    assertThat(sink.lines).containsOnly(1L, 7L);
  }

  @Test
  void aDocumentThatNeverClosesIsOneRejectAndDoesNotSwallowTheNext() {
    String cut = GO_CAPTURE.substring(0, GO_CAPTURE.indexOf("\"memstats\""));
    ListRecordSink sink = parse("2026-10-01T00:05:00Z " + cut + DOCUMENT + "\n2026-10-01T00:05:00Z " + cut);

    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        tuple(1L, ExpvarParser.NOT_CLOSED), tuple(5L, ExpvarParser.NOT_CLOSED));
    assertThat(sink.rejections.get(0).raw()).isEqualTo("2026-10-01T00:05:00Z " + cut.strip());
    assertThat(sink.metrics).hasSize(11);
    assertThat(sink.lines).containsOnly(1L, 4L, 5L);
  }

  @Test
  void onlyLinesAtColumnZeroThatOpenADocumentStartARecord() {
    ExpvarParser parser = new ExpvarParser(ParseContext.forTests("x.expvar.json"));

    assertThat(parser.startsRecord("{")).isTrue();
    assertThat(parser.startsRecord("2026-10-01T00:05:00Z {")).isTrue();
    assertThat(parser.startsRecord(DOCUMENT)).isTrue();
    assertThat(parser.startsRecord("\"Requests\": 10234,")).isFalse();
    assertThat(parser.startsRecord("    {")).isFalse();
    assertThat(parser.startsRecord("}")).isFalse();
  }
}
