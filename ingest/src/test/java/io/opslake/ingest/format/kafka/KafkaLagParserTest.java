package io.opslake.ingest.format.kafka;

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

class KafkaLagParserTest {
  /** 2026-10-01T00:05:00Z. */
  private static final long FIVE_PAST = 1_790_813_100_000_000L;

  private static final String TABLE = """
      # 2026-10-01T00:05:00Z
      Broker       | Topic  | P | Earliest | Latest  | Consumer | Current | Delta
      -------------+--------+---+----------+---------+----------+---------+-------
      kafka01:9092 | events | 4 | 0        | 1845112 | indexer  | 1845000 | 112B
      kafka02:9092 | events | 5 | 0        | 1845112 | indexer  | -       | 20.5KB
      """;

  private static ListRecordSink parse(String fileName, String text) {
    return ListRecordSink.parse(new KafkaLagParser(ParseContext.forTests(fileName)), text);
  }

  @Test
  void aTableRowGivesItsLagAndBothOffsetsWithTheBrokerAsHost() {
    ListRecordSink sink = parse("mon01.kafka.txt", TABLE);

    Map<String, String> four = Map.of("topic", "events", "partition", "4", "consumer_group", "indexer", "broker", "kafka01:9092");
    Map<String, String> five = Map.of("topic", "events", "partition", "5", "consumer_group", "indexer", "broker", "kafka02:9092");
    assertThat(sink.metrics).containsExactly(
        new ParsedMetric(FIVE_PAST, "kafka.partition.lag", 112, "messages", MetricKind.GAUGE, "kafka01", four),
        new ParsedMetric(FIVE_PAST, "kafka.partition.latest_offset", 1845112, "offset", MetricKind.COUNTER, "kafka01", four),
        new ParsedMetric(FIVE_PAST, "kafka.partition.consumer_offset", 1845000, "offset", MetricKind.COUNTER, "kafka01", four),
        new ParsedMetric(FIVE_PAST, "kafka.partition.lag", 20.5 * 1024, "messages", MetricKind.GAUGE, "kafka02", five),
        new ParsedMetric(FIVE_PAST, "kafka.partition.latest_offset", 1845112, "offset", MetricKind.COUNTER, "kafka02", five));
    assertThat(sink.rejections).containsExactly(new Rejection(5, "Current '-' is not a number",
        "kafka02:9092 | events | 5 | 0        | 1845112 | indexer  | -       | 20.5KB"));
  }

  @Test
  void reorderedColumnsTruncatedRowsAndDeltaUnitsInEveryForm() {
    ListRecordSink sink = parse("lag-2026-10-01T00:05:00Z.txt", """
        | Topic | P | Delta | Consumer |
        | events | 0 | 3.8G | indexer |
        | events | 1 | 512b | indexer |
        | events | 2 | 1.5mb | indexer |
        | events | 3 | 12
        """);

    assertThat(sink.metrics).extracting(ParsedMetric::value)
        .containsExactly(3.8 * 1024 * 1024 * 1024, 512.0, 1.5 * 1024 * 1024);
    assertThat(sink.metrics).allMatch(metric -> metric.tsMicros() == FIVE_PAST && metric.hostname() == null);
    assertThat(sink.rejections).containsExactly(
        new Rejection(5, "row has 3 cells, the header has 4 (a truncated or damaged line)", "| events | 3 | 12"));
  }

  @Test
  void theEventFormGivesOneLagPerCluster() {
    ListRecordSink sink = parse("mon01.kafka.txt", """
        {"timestamp":"2026-10-01T00:05:00Z","delta.c02":176462124,"delta.c05":1220,"delta.c07":"n/a"}
        {"delta.c02":176462124}
        {"delta.c02":176462
        {"timestamp":"2026-10-01T00:05:00Z","consumer":"indexer"}
        """);

    assertThat(sink.metrics).containsExactly(
        new ParsedMetric(FIVE_PAST, "kafka.consumer.lag", 176462124, "messages", MetricKind.GAUGE, "mon01", Map.of("cluster", "c02")),
        new ParsedMetric(FIVE_PAST, "kafka.consumer.lag", 1220, "messages", MetricKind.GAUGE, "mon01", Map.of("cluster", "c05")));
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        tuple(1L, "field delta.c07 is not a number"),
        tuple(2L, CaptureTime.MISSING),
        tuple(3L, "line is not a JSON document"),
        tuple(4L, "Kafka lag event has no delta.<cluster> fields"));
  }

  @Test
  void headerOnlyIsEmptyAndASnapshotPrintedTwiceIsReadOnce() {
    assertThat(parse("mon01.kafka.txt", TABLE.substring(0, TABLE.indexOf("kafka01"))).calls()).isZero();

    ListRecordSink twice = parse("mon01.kafka.txt", TABLE + TABLE);
    assertThat(twice.metrics).hasSize(5);
    assertThat(twice.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        tuple(5L, "Current '-' is not a number"),
        tuple(9L, "snapshot taken at 2026-10-01T00:05:00Z was already read from line 2 (the same snapshot taken twice)"),
        tuple(10L, "snapshot taken at 2026-10-01T00:05:00Z was already read from line 2 (the same snapshot taken twice)"));
  }

  @Test
  void rowsBeforeTheHeaderAndStrayLinesAreRejected() {
    ListRecordSink sink = parse("mon01.kafka.txt", "# 2026-10-01T00:05:00Z\nkafka01 | events | 4 | 0 | 1 | g | 1 | 0B\nConsumer lag monitor v2\n");

    assertThat(sink.rejections).extracting(Rejection::reason).containsExactly(KafkaLagParser.NO_HEADER, KafkaLagParser.UNKNOWN_LINE);
  }
}
