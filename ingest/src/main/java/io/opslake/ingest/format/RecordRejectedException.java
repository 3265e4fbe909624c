package io.opslake.ingest.format;

/**
 * Thrown inside a parser when a record must go to quarantine; its message is the ready reject
 * reason. Parsers catch it and call {@link RecordSink#reject}: it never leaves a parser. It keeps
 * no stack trace, so rejecting a bad line costs no more than accepting a good one.
 */
public final class RecordRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecordRejectedException(String reason) {
    super(reason, null, false, false);
  }
}
