package io.opslake.jobs.alerts;

import java.util.ArrayList;
import java.util.List;

/**
 * The pending → firing → resolved life of an alert on one key, fed the rule's evaluations in time
 * order, as Prometheus evaluates an alerting rule at each step of its evaluation interval.
 *
 * <ul>
 *   <li>An evaluation with the condition true starts the <em>pending</em> state (if not already
 *       pending or firing).
 *   <li>The alert <em>fires</em> at the first evaluation at which the condition has been true
 *       without interruption for at least {@code for} (at once when {@code for} is 0).
 *   <li>The first evaluation with the condition false <em>resolves</em> it (its time is the end)
 *       and clears the pending state.
 *   <li>A firing that starts less than {@code cooldown} after the previous firing of the same alert
 *       resolved is a <em>flapping re-fire</em>: it is merged into that alert ({@link Alert#refires()}
 *       + 1, its end moves on) instead of opening a new one. A firing at or after the cooldown opens
 *       a new alert.
 * </ul>
 *
 * <p>Plain Java, no Spark; one instance per rule variant and key, {@code O(1)} memory besides the
 * alerts it returns.
 */
public final class AlertStateMachine {
  private final long forMillis;
  private final long cooldownMillis;
  private final Alert.Severity severity;
  private final List<Alert> alerts = new ArrayList<>();

  private boolean pending;
  private long pendingSince;
  private boolean firing;
  private long firingSince;
  // The open alert: fired at least once, may still take a re-fire.
  private boolean open;
  private long openPendingSince;
  private long openStart;
  private long openEnd;
  private long openFiringMillis;
  private int openRefires;
  private double openPeak;

  public AlertStateMachine(long forMillis, long cooldownMillis, Alert.Severity severity) {
    if (forMillis < 0 || cooldownMillis < 0) {
      throw new IllegalArgumentException("for and cooldown must not be negative");
    }
    this.forMillis = forMillis;
    this.cooldownMillis = cooldownMillis;
    this.severity = severity;
  }

  /** One evaluation at {@code time} (not before the previous one): the condition and the value it tested. */
  public void evaluate(long time, boolean condition, double value) {
    if (!condition) {
      pending = false;
      if (firing) {
        firing = false;
        openFiringMillis += time - firingSince;
        openEnd = time;
      }
      return;
    }
    if (!pending && !firing) {
      pending = true;
      pendingSince = time;
    }
    if (!firing && time - pendingSince >= forMillis) {
      startFiring(time);
    }
    if (firing) {
      openPeak = severity == Alert.Severity.HIGHER_IS_WORSE ? Math.max(openPeak, value) : Math.min(openPeak, value);
    }
  }

  private void startFiring(long time) {
    firing = true;
    firingSince = time;
    if (open && time - openEnd < cooldownMillis) {
      openRefires++;
      return;
    }
    closeOpenAlert(true);
    open = true;
    openPendingSince = pendingSince;
    openStart = time;
    openEnd = time;
    openFiringMillis = 0;
    openRefires = 0;
    openPeak = severity == Alert.Severity.HIGHER_IS_WORSE ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  private void closeOpenAlert(boolean resolved) {
    if (open) {
      alerts.add(new Alert(openPendingSince, openStart, openEnd, resolved, openFiringMillis, openRefires, openPeak));
      open = false;
    }
  }

  /**
   * Ends the evaluation at {@code end} (the end of the range): an alert still firing is reported
   * unresolved, ending there. Returns every alert, in start order.
   */
  public List<Alert> finish(long end) {
    if (firing) {
      openFiringMillis += end - firingSince;
      openEnd = end;
      firing = false;
      closeOpenAlert(false);
    } else {
      closeOpenAlert(true);
    }
    return List.copyOf(alerts);
  }
}
