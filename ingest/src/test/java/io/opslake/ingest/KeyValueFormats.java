package io.opslake.ingest;

import io.opslake.ingest.engine.FormatSupport;
import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.TimestampPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny line format for engine tests, independent of the real parsers: {@code event <epoch>
 * <host> <type> [message]} and {@code metric <epoch> <name> <value>}; lines starting with two
 * spaces continue the previous record (like a stack trace). Everything else is rejected.
 */
final class KeyValueFormats implements FormatSupport {
  private static final long serialVersionUID = 1L;

  @Override
  public Optional<InputFormat> detect(List<String> sampleLines) {
    return sampleLines.stream().anyMatch(line -> line.startsWith("event ") || line.startsWith("metric "))
        ? Optional.of(InputFormat.PLAINTEXT)
        : Optional.empty();
  }

  @Override
  public RecordParser create(InputFormat format, ParseContext context) {
    return new Parser(context.timestamps());
  }

  private static final class Parser implements RecordParser {
    private final TimestampPolicy timestamps;
    private long firstLine;
    private final List<String> pending = new ArrayList<>();

    Parser(TimestampPolicy timestamps) {
      this.timestamps = timestamps;
    }

    @Override
    public boolean startsRecord(String line) {
      return !line.startsWith("  ");
    }

    @Override
    public void accept(String line, long lineNumber, RecordSink sink) {
      if (!startsRecord(line)) {
        if (pending.isEmpty()) {
          sink.reject(lineNumber, "continuation line without a record", line);
        } else {
          pending.add(line);
        }
        return;
      }
      finish(sink);
      firstLine = lineNumber;
      pending.add(line);
    }

    @Override
    public void finish(RecordSink sink) {
      if (pending.isEmpty()) {
        return;
      }
      String record = String.join("\n", pending);
      pending.clear();
      String[] parts = record.split(" ", 5);
      try {
        if (parts[0].equals("event") && parts.length >= 4) {
          long ts = timestamps.parseText(parts[1]);
          Map<String, String> attributes = new LinkedHashMap<>();
          attributes.put("execution_time", "0.25");
          sink.event(firstLine, new ParsedEvent(ts, null, parts[2], parts[3], "info",
              parts.length > 4 ? parts[4] : null, List.of("t1"), Map.of("pid", "7"), attributes, null));
        } else if (parts[0].equals("metric") && parts.length == 4) {
          long ts = timestamps.parseText(parts[1]);
          sink.metric(firstLine, new ParsedMetric(ts, parts[2], Double.parseDouble(parts[3]), null,
              MetricKind.GAUGE, null, Map.of()));
        } else {
          sink.reject(firstLine, "not an event or metric line", record);
        }
      } catch (TimestampPolicy.TimestampException | NumberFormatException e) {
        sink.reject(firstLine, e.getMessage(), record);
      }
    }
  }
}
