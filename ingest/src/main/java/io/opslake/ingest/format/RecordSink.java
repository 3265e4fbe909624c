package io.opslake.ingest.format;

/**
 * Receives the outcome of every input record. Each call accounts for exactly one input record:
 * a record ends as one event, one metric datapoint, or one rejection, never two of these and never
 * none. (A document that carries several datapoints, such as a DC/OS metrics document, counts each
 * datapoint as a record; a document that cannot be parsed at all is one rejected record.)
 */
public interface RecordSink {
  /**
   * @param line 1-based line number of the record's first line in the input file
   */
  void event(long line, ParsedEvent event);

  void metric(long line, ParsedMetric metric);

  /**
   * @param line 1-based line number of the record's first line
   * @param reason a human sentence, e.g. "timestamp 2090-01-01T00:00:00Z is after the plausible
   *     window (ends 2026-11-22T00:00:00Z)"
   * @param raw the record text as read (the engine truncates it)
   */
  void reject(long line, String reason, String raw);
}
