package io.opslake.ingest.format.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.LineMutator;
import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ParseContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged StatsD lines never make the parser throw, and every record is accounted for. */
class StatsdParserPropertyTest {
  private static final List<String> VALID_LINES = List.of(
      "1790812801.123 page.load:547|ms",
      "1790812801.250 requests:1|c|@0.1|#env:prod,region:eu,standalone",
      "1790812801 queue.depth:-4|g|#host:dc0-web01,env:prod|c:4f9a2b",
      "2026-10-01T00:00:01.5Z users.online:alice|s",
      "2026-10-01 00:00:01 upload.size:1024|h|@0.5",
      "checkout.total:3|c|#env:prod|T1790812801",
      "1790812801 request.size:120:340:1.5|h|#env:prod",
      "1790812802.5 _e{14,25}:Deploy started|version 4.2.1\\nby jenkins|d:1790812801|h:dc0-web01|t:warning",
      "_sc|redis.can_connect|2|d:1790812801|#host:dc0-cache02|m:connection refused");

  @Test
  void damagedLinesNeverThrowAndEachYieldsItsRecords() {
    LineMutator mutator = new LineMutator(new Random(20261001L));
    int records = 0;
    int rejections = 0;
    for (int i = 0; i < 2_000; i++) {
      String line = mutator.mutate(VALID_LINES);
      ListRecordSink sink = new ListRecordSink();
      StatsdParser parser = new StatsdParser(ParseContext.forTests("dc0-web01.statsd.log"));

      parser.accept(line, 7, sink);
      parser.finish(sink);

      LeadingTimestamp split = LeadingTimestamp.split(line);
      if (split.body().isEmpty() || split.timestamp() == null && split.body().startsWith("#")) {
        assertThat(sink.calls()).as("blank or comment line %s", line).isZero();
        continue;
      }
      assertThat(sink.lines).as("line %s", line).isNotEmpty().containsOnly(7L);
      assertThat(sink.calls()).as("line %s", line).isBetween(1, 1 + extraValues(split.body()));
      if (extraValues(split.body()) == 0) {
        assertThat(sink.calls()).as("single-value line %s", line).isEqualTo(1);
      }
      records += sink.metrics.size() + sink.events.size();
      rejections += sink.rejections.size();
    }
    // The mutations must reach both outcomes, or the property says nothing.
    assertThat(records).isPositive();
    assertThat(rejections).isPositive();
  }

  /** How many more values than one a packet's value section holds (colons before the first bar). */
  private static int extraValues(String body) {
    int pipe = body.indexOf('|');
    int colon = body.indexOf(':');
    if (pipe < 0 || colon < 0 || colon > pipe || body.startsWith("_")) {
      return 0;
    }
    int extra = 0;
    for (int i = colon + 1; i < pipe; i++) {
      if (body.charAt(i) == ':') {
        extra++;
      }
    }
    return extra;
  }
}
