package io.opslake.ingest.format;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps every call, in order, for assertions. */
public final class RecordingSink implements RecordSink {
  /** One rejection as the parser reported it. */
  public record Rejection(long line, String reason, String raw) {}

  /** One event with its line number. */
  public record Event(long line, ParsedEvent event) {}

  public final List<Event> events = new ArrayList<>();
  public final List<Rejection> rejections = new ArrayList<>();
  public final List<ParsedMetric> metrics = new ArrayList<>();

  @Override
  public void event(long line, ParsedEvent event) {
    events.add(new Event(line, event));
  }

  @Override
  public void metric(long line, ParsedMetric metric) {
    metrics.add(metric);
  }

  @Override
  public void reject(long line, String reason, String raw) {
    rejections.add(new Rejection(line, reason, raw));
  }

  /** Every call made so far. */
  public int calls() {
    return events.size() + rejections.size() + metrics.size();
  }

  /** The only event; fails if there is not exactly one call and it is an event. */
  public ParsedEvent onlyEvent() {
    if (calls() != 1 || events.size() != 1) {
      throw new AssertionError("expected one event, got " + events + " and " + rejections);
    }
    return events.get(0).event();
  }

  /** The only rejection's reason; fails if there is not exactly one call and it is a rejection. */
  public String onlyRejection() {
    if (calls() != 1 || rejections.size() != 1) {
      throw new AssertionError("expected one rejection, got " + events + " and " + rejections);
    }
    return rejections.get(0).reason();
  }

  /** Parses lines 1..n with {@code parser}, then finishes it. */
  public static RecordingSink run(RecordParser parser, String text) {
    RecordingSink sink = new RecordingSink();
    long number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      parser.accept(line, number, sink);
    }
    parser.finish(sink);
    return sink;
  }

  /** Parses one line as line 1. */
  public static RecordingSink one(RecordParser parser, String line) {
    RecordingSink sink = new RecordingSink();
    parser.accept(line, 1, sink);
    parser.finish(sink);
    return sink;
  }
}
