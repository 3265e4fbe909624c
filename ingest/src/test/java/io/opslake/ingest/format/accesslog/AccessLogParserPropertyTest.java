package io.opslake.ingest.format.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.LineMutator;
import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ParseContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged access log lines never make the parser throw, and each yields exactly one record. */
class AccessLogParserPropertyTest {
  private static final List<String> VALID_LINES = List.of(
      "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1\" 200 203023 \"http://semicomplete.com/presentations/logstash-monitorama-2013/\" \"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1)\"",
      "10.0.0.7 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326",
      "www.example.com:443 192.0.2.10 - - [17/May/2015:10:05:03 +0000] \"POST /api/v1/items?id=7 HTTP/2.0\" 502 157 \"-\" \"curl/8.4.0\" 0.412",
      "192.0.2.1 - - [17/May/2015:10:05:03 +0000] \"GET /api HTTP/1.1\" 200 12 \"-\" \"Go-http-client/1.1\" 2345",
      "45.155.205.233 - - [17/May/2015:10:06:00 +0000] \"\\x16\\x03\\x01\\x00\\xca\" 400 226 \"-\" \"-\"",
      "192.0.2.9 - - [17/May/2015:10:06:02 +0000] \"GET /a\\\"b HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0 (X11; Linux");

  @Test
  void damagedLinesNeverThrowAndEachYieldsOneEventOrOneRejection() {
    LineMutator mutator = new LineMutator(new Random(20150517L));
    int events = 0;
    int rejections = 0;
    for (int i = 0; i < 3_000; i++) {
      String line = mutator.mutate(VALID_LINES);
      ListRecordSink sink = new ListRecordSink();
      AccessLogParser parser = new AccessLogParser(ParseContext.forTests("web-7.access.log"));

      parser.accept(line, 7, sink);
      parser.finish(sink);

      if (line.isBlank()) {
        assertThat(sink.calls()).as("blank line %s", line).isZero();
        continue;
      }
      assertThat(sink.calls()).as("line %s", line).isEqualTo(1);
      assertThat(sink.lines).as("line %s", line).containsExactly(7L);
      events += sink.events.size();
      rejections += sink.rejections.size();
    }
    // The mutations must reach both outcomes, or the property says nothing.
    assertThat(events).isGreaterThan(500);
    assertThat(rejections).isGreaterThan(500);
  }
}
