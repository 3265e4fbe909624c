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
}
