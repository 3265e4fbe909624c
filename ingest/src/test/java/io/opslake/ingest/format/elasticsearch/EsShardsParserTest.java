package io.opslake.ingest.format.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ListRecordSink.Rejection;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.snapshot.CaptureTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EsShardsParserTest {
  /** 2026-10-01T00:05:00Z. */
  private static final long FIVE_PAST = 1_790_813_100_000_000L;

  private static final String CAPTURE = """
      # 2026-10-01T00:05:00Z
      index  shard prirep state      docs   store  ip        node indexing.index_total indexing.index_time
      events 0     p      STARTED    120345 12.3mb 10.0.3.11 es01 845112               3.1m
      events 0     r      STARTED    120345 1.2gb  10.0.3.12 es02 845112               830ms
      events 3     p      STARTED    98000  512b   10.0.3.13 es03 4225560              1.2h
      events 4     r      UNASSIGNED
      """;

  private static ListRecordSink parse(String fileName, String text) {
    return ListRecordSink.parse(new EsShardsParser(ParseContext.forTests(fileName)), text);
  }

  @Test
  void eachMetricColumnOfARowIsOneDatapointLabelledByShardWithTheNodeAsHost() {
    ListRecordSink sink = parse("shards.txt", CAPTURE);

    Map<String, String> labels = Map.of("index", "events", "shard", "0", "prirep", "p", "ip", "10.0.3.11", "node", "es01");
    assertThat(sink.metrics).hasSize(12);
    assertThat(sink.metrics.subList(0, 4)).containsExactly(
        new ParsedMetric(FIVE_PAST, "es.shard.docs", 120345, "documents", MetricKind.GAUGE, "es01", labels),
        new ParsedMetric(FIVE_PAST, "es.shard.store_bytes", 12.3 * 1024 * 1024, "bytes", MetricKind.GAUGE, "es01", labels),
        new ParsedMetric(FIVE_PAST, "es.shard.indexing.index_total", 845112, "requests", MetricKind.COUNTER, "es01", labels),
        new ParsedMetric(FIVE_PAST, "es.shard.indexing.index_time_ms", 186_000, "ms", MetricKind.COUNTER, "es01", labels));
    assertThat(sink.metrics).filteredOn(metric -> metric.name().equals("es.shard.store_bytes"))
        .extracting(ParsedMetric::value).containsExactly(12.3 * 1024 * 1024, 1.2 * 1024 * 1024 * 1024, 512.0);
    assertThat(sink.metrics).filteredOn(metric -> metric.name().equals("es.shard.indexing.index_time_ms"))
        .extracting(ParsedMetric::value).containsExactly(186_000.0, 830.0, 4_320_000.0);
    assertThat(sink.rejections).containsExactly(new Rejection(6,
        "row has 4 columns, the header has 10 (an unassigned shard has no values)", "events 4     r      UNASSIGNED"));
  }

  @Test
  void columnsInAnyOrderAndTheTimeFromTheFileName() {
    ListRecordSink sink = parse("es-shards-20261001T000500Z.txt", """
        node indexing.index_time shard index  indexing.index_total
        es02 250                 1     events 1000
        """);

    Map<String, String> labels = Map.of("index", "events", "shard", "1", "node", "es02");
    assertThat(sink.metrics).containsExactly(
        new ParsedMetric(FIVE_PAST, "es.shard.indexing.index_total", 1000, "requests", MetricKind.COUNTER, "es02", labels),
        new ParsedMetric(FIVE_PAST, "es.shard.indexing.index_time_ms", 250, "ms", MetricKind.COUNTER, "es02", labels));
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void withoutACaptureTimeEveryRowIsOneRejectNamingBothOptions() {
    ListRecordSink sink = parse("shards.txt", CAPTURE.substring(CAPTURE.indexOf('\n') + 1));

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        tuple(2L, CaptureTime.MISSING), tuple(3L, CaptureTime.MISSING), tuple(4L, CaptureTime.MISSING),
        tuple(5L, "row has 4 columns, the header has 10 (an unassigned shard has no values)"));
    assertThat(CaptureTime.MISSING).contains("'# <ISO-8601 or epoch seconds>'").contains("es-shards-20261001T000500Z.txt");
  }

  @Test
  void aTruncatedFileLosesOnlyItsCutRowAndAHeaderOnlyFileHasNoRecords() {
    String truncated = CAPTURE.substring(0, CAPTURE.indexOf("98000") + 3);
    ListRecordSink cut = parse("shards.txt", truncated);
    assertThat(cut.metrics).hasSize(8);
    assertThat(cut.rejections).containsExactly(new Rejection(5,
        "row has 5 columns, the header has 10 (a truncated or damaged line)", "events 3     p      STARTED    980"));

    ListRecordSink headerOnly = parse("shards.txt", "# 2026-10-01T00:05:00Z\nindex shard prirep state docs store ip node\n");
    assertThat(headerOnly.calls()).isZero();
  }

  @Test
  void aSnapshotTakenTwiceIsReadOnceAndALaterSnapshotAgain() {
    String later = CAPTURE.replace("00:05:00Z", "00:10:00Z").replace("845112", "900000");
    ListRecordSink sink = parse("shards.txt", CAPTURE + CAPTURE + later);

    assertThat(sink.metrics).hasSize(24);
    assertThat(sink.metrics.subList(12, 24)).allMatch(metric -> metric.tsMicros() == FIVE_PAST + 300_000_000L);
    assertThat(sink.rejections).filteredOn(rejection -> rejection.line() >= 8 && rejection.line() <= 12)
        .extracting(Rejection::reason).containsExactly(
            "snapshot taken at 2026-10-01T00:05:00Z was already read from line 2 (the same snapshot taken twice)",
            "snapshot taken at 2026-10-01T00:05:00Z was already read from line 2 (the same snapshot taken twice)",
            "snapshot taken at 2026-10-01T00:05:00Z was already read from line 2 (the same snapshot taken twice)",
            "row has 4 columns, the header has 10 (an unassigned shard has no values)");
  }

  @Test
  void aBadValueRejectsThatDatapointAloneAndABadTimeLineItsRows() {
    ListRecordSink sink = parse("shards.txt", """
        # 2026-10-01T00:05:00Z
        index shard docs store
        events 0 12x 12.3zb
        # yesterday
        index shard docs
        events 1 10
        garbage-before-header
        """);

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        tuple(3L, "docs '12x' is not a number"),
        tuple(3L, "store '12.3zb' is not a byte size (such as 512b, 12.3mb, 20.5KB, 3.8G)"),
        tuple(4L, "capture time line '# yesterday': timestamp 'yesterday' is neither an epoch number nor ISO-8601"),
        tuple(6L, "snapshot has no capture time: capture time line '# yesterday': timestamp 'yesterday' is neither an epoch number nor ISO-8601"),
        tuple(7L, "row has 1 columns, the header has 3 (a truncated or damaged line)"));
  }
}
