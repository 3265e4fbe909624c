package io.opslake.jobs.alerts;

/**
 * One alert of one rule variant on one key, as {@link AlertStateMachine} reports it. Times are epoch
 * milliseconds (UTC).
 *
 * @param pendingSince when the condition became true before the first firing (pending state)
 * @param start when the alert first fired: the condition had held for {@code for}
 * @param end when the last firing of the alert resolved, or the end of the evaluated range
 * @param resolved false when the alert was still firing at the end of the range
 * @param firingMillis time spent firing (the gaps between flapping re-fires excluded)
 * @param refires flapping re-fires: firings that started within the cooldown after the previous
 *     firing of this alert ended, merged into it rather than counted as new alerts
 * @param peak the most severe value while firing (largest, or smallest for {@link Severity#LOWER_IS_WORSE})
 */
public record Alert(long pendingSince, long start, long end, boolean resolved, long firingMillis, int refires,
    double peak) {

  /** Whether a larger or a smaller value is the more severe one (peak). */
  public enum Severity {
    HIGHER_IS_WORSE,
    LOWER_IS_WORSE
  }

  /** Whether the alert's time span {@code [start, end]} meets the closed interval {@code [from, to]}. */
  public boolean overlaps(long from, long to) {
    return start <= to && end >= from;
  }
}
