package io.opslake.ingest.format.statsd;

import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses StatsD and DogStatsD lines as a listener captures them, one packet per line:
 *
 * <pre>
 *   [leading timestamp + whitespace] name:value[:value...]|type[|@rate][|#tag:v,tag][|T&lt;secs&gt;][|c:&lt;container&gt;]
 * </pre>
 *
 * Types c, g, ms, h, d and s map to counter, gauge, timer ("ms" unit), histogram, distribution
 * and set. Counters are divided by their sample rate; the rate itself is kept as the label {@code
 * sample_rate} (as written) for every type. A gauge value with a sign is a relative change: the
 * signed value is kept and labelled {@code gauge_delta=true}. A set datapoint has value 1.0 and its
 * member in the label {@code set_member}; set members are not split on {@code :}. A multi-value
 * packet ({@code name:1:2:3|h}) gives one record per value, and a bad value rejects that value
 * alone; any other problem rejects the line as one record.
 *
 * <p>The time is the {@code |T} field when present (the emitter's time), otherwise the leading
 * capture timestamp (see {@link LeadingTimestamp}), otherwise the capture time of the file
 * ({@code --capture-time}, else the time in the file name, see {@link
 * io.opslake.ingest.format.capture.CaptureName}): wire lines as a listener saves them ({@code
 * api.latency:299|ms|#host:prod-web-04}) all take that one time. A line with none is rejected with
 * a reason naming {@code --capture-time}. The host is the DogStatsD {@code host} tag, else {@code
 * --host} (the file name's host is not used: a listener's capture holds many emitters' lines). Blank lines
 * and lines starting with {@code #} (capture-file comments) are not records. Unknown extension
 * fields are ignored. Events ({@code _e{...}}) and service checks ({@code _sc|...}) go to {@link
 * DogStatsdEventParser}.
 *
 * <p>Cost: a few {@code indexOf} scans and substrings per line, no regular expressions.
 */
public final class StatsdParser implements RecordParser {
  static final String NO_TIMESTAMP =
      "StatsD line has no timestamp (expected a |T<epoch> field or a leading timestamp); for wire lines"
          + " give the capture's time with --capture-time or in the file name (e.g. statsd_web-1_2025-11-15T10-00-00Z.log)";
  static final String SAMPLE_RATE_LABEL = "sample_rate";
  static final String CONTAINER_LABEL = "container_id";
  static final String GAUGE_DELTA_LABEL = "gauge_delta";
  static final String SET_MEMBER_LABEL = "set_member";

  private final TimestampPolicy timestamps;
  private final DogStatsdEventParser events;
  private final Long captureTime;
  private final String optionHost;

  public StatsdParser(ParseContext context) {
    this.timestamps = context.timestamps();
    this.events = new DogStatsdEventParser(context.timestamps());
    this.captureTime = context.captureTimeMicros();
    this.optionHost = context.capture().host();
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    LeadingTimestamp split = LeadingTimestamp.split(line);
    String body = split.body();
    if (body.isEmpty() || split.timestamp() == null && body.charAt(0) == '#') {
      return;
    }
    try {
      if (body.startsWith(DogStatsdEventParser.EVENT_PREFIX)) {
        sink.event(lineNumber, events.event(body, split.timestamp()));
      } else if (body.startsWith(DogStatsdEventParser.SERVICE_CHECK_PREFIX)) {
        sink.event(lineNumber, events.serviceCheck(body, split.timestamp()));
      } else {
        acceptMetric(split, line, lineNumber, sink);
      }
    } catch (StatsdRejection | TimestampException e) {
      sink.reject(lineNumber, e.getMessage(), line);
    }
  }

  @Override
  public void finish(RecordSink sink) {
    // Single-line format: nothing is buffered.
  }

  private void acceptMetric(LeadingTimestamp split, String line, long lineNumber, RecordSink sink) {
    String body = split.body();
    int pipe = body.indexOf('|');
    int colon = body.indexOf(':');
    if (pipe < 0) {
      throw new StatsdRejection("StatsD line has no '|' before the metric type");
    }
    if (colon < 0 || colon > pipe) {
      throw new StatsdRejection("StatsD line has no ':' between the metric name and its value");
    }
    String name = body.substring(0, colon).trim();
    if (name.isEmpty()) {
      throw new StatsdRejection("StatsD line has an empty metric name");
    }
    int typeEnd = body.indexOf('|', pipe + 1);
    String type = body.substring(pipe + 1, typeEnd < 0 ? body.length() : typeEnd);
    MetricKind kind = kindOf(type);

    Fields fields = readFields(body, typeEnd);
    long tsMicros = timestamp(fields.epochSeconds, split.timestamp());
    Map<String, String> labels = fields.tags.labels();
    String values = body.substring(colon + 1, pipe);

    if (kind == MetricKind.SET) {
      if (values.isEmpty()) {
        throw new StatsdRejection("StatsD set line has an empty member");
      }
      Map<String, String> setLabels = with(labels, SET_MEMBER_LABEL, values);
      sink.metric(lineNumber, new ParsedMetric(tsMicros, name, 1.0, null, kind, host(fields), setLabels));
      return;
    }
    int start = 0;
    while (start <= values.length()) {
      int end = values.indexOf(':', start);
      if (end < 0) {
        end = values.length();
      }
      String valueText = values.substring(start, end);
      try {
        sink.metric(lineNumber, datapoint(tsMicros, name, valueText, kind, fields, labels));
      } catch (StatsdRejection e) {
        sink.reject(lineNumber, e.getMessage(), line);
      }
      start = end + 1;
    }
  }

  private ParsedMetric datapoint(
      long tsMicros, String name, String valueText, MetricKind kind, Fields fields, Map<String, String> labels) {
    if (valueText.isEmpty()) {
      throw new StatsdRejection("StatsD line has an empty value");
    }
    double value = StatsdNumbers.parse(valueText, "StatsD value");
    Map<String, String> datapointLabels = labels;
    if (kind == MetricKind.COUNTER && fields.sampleRate != null) {
      value = value / fields.sampleRate;
    } else if (kind == MetricKind.GAUGE && (valueText.charAt(0) == '+' || valueText.charAt(0) == '-')) {
      datapointLabels = with(labels, GAUGE_DELTA_LABEL, "true");
    }
    String unit = kind == MetricKind.TIMER ? "ms" : null;
    return new ParsedMetric(tsMicros, name, value, unit, kind, host(fields), datapointLabels);
  }

  /** The DogStatsD {@code host} tag, else {@code --host}. */
  private String host(Fields fields) {
    String tagged = fields.tags.hostname();
    return tagged != null ? tagged : optionHost;
  }

  private long timestamp(String epochSecondsField, String leadingTimestamp) {
    if (epochSecondsField != null) {
      return StatsdNumbers.epochSecondsToMicros(epochSecondsField, "StatsD timestamp field T", timestamps);
    }
    if (leadingTimestamp != null) {
      return timestamps.parseText(leadingTimestamp);
    }
    if (captureTime != null) {
      return timestamps.check(captureTime);
    }
    throw new StatsdRejection(NO_TIMESTAMP);
  }

  /** The optional fields after the type: {@code |@rate}, {@code |#tags}, {@code |T}, {@code |c:}. */
  private static Fields readFields(String body, int firstPipe) {
    Fields fields = new Fields();
    int start = firstPipe;
    while (start >= 0) {
      int end = body.indexOf('|', start + 1);
      String field = body.substring(start + 1, end < 0 ? body.length() : end);
      start = end;
      if (field.isEmpty()) {
        continue;
      }
      char first = field.charAt(0);
      if (first == '@') {
        fields.sampleRate = sampleRate(field.substring(1));
        fields.tags.putLabel(SAMPLE_RATE_LABEL, field.substring(1));
      } else if (first == '#') {
        fields.tags.addField(field.substring(1));
      } else if (first == 'T') {
        fields.epochSeconds = field.substring(1);
      } else if (field.startsWith("c:")) {
        fields.tags.putLabel(CONTAINER_LABEL, field.substring(2));
      }
      // Other fields (newer protocol extensions) carry nothing opslake stores.
    }
    return fields;
  }

  private static double sampleRate(String text) {
    double rate = StatsdNumbers.parse(text, "StatsD sample rate");
    if (!(rate > 0 && rate <= 1)) {
      throw new StatsdRejection("StatsD sample rate '" + text + "' is outside (0, 1]");
    }
    return rate;
  }

  private static MetricKind kindOf(String type) {
    switch (type) {
      case "c":
        return MetricKind.COUNTER;
      case "g":
        return MetricKind.GAUGE;
      case "ms":
        return MetricKind.TIMER;
      case "h":
        return MetricKind.HISTOGRAM;
      case "d":
        return MetricKind.DISTRIBUTION;
      case "s":
        return MetricKind.SET;
      default:
        throw new StatsdRejection(
            "StatsD line has unknown metric type '" + StatsdNumbers.abbreviate(type) + "' (expected c, g, ms, h, d or s)");
    }
  }

  private static Map<String, String> with(Map<String, String> labels, String key, String value) {
    Map<String, String> copy = new HashMap<>(labels);
    copy.put(key, value);
    return Map.copyOf(copy);
  }

  /** What the optional fields of one line say. */
  private static final class Fields {
    final DogStatsdTags tags = new DogStatsdTags();
    Double sampleRate;
    String epochSeconds;
  }
}
