package io.opslake.ingest.format;

import io.opslake.ingest.format.TimestampPolicy.TimestampException;

/**
 * {@link TimestampPolicy#parseText} for untrusted text: a date so far out that its microseconds
 * overflow a long ({@code +999999999-12-31T00:00:00Z}) is reported as a {@link
 * TimestampException} like any other implausible timestamp instead of escaping as an
 * ArithmeticException.
 */
public final class EventTimes {
  private EventTimes() {}

  public static long parse(TimestampPolicy policy, String text) {
    try {
      return policy.parseText(text);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      String shown = text.length() <= 40 ? text : text.substring(0, 40) + "…";
      throw new TimestampException("timestamp '" + shown + "' is out of range");
    }
  }
}
