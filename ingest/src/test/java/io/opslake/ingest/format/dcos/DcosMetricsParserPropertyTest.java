package io.opslake.ingest.format.dcos;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.LineMutator;
import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ParseContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged DC/OS documents never make the parser throw, and each non-blank line yields records. */
class DcosMetricsParserPropertyTest {
  private static final List<String> VALID_LINES = List.of(
      "{\"datapoints\":[{\"name\":\"cpus.user.time\",\"value\":1024.56,\"unit\":\"seconds\","
          + "\"timestamp\":\"2026-10-01T00:00:00.184011215Z\",\"tags\":{\"source\":\"cgroup\"}},"
          + "{\"name\":\"mem.total\",\"value\":268435456,\"unit\":\"bytes\",\"timestamp\":1790812800}],"
          + "\"dimensions\":{\"mesos_id\":\"a1b2-S3\",\"hostname\":\"10.0.0.1\",\"labels\":{\"team\":\"payments\"}}}",
      "{\"datapoints\":[{\"name\":\"net.rx.errors\",\"value\":null,\"unit\":\"count\","
          + "\"timestamp\":\"2026-10-01T00:00:00Z\"}],\"dimensions\":{\"hostname\":\"10.0.0.2\"}}");

  @Test
  void damagedDocumentsNeverThrowAndAlwaysYieldARecord() {
    LineMutator mutator = new LineMutator(new Random(20261001L));
    int metrics = 0;
    int rejections = 0;
    for (int i = 0; i < 2_000; i++) {
      String line = mutator.mutate(VALID_LINES);
      ListRecordSink sink = new ListRecordSink();
      DcosMetricsParser parser = new DcosMetricsParser(ParseContext.forTests("dc0-web01.statsd.log"));

      parser.accept(line, 3, sink);
      parser.finish(sink);

      if (line.isBlank()) {
        assertThat(sink.calls()).as("blank line").isZero();
        continue;
      }
      assertThat(sink.lines).as("line %s", line).isNotEmpty().containsOnly(3L);
      metrics += sink.metrics.size();
      rejections += sink.rejections.size();
    }
    // The mutations must reach both outcomes, or the property says nothing.
    assertThat(metrics).isPositive();
    assertThat(rejections).isPositive();
  }
}
