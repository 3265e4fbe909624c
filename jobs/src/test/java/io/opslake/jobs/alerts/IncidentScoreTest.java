package io.opslake.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Detection, delay, misses and false alarms on hand-made alerts and incidents (seconds). */
class IncidentScoreTest {
  private static Alert alert(long start, long end) {
    return new Alert(start * 1000, start * 1000, end * 1000, true, 0, 0, 1);
  }

  private static Incident incident(long start, long end) {
    return new Incident(start * 1000, end * 1000, "", 2);
  }

  @Test
  void alertsMeetingAnIncidentDetectItTheOthersAreFalseAlarms() {
    // [12, 15]: the alert [10, 20] was already firing, delay 0; [25, 35]: the alert [30, 40] starts 5 s in;
    // [50, 60]: no alert meets it, missed; the alert [100, 110] meets no incident: a false alarm.
    IncidentScore score = IncidentScore.of(List.of(alert(10, 20), alert(30, 40), alert(100, 110)),
        List.of(incident(12, 15), incident(25, 35), incident(50, 60)));

    assertThat(score).isEqualTo(new IncidentScore(2, 1, List.of(0.0, 5.0), 1));
    assertThat(score.medianDelaySeconds()).isEqualTo(2.5);
    assertThat(score.maxDelaySeconds()).isEqualTo(5.0);
  }

  @Test
  void withoutDetectionsThereIsNoDelay() {
    IncidentScore score = IncidentScore.of(List.of(), List.of(incident(1, 2)));

    assertThat(score.missed()).isEqualTo(1);
    assertThat(score.medianDelaySeconds()).isNull();
  }
}
