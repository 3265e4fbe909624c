package io.opslake.jobs.alerts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How one rule variant's alerts compare with the known incidents. An alert <em>detects</em> an
 * incident when its span {@code [start, end]} meets the incident's {@code [start, end]} (closed
 * intervals); the detection delay is the first such alert's start minus the incident's start, 0 when
 * the alert was already firing. An incident no alert meets is <em>missed</em>; an alert that meets
 * no incident is a <em>false alarm</em>. Plain Java.
 *
 * @param detected incidents with at least one alert
 * @param missed incidents without any
 * @param delaysSeconds the detection delays of the detected incidents, ascending
 * @param falseAlarms alerts meeting no incident
 */
public record IncidentScore(int detected, int missed, List<Double> delaysSeconds, int falseAlarms) {
  public IncidentScore {
    delaysSeconds = List.copyOf(delaysSeconds);
  }

  public static IncidentScore of(List<Alert> alerts, List<Incident> incidents) {
    List<Double> delays = new ArrayList<>();
    for (Incident incident : incidents) {
      long first = Long.MAX_VALUE;
      for (Alert alert : alerts) {
        if (alert.overlaps(incident.start(), incident.end())) {
          first = Math.min(first, alert.start());
        }
      }
      if (first != Long.MAX_VALUE) {
        delays.add(Math.max(0, first - incident.start()) / 1000.0);
      }
    }
    int falseAlarms = 0;
    for (Alert alert : alerts) {
      if (incidents.stream().noneMatch(incident -> alert.overlaps(incident.start(), incident.end()))) {
        falseAlarms++;
      }
    }
    Collections.sort(delays);
    return new IncidentScore(delays.size(), incidents.size() - delays.size(), delays, falseAlarms);
  }

  /** The median detection delay (the mean of the middle two for an even count); null when none was detected. */
  public Double medianDelaySeconds() {
    int n = delaysSeconds.size();
    if (n == 0) {
      return null;
    }
    return n % 2 == 1 ? delaysSeconds.get(n / 2) : (delaysSeconds.get(n / 2 - 1) + delaysSeconds.get(n / 2)) / 2;
  }

  public Double maxDelaySeconds() {
    return delaysSeconds.isEmpty() ? null : delaysSeconds.get(delaysSeconds.size() - 1);
  }
}
