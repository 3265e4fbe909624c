package io.opslake.ingest.format.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opslake.ingest.format.FormatDetector;
import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.elasticsearch.EsShardsParser;
import io.opslake.ingest.format.expvar.ExpvarParser;
import io.opslake.ingest.format.kafka.KafkaLagParser;
import io.opslake.ingest.format.writer.WriterMetricsParser;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Detection of the four snapshot formats, and their parsers on every truncation of a capture. */
class SnapshotFormatsTest {
  private static final Map<InputFormat, String> CAPTURES = Map.of(
      InputFormat.ES_SHARDS, """
          # 2026-10-01T00:05:00Z
          index  shard prirep state   docs   store  ip        node indexing.index_total indexing.index_time
          events 0     p      STARTED 120345 12.3mb 10.0.3.11 es01 845112               3.1m
          events 0     r      STARTED 120345 12.3mb 10.0.3.12 es02 845112               3.1m
          """,
      InputFormat.KAFKA_LAG, """
          # 2026-10-01T00:05:00Z
          Broker       | Topic  | P | Earliest | Latest  | Consumer | Current | Delta
          -------------+--------+---+----------+---------+----------+---------+-------
          kafka01:9092 | events | 4 | 0        | 1845112 | indexer  | 1845000 | 112B
          kafka02:9092 | events | 5 | 0        | 1845112 | indexer  | 1824120 | 20.5KB
          """,
      InputFormat.WRITER_METRICS, """
          {"ts":"2026-10-01T00:05:00Z","pid":1,"name":"EventIndexer@1b7554d4","Interval":{"tSecs":10,"EventIndexed":{"cnt":12,"rate":1.2}},"LifeTime":{"EventIndexed":{"cnt":98,"rate":1.0}}}
          {"ts":"2026-10-01T00:10:00Z","pid":1,"name":"EventIndexer@1b7554d4","Interval":{"tSecs":10,"EventIndexed":{"cnt":11,"rate":1.1}},"LifeTime":{"EventIndexed":{"cnt":99,"rate":1.0}}}
          """,
      InputFormat.EXPVAR, """
          2026-10-01T00:05:00Z {"cmdline":["/srv/kwanza"],"Streams":42,"PerSubscriberStreams":{"a":3},"memstats":{"Alloc":1,"NumGC":2}}
          2026-10-01T00:06:00Z {"cmdline":["/srv/kwanza"],"Streams":41,"PerSubscriberStreams":{"a":4},"memstats":{"Alloc":2,"NumGC":3}}
          """);

  private static final Map<InputFormat, Function<ParseContext, RecordParser>> PARSERS = Map.of(
      InputFormat.ES_SHARDS, EsShardsParser::new,
      InputFormat.KAFKA_LAG, KafkaLagParser::new,
      InputFormat.WRITER_METRICS, WriterMetricsParser::new,
      InputFormat.EXPVAR, ExpvarParser::new);

  @Test
  void eachCaptureIsDetectedAsItsFormat() {
    CAPTURES.forEach((format, capture) ->
        assertThat(FormatDetector.detect(List.of(capture.split("\n")))).as(format.id()).contains(format));
    assertThat(FormatDetector.detect(List.of("{\"delta.c02\":176462124,\"delta.c05\":1220}"))).contains(InputFormat.KAFKA_LAG);
  }

  @Test
  void everyTruncationOfEveryCaptureParsesWithoutThrowing() {
    CAPTURES.forEach((format, capture) -> {
      int complete = ListRecordSink.parse(PARSERS.get(format).apply(ParseContext.forTests("h.txt")), capture).metrics.size();
      for (int cut = 0; cut <= capture.length(); cut++) {
        String prefix = capture.substring(0, cut);
        assertThatCode(() -> ListRecordSink.parse(PARSERS.get(format).apply(ParseContext.forTests("h.txt")), prefix))
            .as("%s cut at %d", format.id(), cut).doesNotThrowAnyException();
      }
      assertThat(complete).as(format.id()).isPositive();
    });
  }
}
