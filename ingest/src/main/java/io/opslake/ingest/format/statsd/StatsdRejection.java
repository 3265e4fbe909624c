package io.opslake.ingest.format.statsd;

/**
 * Ends the parsing of one StatsD record; its message is the quarantine reason. Carries no stack
 * trace, so rejecting a bad line costs about as much as returning.
 */
final class StatsdRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StatsdRejection(String reason) {
    super(reason, null, false, false);
  }
}
