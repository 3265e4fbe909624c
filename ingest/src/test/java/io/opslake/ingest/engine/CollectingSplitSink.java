package io.opslake.ingest.engine;

import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.ParsedMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link SplitSink} for split tests: every record as one line of text, {@code <line>:<what>}, so
 * two reads compare with one assertion. Rejects show their reason and raw text (or byte count).
 */
final class CollectingSplitSink implements SplitSink {
  final List<String> records = new ArrayList<>();
  private final Function<ParsedEvent, String> describeEvent;
  private final Function<ParsedMetric, String> describeMetric;

  CollectingSplitSink(Function<ParsedEvent, String> describeEvent, Function<ParsedMetric, String> describeMetric) {
    this.describeEvent = describeEvent;
    this.describeMetric = describeMetric;
  }

  @Override
  public void event(long line, ParsedEvent event) {
    records.add(line + ":" + describeEvent.apply(event));
  }

  @Override
  public void metric(long line, ParsedMetric metric) {
    records.add(line + ":" + describeMetric.apply(metric));
  }

  @Override
  public void reject(long line, String reason, String raw) {
    records.add(line + ":reject:" + reason + ":" + raw);
  }

  @Override
  public void reject(long line, String reason, String raw, long rawBytes) {
    records.add(line + ":reject:" + reason + ":" + rawBytes);
  }

  @Override
  public void blankLine() {}

  @Override
  public long recordsSoFar() {
    return records.size();
  }
}
