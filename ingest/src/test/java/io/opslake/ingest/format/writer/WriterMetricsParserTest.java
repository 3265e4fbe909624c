package io.opslake.ingest.format.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ListRecordSink.Rejection;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriterMetricsParserTest {
  /** 2026-10-01T00:05:00Z. */
  private static final long FIVE_PAST = 1_790_813_100_000_000L;

  private static final String EVENT = "{\"ts\":\"2026-10-01T00:05:00Z\",\"pid\":4242,\"host\":\"idx01\",\"name\":\"EventIndexer@1b7554d4\","
      + "\"Interval\":{\"tSecs\":10,\"EventIndexed\":{\"cnt\":1200,\"rate\":120.0}},"
      + "\"MultiInterval\":{\"tSecs\":60,\"EventIndexedBytes\":{\"cnt\":7200000,\"rate\":120000.0}},"
      + "\"LifeTime\":{\"EventIndexed\":{\"cnt\":98231,\"rate\":101.7},\"BulkExecOK\":{\"cnt\":982}}}";

  private static ListRecordSink parse(String fileName, String text) {
    return ListRecordSink.parse(new WriterMetricsParser(ParseContext.forTests(fileName)), text);
  }

  @Test
  void everyWindowAndCounterGivesACountAndARateLabelledWithTheWindowAndTheThread() {
    ListRecordSink sink = parse("idx01.writer.jsonl", EVENT + "\n");

    Map<String, String> thread = Map.of("instance", "EventIndexer@1b7554d4", "component", "EventIndexer", "scope", "thread", "pid", "4242");
    Map<String, String> interval = with(thread, "window", "interval", "window_seconds", "10");
    Map<String, String> multi = with(thread, "window", "multi_interval", "window_seconds", "60");
    Map<String, String> lifetime = with(thread, "window", "lifetime");
    assertThat(sink.metrics).containsExactly(
        new ParsedMetric(FIVE_PAST, "writer.EventIndexed.count", 1200, "events", MetricKind.GAUGE, "idx01", interval),
        new ParsedMetric(FIVE_PAST, "writer.EventIndexed.rate", 120, "events/s", MetricKind.RATE, "idx01", interval),
        new ParsedMetric(FIVE_PAST, "writer.EventIndexedBytes.count", 7_200_000, "bytes", MetricKind.GAUGE, "idx01", multi),
        new ParsedMetric(FIVE_PAST, "writer.EventIndexedBytes.rate", 120_000, "bytes/s", MetricKind.RATE, "idx01", multi),
        new ParsedMetric(FIVE_PAST, "writer.EventIndexed.count", 98231, "events", MetricKind.COUNTER, "idx01", lifetime),
        new ParsedMetric(FIVE_PAST, "writer.EventIndexed.rate", 101.7, "events/s", MetricKind.RATE, "idx01", lifetime),
        new ParsedMetric(FIVE_PAST, "writer.BulkExecOK.count", 982, "events", MetricKind.COUNTER, "idx01", lifetime));
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void aProcessNameWithALeadingCaptureTimeAndTheHostFromTheFileName() {
    ListRecordSink sink = parse("idx02.writer.jsonl",
        "1790813100 {\"pid\":7,\"name\":\"EventIndexer\",\"LifeTime\":{\"EventReceived\":{\"cnt\":5,\"rate\":0.5}}}\n");

    assertThat(sink.metrics).extracting(ParsedMetric::tsMicros, ParsedMetric::hostname, metric -> metric.labels().get("scope"))
        .containsExactly(tuple(FIVE_PAST, "idx02", "process"), tuple(FIVE_PAST, "idx02", "process"));
  }

  @Test
  void damagedEventsAreRejectedWholeOrValueByValue() {
    ListRecordSink sink = parse("idx01.writer.jsonl", String.join("\n",
        EVENT.substring(0, EVENT.length() / 2),
        "{\"pid\":1,\"name\":\"EventIndexer@1\",\"LifeTime\":{\"EventIndexed\":{\"cnt\":1}}}",
        "{\"ts\":\"2026-10-01T00:05:00Z\",\"pid\":1}",
        "{\"ts\":\"2026-10-01T00:05:00Z\",\"LifeTime\":{\"EventIndexed\":7,\"EventReceived\":{\"cnt\":\"many\",\"rate\":1}}}",
        "{\"ts\":\"2090-10-01T00:05:00Z\",\"LifeTime\":{\"EventIndexed\":{\"cnt\":1}}}",
        ""));

    assertThat(sink.metrics).extracting(ParsedMetric::name).containsExactly("writer.EventReceived.rate");
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        tuple(1L, "line is not a JSON document"),
        tuple(2L, WriterMetricsParser.NO_TIME),
        tuple(3L, WriterMetricsParser.NO_WINDOWS),
        tuple(4L, "LifeTime.EventIndexed is not an object with cnt and rate"),
        tuple(4L, "LifeTime.EventReceived.cnt is not a number"),
        tuple(5L, "timestamp 2090-10-01T00:05:00Z is after the plausible window (ends 2027-01-01T00:00:00Z)"));
  }

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> labels = new java.util.HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    return Map.copyOf(labels);
  }
}
