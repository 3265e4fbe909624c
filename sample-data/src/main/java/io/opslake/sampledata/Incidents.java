package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The planted incidents of a scenario of at least {@link #MIN_DAYS} days, one per day on three
 * distinct days among the last ones (days {@code max(7, days − 7)} … {@code days − 1}), so the week
 * before each is ordinary history:
 *
 * <ul>
 *   <li>{@code error_burst}: one base-fleet web host raises 40–80 extra {@code exception} events
 *       ({@code java.net.SocketTimeoutException}, a dependency timing out) spread over one hour;
 *   <li>{@code latency_spike}: every web page load of one hour takes 5× its usual time (app events
 *       and StatsD alike);
 *   <li>{@code host_error_rate}: for one whole UTC day, a base-fleet web host (another one than the
 *       burst's when there are two or more) raises an extra {@code exception} (a read timeout) on 10.8 % of its page loads, so
 *       its exceptions are 12 % of its page loads, 10× its peers' 1.2 %.
 * </ul>
 *
 * Hours are drawn between 06:00 and 20:00 UTC. Everything comes from streams keyed by "incidents",
 * so the rest of the scenario is the same bytes with or without them; a shorter scenario has none.
 */
final class Incidents {
  static final int MIN_DAYS = 10;
  static final double LATENCY_FACTOR = 5;
  static final double ERROR_RATE_FACTOR = 10;
  static final int BURST_MIN = 40;
  static final int BURST_MAX = 80;
  private static final double USUAL_EXCEPTION_PROBABILITY =
      AppEventSchedule.NOT_FOUND_PROBABILITY + AppEventSchedule.OTHER_EXCEPTION_PROBABILITY;

  private final long seed;
  private final List<Incident> planned;

  Incidents(GeneratorOptions options, long startMillis, List<String> webHosts) {
    this.seed = options.seed();
    this.planned = options.days() < MIN_DAYS ? List.of() : plan(options, startMillis, webHosts);
  }

  private List<Incident> plan(GeneratorOptions options, long startMillis, List<String> webHosts) {
    SplittableRandom random = RandomStreams.stream(seed, "incidents");
    int firstDay = Math.max(7, options.days() - 7);
    List<Integer> days = new ArrayList<>();
    for (int day = firstDay; day < options.days(); day++) {
      days.add(day);
    }
    // Three distinct days, in the order burst, spike, host rate.
    int[] chosen = new int[3];
    for (int i = 0; i < 3; i++) {
      chosen[i] = days.remove(random.nextInt(days.size()));
    }
    int burstHost = random.nextInt(options.hosts());
    int rateHost = options.hosts() < 2 ? burstHost : (burstHost + 1 + random.nextInt(options.hosts() - 1)) % options.hosts();
    long burstStart = startMillis + chosen[0] * ScenarioPlan.DAY_MILLIS + random.nextInt(6, 21) * ScenarioPlan.HOUR_MILLIS;
    long spikeStart = startMillis + chosen[1] * ScenarioPlan.DAY_MILLIS + random.nextInt(6, 21) * ScenarioPlan.HOUR_MILLIS;
    long rateStart = startMillis + chosen[2] * ScenarioPlan.DAY_MILLIS;
    int burstEvents = random.nextInt(BURST_MIN, BURST_MAX + 1);
    String burst = webHosts.get(burstHost);
    String rate = webHosts.get(rateHost);
    return List.of(
        new Incident(Incident.ERROR_BURST, burstStart, burstStart + ScenarioPlan.HOUR_MILLIS, burst, burstEvents,
            burst + " raises " + burstEvents + " extra exceptions (read timeouts of a dependency) within one hour"),
        new Incident(Incident.LATENCY_SPIKE, spikeStart, spikeStart + ScenarioPlan.HOUR_MILLIS, null, LATENCY_FACTOR,
            "every web page load takes 5x its usual time for one hour (all web hosts in service)"),
        new Incident(Incident.HOST_ERROR_RATE, rateStart, rateStart + ScenarioPlan.DAY_MILLIS, rate,
            ERROR_RATE_FACTOR, rate + " raises exceptions on 12 % of its page loads for a whole day, 10x its peers"));
  }

  List<Incident> all() {
    return planned;
  }

  /** The latency multiplier of the hour starting at {@code hourStartMillis}: 5 in a spike, else 1. */
  double latencyFactor(long hourStartMillis) {
    for (Incident incident : planned) {
      if (incident.kind().equals(Incident.LATENCY_SPIKE) && incident.covers(hourStartMillis)) {
        return incident.factor();
      }
    }
    return 1;
  }

  /**
   * The times of the extra exceptions of {@code host} on the day starting at {@code dayStartMillis},
   * given its page loads that day (an error-rate incident raises them right after page loads).
   */
  List<Long> extraExceptionTimes(String host, long dayStartMillis, List<PageLoad> loads) {
    List<Long> times = new ArrayList<>();
    for (Incident incident : planned) {
      if (!host.equals(incident.host()) || incident.endMillis() <= dayStartMillis
          || incident.startMillis() >= dayStartMillis + ScenarioPlan.DAY_MILLIS) {
        continue;
      }
      SplittableRandom random = RandomStreams.stream(seed, "incidents", incident.kind(), host, dayStartMillis);
      if (incident.kind().equals(Incident.ERROR_BURST)) {
        for (int i = 0; i < (int) incident.factor(); i++) {
          times.add(incident.startMillis() + random.nextLong(ScenarioPlan.HOUR_MILLIS));
        }
      } else if (incident.kind().equals(Incident.HOST_ERROR_RATE)) {
        double extra = USUAL_EXCEPTION_PROBABILITY * (incident.factor() - 1);
        for (PageLoad load : loads) {
          if (incident.covers(load.epochMillis()) && random.nextDouble() < extra) {
            times.add(load.epochMillis() + 1 + random.nextInt(30));
          }
        }
      }
    }
    times.sort(Long::compare);
    return times;
  }
}
