package io.opslake.ingest.format;

import java.util.ArrayList;
import java.util.List;

/** A {@link RecordSink} that keeps every call, in order, for assertions. */
public final class ListRecordSink implements RecordSink {
  /** One rejection as the parser reported it. */
  public record Rejection(long line, String reason, String raw) {}

  public final List<ParsedEvent> events = new ArrayList<>();
  public final List<ParsedMetric> metrics = new ArrayList<>();
  public final List<Rejection> rejections = new ArrayList<>();
  public final List<Long> lines = new ArrayList<>();

  @Override
  public void event(long line, ParsedEvent event) {
    events.add(event);
    lines.add(line);
  }

  @Override
  public void metric(long line, ParsedMetric metric) {
    metrics.add(metric);
    lines.add(line);
  }

  @Override
  public void reject(long line, String reason, String raw) {
    rejections.add(new Rejection(line, reason, raw));
    lines.add(line);
  }

  /** How many records were reported, whatever their outcome. */
  public int calls() {
    return lines.size();
  }

  /** Feeds a text block to a parser, line by line, numbering from 1, then finishes it. */
  public static ListRecordSink parse(RecordParser parser, String text) {
    ListRecordSink sink = new ListRecordSink();
    long number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      parser.accept(line, number, sink);
    }
    parser.finish(sink);
    return sink;
  }
}
