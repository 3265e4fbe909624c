package io.opslake.ingest.format.expvar;

import com.fasterxml.jackson.databind.JsonNode;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import io.opslake.ingest.format.snapshot.JsonSnapshotLine;
import io.opslake.ingest.format.snapshot.MultiLineDocument;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Parses Go expvar snapshots (the {@code /debug/vars} document), one compact document per line
 * behind its capture time, as a polling loop writes them:
 *
 * <pre>
 *   2026-10-01T00:05:00Z {"cmdline":["/srv/kwanza"],"Streams":42,"NotificationsPrSec":12.5,
 *     "PerSubscriberStreams":{"sub-a":3,"sub-b":7},"memstats":{"Alloc":1234,"NumGC":17,...}}
 * </pre>
 *
 * A top-level number is {@code expvar.<Var>}; {@code memstats} fields are {@code
 * expvar.memstats.<Field>} (counters for the cumulative ones, bytes or nanoseconds as Go documents
 * them); the numeric leaves of any other object are {@code expvar.<Var>} labelled {@code
 * key=<path>} ({@code sub-a}, or {@code a.b} deeper). expvar has no types, so application
 * variables are gauges, except names ending in {@code PrSec}, {@code PerSec} or {@code PerSecond},
 * which are rates. Strings, booleans, arrays (such as {@code cmdline} and {@code
 * memstats.PauseNs}) are not datapoints. Host: {@code --host}, else the file name's (see {@link
 * io.opslake.ingest.format.capture.CaptureName}). Time: a {@code timestamp} / {@code ts} member or
 * a capture time in front of the document, else {@code --capture-time}, else the file name's time.
 *
 * <p>A raw {@code curl host/debug/vars} capture is pretty-printed over many lines (Go writes one
 * variable per line; {@code jq .} indents every member): such a document, opened by a line that
 * is just <code>{</code> (optionally behind a capture time), is gathered by {@link MultiLineDocument}
 * and parsed as one record numbered by its first line. A document that never closes (the next one
 * starts, or the file ends) is one reject holding its text.
 *
 * <p>A line that is not a JSON object, has no time or no numeric variable is one rejected record.
 */
public final class ExpvarParser implements RecordParser {
  static final String NO_TIME =
      "expvar document has no capture time (expected '<ISO-8601 or epoch> {...}', a timestamp member,"
          + " --capture-time or a time in the file name, e.g. expvar_<host>_2025-11-15T10-00-00Z.json)";
  static final String NO_VALUES = "expvar document has no numeric variables";
  static final String NOT_CLOSED = "multi-line expvar document is not closed (its braces never balance)";
  static final String TOO_LONG = "multi-line expvar document is longer than " + (MultiLineDocument.MAX_CHARS >> 20) + " MiB";

  private static final Set<String> MEMSTATS_COUNTERS =
      Set.of("TotalAlloc", "Mallocs", "Frees", "Lookups", "NumGC", "NumForcedGC", "PauseTotalNs");
  private static final Set<String> MEMSTATS_COUNTS = Set.of("Mallocs", "Frees", "Lookups", "NumGC", "NumForcedGC", "HeapObjects");
  private static final Set<String> TIME_MEMBERS = Set.of("timestamp", "@timestamp", "ts");

  private final TimestampPolicy timestamps;
  private final String host;
  private final Long captureTime;
  /** A pretty-printed document being gathered, or null. */
  private MultiLineDocument pending;

  public ExpvarParser(ParseContext context) {
    this.timestamps = context.timestamps();
    this.host = context.captureHost();
    this.captureTime = context.captureTimeMicros();
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    if (pending != null) {
      if (MultiLineDocument.startsRecord(line)) {
        // The open document never closed; the new one is not swallowed into it.
        rejectPending(sink, NOT_CLOSED);
      } else {
        if (pending.add(line)) {
          MultiLineDocument complete = pending;
          pending = null;
          document(complete.text(), complete.firstLine(), sink);
        } else if (pending.tooLong()) {
          rejectPending(sink, TOO_LONG);
        }
        return;
      }
    }
    if (line.isBlank()) {
      return;
    }
    if (MultiLineDocument.opens(line)) {
      pending = MultiLineDocument.open(line, lineNumber);
      return;
    }
    document(line, lineNumber, sink);
  }

  @Override
  public boolean startsRecord(String line) {
    return MultiLineDocument.startsRecord(line);
  }

  private void rejectPending(RecordSink sink, String reason) {
    sink.reject(pending.firstLine(), reason, pending.text());
    pending = null;
  }

  /** One document: a line, or the lines of a pretty-printed one joined, numbered by its first line. */
  private void document(String line, long lineNumber, RecordSink sink) {
    try {
      JsonSnapshotLine parsed = JsonSnapshotLine.parse(line);
      long tsMicros = parsed.time(timestamps, captureTime, NO_TIME);
      int emitted = 0;
      Iterator<Map.Entry<String, JsonNode>> vars = parsed.document().fields();
      while (vars.hasNext()) {
        Map.Entry<String, JsonNode> entry = vars.next();
        String name = entry.getKey();
        JsonNode value = entry.getValue();
        if (TIME_MEMBERS.contains(name)) {
          continue;
        }
        if ("memstats".equals(name) && value.isObject()) {
          emitted += memstats(value, tsMicros, lineNumber, sink);
        } else if (value.isObject()) {
          emitted += nested(name, "", value, tsMicros, lineNumber, sink);
        } else if (isFinite(value)) {
          sink.metric(lineNumber, new ParsedMetric(tsMicros, "expvar." + name, value.doubleValue(), unit(name), kind(name), host, Map.of()));
          emitted++;
        }
      }
      if (emitted == 0) {
        throw new RecordRejectedException(NO_VALUES);
      }
    } catch (RecordRejectedException | TimestampException e) {
      sink.reject(lineNumber, e.getMessage(), line);
    }
  }

  private int memstats(JsonNode memstats, long tsMicros, long lineNumber, RecordSink sink) {
    int emitted = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = memstats.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!isFinite(field.getValue())) {
        continue;
      }
      String name = field.getKey();
      MetricKind kind = MEMSTATS_COUNTERS.contains(name) ? MetricKind.COUNTER : MetricKind.GAUGE;
      String unit = name.endsWith("Ns") || "LastGC".equals(name) ? "ns"
          : MEMSTATS_COUNTS.contains(name) || "GCCPUFraction".equals(name) ? null : "bytes";
      sink.metric(lineNumber, new ParsedMetric(tsMicros, "expvar.memstats." + name, field.getValue().doubleValue(), unit, kind, host, Map.of()));
      emitted++;
    }
    return emitted;
  }

  private int nested(String var, String path, JsonNode object, long tsMicros, long lineNumber, RecordSink sink) {
    int emitted = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        emitted += nested(var, key, value, tsMicros, lineNumber, sink);
      } else if (isFinite(value)) {
        sink.metric(lineNumber, new ParsedMetric(tsMicros, "expvar." + var, value.doubleValue(), unit(var), kind(var), host, Map.of("key", key)));
        emitted++;
      }
    }
    return emitted;
  }

  private static MetricKind kind(String var) {
    return isRateName(var) ? MetricKind.RATE : MetricKind.GAUGE;
  }

  private static String unit(String var) {
    return isRateName(var) ? "1/s" : null;
  }

  private static boolean isRateName(String var) {
    return var.endsWith("PrSec") || var.endsWith("PerSec") || var.endsWith("PerSecond");
  }

  private static boolean isFinite(JsonNode value) {
    return value.isNumber() && Double.isFinite(value.doubleValue());
  }

  @Override
  public void finish(RecordSink sink) {
    if (pending != null) {
      rejectPending(sink, NOT_CLOSED);
    }
  }
}
