package io.opslake.ingest.format.hoststats;

/** Ends the reading of one row of a host statistics snapshot; its message is the quarantine reason. */
final class HostStatsRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HostStatsRejection(String reason) {
    super(reason, null, false, false);
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
