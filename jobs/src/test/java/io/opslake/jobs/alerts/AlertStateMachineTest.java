package io.opslake.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pending → firing → resolved machine on hand-made minute sequences; every expected alert is
 * worked out by hand from the rules in {@link AlertStateMachine}'s Javadoc (times in minutes).
 */
class AlertStateMachineTest {
  private static final long M = 60_000L;

  private static List<Alert> run(long forMinutes, long cooldownMinutes, Alert.Severity severity, String conditions,
      long endMinute) {
    AlertStateMachine machine = new AlertStateMachine(forMinutes * M, cooldownMinutes * M, severity);
    for (int minute = 0; minute < conditions.length(); minute++) {
      machine.evaluate(minute * M, conditions.charAt(minute) == 'T', minute * 10.0);
    }
    return machine.finish(endMinute * M);
  }

  @Test
  void aReFireWithinTheCooldownIsFlappingMergedIntoTheAlert() {
    // minute: 0 1 2 3 4 5 6 7 8 9 10 11
    //         F T T T F F T T T T F  F    for 2 min: pending at 1, fires at 3, resolved at 4;
    // pending again at 6, fires at 8 (4 min after the end at 4 < cooldown 5): a re-fire; resolved at 10.
    List<Alert> alerts = run(2, 5, Alert.Severity.HIGHER_IS_WORSE, "FTTTFFTTTTFF", 12);

    assertThat(alerts).containsExactly(new Alert(1 * M, 3 * M, 10 * M, true, 3 * M, 1, 90.0));
  }

  @Test
  void aFiringAtOrAfterTheCooldownIsANewAlert() {
    // The same sequence, cooldown 4 min: the second firing at 8 is 4 min after the end at 4, not within it.
    List<Alert> alerts = run(2, 4, Alert.Severity.HIGHER_IS_WORSE, "FTTTFFTTTTFF", 12);

    assertThat(alerts).containsExactly(
        new Alert(1 * M, 3 * M, 4 * M, true, 1 * M, 0, 30.0),
        new Alert(6 * M, 8 * M, 10 * M, true, 2 * M, 0, 90.0));
  }

  @Test
  void anInterruptedConditionRestartsTheForClockAndAnAlertFiringAtTheEndIsUnresolved() {
    // for 3 min: pending at 0, cleared at 2; pending at 3, fires at 6 (3 min held); still firing at
    // the range end 8: ends there, unresolved, 2 min firing, peak the largest value while firing (70).
    List<Alert> alerts = run(3, 0, Alert.Severity.HIGHER_IS_WORSE, "TTFTTTTT", 8);

    assertThat(alerts).containsExactly(new Alert(3 * M, 6 * M, 8 * M, false, 2 * M, 0, 70.0));
  }

  @Test
  void withoutForItFiresAtOnceAndWithoutCooldownEveryFiringIsAnAlert() {
    List<Alert> alerts = run(0, 0, Alert.Severity.LOWER_IS_WORSE, "TFTTF", 5);

    // Lower is worse: the peak is the smallest value while firing.
    assertThat(alerts).containsExactly(
        new Alert(0, 0, 1 * M, true, 1 * M, 0, 0.0),
        new Alert(2 * M, 2 * M, 4 * M, true, 2 * M, 0, 20.0));
  }

  @Test
  void aConditionThatNeverHoldsForLongEnoughNeverFires() {
    assertThat(run(3, 10, Alert.Severity.HIGHER_IS_WORSE, "TTTFTTFTTTF", 11)).isEmpty();
  }
}
