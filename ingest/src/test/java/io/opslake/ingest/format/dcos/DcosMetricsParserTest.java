package io.opslake.ingest.format.dcos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ListRecordSink.Rejection;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DcosMetricsParserTest {
  /** 2026-10-01T00:00:00Z. */
  private static final long MIDNIGHT = 1_790_812_800_000_000L;

  private static final String CONTAINER_DOCUMENT = """
      {"datapoints":[{"name":"cpus.user.time","value":1024.56,"unit":"seconds","timestamp":"2026-10-01T00:00:00.184011215Z"},\
      {"name":"mem.total","value":268435456,"unit":"bytes","timestamp":"2026-10-01T00:00:00.184011215Z","tags":{"executor_id":"override","source":"cgroup"}}],\
      "dimensions":{"mesos_id":"a1b2-S3","cluster_id":"c0ffee","container_id":"e4faacb2","executor_id":"checkout.8f1d",\
      "framework_id":"a1b2-0001","framework_name":"marathon","application_name":"checkout","hostname":"10.0.0.1",\
      "labels":{"DCOS_SERVICE_NAME":"checkout","team":"payments"}}}""";

  private static ListRecordSink parse(String text) {
    return ListRecordSink.parse(new DcosMetricsParser(ParseContext.forTests("dc0-web01.statsd.log")), text);
  }

  @Test
  void eachDatapointIsAGaugeLabelledWithTheDimensionsAndItsTags() {
    ListRecordSink sink = parse(CONTAINER_DOCUMENT + "\n");

    Map<String, String> dimensions = Map.of(
        "mesos_id", "a1b2-S3", "cluster_id", "c0ffee", "container_id", "e4faacb2",
        "executor_id", "checkout.8f1d", "framework_id", "a1b2-0001", "framework_name", "marathon",
        "application_name", "checkout", "label.DCOS_SERVICE_NAME", "checkout", "label.team", "payments");
    Map<String, String> withTags = new HashMap<>(dimensions);
    withTags.put("executor_id", "override");
    withTags.put("source", "cgroup");
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.lines).containsExactly(1L, 1L);
    assertThat(sink.metrics).containsExactly(
        new ParsedMetric(MIDNIGHT + 184_011, "cpus.user.time", 1024.56, "seconds", MetricKind.GAUGE, "10.0.0.1", dimensions),
        new ParsedMetric(MIDNIGHT + 184_011, "mem.total", 268435456.0, "bytes", MetricKind.GAUGE, "10.0.0.1", withTags));
  }

  @Test
  void unitsAndTimestampsInEveryForm() {
    ListRecordSink sink = parse("""
        {"datapoints":[\
        {"name":"a","value":1,"unit":"percent","timestamp":"2026-10-01T00:00:00Z"},\
        {"name":"b","value":2,"unit":"","timestamp":1790812800},\
        {"name":"c","value":3,"unit":null,"timestamp":1790812800123},\
        {"name":"d","value":4,"timestamp":"1790812800123456"},\
        {"name":"e","value":-5.5e-3,"unit":"count","timestamp":1790812800.25},\
        {"name":"f","value":6,"unit":"bytes","timestamp":"2026-10-01 02:00:00+02:00"}]}
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.metrics).extracting(ParsedMetric::unit)
        .containsExactly("percent", null, null, null, "count", "bytes");
    assertThat(sink.metrics).extracting(ParsedMetric::tsMicros).containsExactly(
        MIDNIGHT, MIDNIGHT, MIDNIGHT + 123_000, MIDNIGHT + 123_456, MIDNIGHT + 250_000, MIDNIGHT);
    assertThat(sink.metrics).extracting(ParsedMetric::value).containsExactly(1.0, 2.0, 3.0, 4.0, -0.0055, 6.0);
    assertThat(sink.metrics).extracting(ParsedMetric::hostname).containsOnlyNulls();
    assertThat(sink.metrics).extracting(ParsedMetric::labels).containsOnly(Map.of());
  }

  @Test
  void aBadDatapointIsRejectedAloneWithItsOwnJson() {
    ListRecordSink sink = parse("""
        {"datapoints":[{"name":"ok","value":1,"timestamp":"2026-10-01T00:00:00Z"},\
        {"name":"net.rx.errors","value":null,"unit":"count","timestamp":"2026-10-01T00:00:00Z"},\
        {"value":3,"timestamp":"2026-10-01T00:00:00Z"},\
        {"name":"disk.free","value":"lots","timestamp":"2026-10-01T00:00:00Z"},\
        {"name":"cpu.load","value":NaN,"timestamp":"2026-10-01T00:00:00Z"},\
        {"name":"uptime","value":7,"timestamp":"yesterday"},\
        {"name":"future","value":7,"timestamp":"2090-01-01T00:00:00Z"},\
        {"name":"untimed","value":7},\
        42],"dimensions":{"hostname":"10.0.0.2"}}
        """);

    assertThat(sink.metrics).extracting(ParsedMetric::name).containsExactly("ok");
    assertThat(sink.lines).hasSize(9).containsOnly(1L);
    assertThat(sink.rejections).containsExactly(
        new Rejection(1, "datapoint net.rx.errors has no value",
            "{\"name\":\"net.rx.errors\",\"value\":null,\"unit\":\"count\",\"timestamp\":\"2026-10-01T00:00:00Z\"}"),
        new Rejection(1, "datapoint #3 has no name", "{\"value\":3,\"timestamp\":\"2026-10-01T00:00:00Z\"}"),
        new Rejection(1, "datapoint disk.free has a non-numeric value \"lots\"",
            "{\"name\":\"disk.free\",\"value\":\"lots\",\"timestamp\":\"2026-10-01T00:00:00Z\"}"),
        // The raw text is the datapoint re-serialised, and Jackson writes NaN as a string.
        new Rejection(1, "datapoint cpu.load has a non-finite value NaN",
            "{\"name\":\"cpu.load\",\"value\":\"NaN\",\"timestamp\":\"2026-10-01T00:00:00Z\"}"),
        new Rejection(1, "datapoint uptime: timestamp 'yesterday' is neither an epoch number nor ISO-8601",
            "{\"name\":\"uptime\",\"value\":7,\"timestamp\":\"yesterday\"}"),
        new Rejection(1, "datapoint future: timestamp 2090-01-01T00:00:00Z is after the plausible window (ends 2027-01-01T00:00:00Z)",
            "{\"name\":\"future\",\"value\":7,\"timestamp\":\"2090-01-01T00:00:00Z\"}"),
        new Rejection(1, "datapoint untimed: timestamp is missing", "{\"name\":\"untimed\",\"value\":7}"),
        new Rejection(1, "datapoint #9 is not a JSON object", "42"));
  }

  @Test
  void aDocumentThatCannotBeReadIsOneRejection() {
    String truncated = CONTAINER_DOCUMENT.substring(0, 120);
    ListRecordSink sink = parse(truncated + "\n"
        + "not json at all\n"
        + "{\"dimensions\":{\"hostname\":\"10.0.0.1\"}}\n"
        + "{\"datapoints\":{\"name\":\"a\"}}\n"
        + "{\"datapoints\":[],\"dimensions\":{\"hostname\":\"10.0.0.1\"}}\n"
        + "[1,2]\n"
        + "{\"datapoints\":[]} trailing\n");

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        tuple(1L, "line is not a JSON document"),
        tuple(2L, "line is not a JSON document"),
        tuple(3L, "DC/OS metrics document has no datapoints array"),
        tuple(4L, "DC/OS metrics document has no datapoints array"),
        tuple(5L, "DC/OS metrics document has an empty datapoints array"),
        tuple(6L, "line is not a JSON document"),
        tuple(7L, "line is not a JSON document"));
    assertThat(sink.rejections.get(0).raw()).isEqualTo(truncated);
  }

  @Test
  void emptyInputAndBlankLinesAreNotRecords() {
    assertThat(parse("").calls()).isZero();
    assertThat(parse("\n  \n\r\n").calls()).isZero();
  }

  @Test
  void theSameDocumentTwiceIsTwoRecordsPerDatapoint() {
    ListRecordSink sink = parse(CONTAINER_DOCUMENT + "\n" + CONTAINER_DOCUMENT + "\n");

    assertThat(sink.lines).containsExactly(1L, 1L, 2L, 2L);
    assertThat(sink.metrics.subList(0, 2)).isEqualTo(sink.metrics.subList(2, 4));
  }
}
