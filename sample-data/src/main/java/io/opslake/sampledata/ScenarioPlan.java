package io.opslake.sampledata;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything planted, as pure functions of the options: the hosts, the traffic and fleet
 * ({@link TrafficModel}), the page loads of each host and hour, the GC schedule, the API restarts
 * with their leak errors, the OOM kills and the incidents ({@link Incidents}). Every format writer reads the same plan, so the
 * formats agree with each other (a restart is in the app events, journald and the plain-text log).
 */
final class ScenarioPlan {
  static final long HOUR_MILLIS = 3_600_000L;
  static final long DAY_MILLIS = 86_400_000L;
  static final long GC_PERIOD_MILLIS = 420_000L;
  static final long GC_MAX_JITTER_MILLIS = 10_000L;
  static final long FIRST_RESTART_MIN_MILLIS = HOUR_MILLIS;
  static final long FIRST_RESTART_MAX_MILLIS = 4 * HOUR_MILLIS;
  static final long RESTART_MIN_INTERVAL_MILLIS = 3 * HOUR_MILLIS;
  static final long RESTART_MAX_INTERVAL_MILLIS = 5 * HOUR_MILLIS;
  static final long LEAK_ERROR_MIN_OFFSET_MILLIS = 300_000L;
  static final long LEAK_ERROR_MAX_OFFSET_MILLIS = 420_000L;
  static final int LEAK_ERRORS_MIN = 4;
  static final int LEAK_ERRORS_MAX = 8;
  static final double OOM_KILL_PROBABILITY_PER_DAY = 0.5;
  static final String GO_HOST = "dc0-kwanza01";

  private final GeneratorOptions options;
  private final TrafficModel traffic;
  private final LatencyModel latency;
  private final long startMillis;
  private final List<String> webHosts;
  private final List<String> apiHosts;
  private final List<Restart> restarts;
  private final List<OomKill> oomKills;
  private final Incidents incidents;

  ScenarioPlan(GeneratorOptions options) {
    this.options = options;
    this.traffic = new TrafficModel(options.hosts(), options.pageLoadsPerHostHour(), options.start());
    this.latency = LatencyModel.forRate(options.pageLoadsPerHostHour());
    this.startMillis = options.start().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    this.webHosts = hostNames("web", 2 * options.hosts());
    this.apiHosts = hostNames("api", Math.max(2, options.hosts() / 4));
    this.restarts = planRestarts();
    this.oomKills = planOomKills();
    this.incidents = new Incidents(options, startMillis, webHosts);
  }

  private static List<String> hostNames(String role, int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      names.add("dc0-" + role + (i < 10 ? "0" : "") + i);
    }
    return List.copyOf(names);
  }

  private List<Restart> planRestarts() {
    long end = endMillis();
    List<Restart> planned = new ArrayList<>();
    for (String host : apiHosts) {
      SplittableRandom random = RandomStreams.stream(options.seed(), "restarts", host);
      int pid = initialPid(host);
      long at = startMillis + random.nextLong(FIRST_RESTART_MIN_MILLIS, FIRST_RESTART_MAX_MILLIS);
      // A restart is planted only when all of its leak errors fit before the end.
      while (at + LEAK_ERROR_MAX_OFFSET_MILLIS < end) {
        int errors = random.nextInt(LEAK_ERRORS_MIN, LEAK_ERRORS_MAX + 1);
        List<Long> offsets = new ArrayList<>(errors);
        for (int i = 0; i < errors; i++) {
          offsets.add(random.nextLong(LEAK_ERROR_MIN_OFFSET_MILLIS, LEAK_ERROR_MAX_OFFSET_MILLIS + 1));
        }
        offsets.sort(Comparator.naturalOrder());
        int newPid = pid + random.nextInt(40, 400);
        planned.add(new Restart(host, at, pid, newPid, offsets));
        pid = newPid;
        at += random.nextLong(RESTART_MIN_INTERVAL_MILLIS, RESTART_MAX_INTERVAL_MILLIS + 1);
      }
    }
    planned.sort(Comparator.comparingLong(Restart::epochMillis).thenComparing(Restart::host));
    return List.copyOf(planned);
  }

  private List<OomKill> planOomKills() {
    List<OomKill> planned = new ArrayList<>();
    for (int day = 0; day < options.days(); day++) {
      SplittableRandom random = RandomStreams.stream(options.seed(), "oom", day);
      if (random.nextDouble() < OOM_KILL_PROBABILITY_PER_DAY) {
        // Base-fleet hosts are in service all day, so the kill always lands on a running host.
        String host = webHosts.get(random.nextInt(options.hosts()));
        long at = dayStartMillis(day) + random.nextLong(60_000L, DAY_MILLIS - 60_000L);
        int pid = 2000 + random.nextInt(30_000);
        planned.add(new OomKill(host, at, pid, pid + random.nextInt(5, 90)));
      }
    }
    return List.copyOf(planned);
  }

  static int initialPid(String host) {
    return 1200 + Math.floorMod(host.hashCode(), 800);
  }

  GeneratorOptions options() {
    return options;
  }

  TrafficModel traffic() {
    return traffic;
  }

  LatencyModel latency() {
    return latency;
  }

  long startMillis() {
    return startMillis;
  }

  long endMillis() {
    return startMillis + options.days() * DAY_MILLIS;
  }

  long dayStartMillis(int day) {
    return startMillis + day * DAY_MILLIS;
  }

  int hours() {
    return options.days() * 24;
  }

  List<String> webHosts() {
    return webHosts;
  }

  List<String> apiHosts() {
    return apiHosts;
  }

  List<Restart> restarts() {
    return restarts;
  }

  List<OomKill> oomKills() {
    return oomKills;
  }

  Incidents incidents() {
    return incidents;
  }

  boolean isWebHost(String host) {
    return host.startsWith("dc0-web");
  }

  boolean isApiHost(String host) {
    return host.startsWith("dc0-api");
  }

  /** Web hosts that are in service at least one hour of {@code day}. */
  List<String> webHostsOnDay(int day) {
    return webHosts.subList(0, traffic.maxServersOnDay(day));
  }

  /** Web hosts in service on {@code day} and the API hosts: the JVM fleet (StatsD, host stats). */
  List<String> webAndApiHostsOnDay(int day) {
    List<String> hosts = new ArrayList<>(webHostsOnDay(day));
    hosts.addAll(apiHosts);
    return List.copyOf(hosts);
  }

  /** Every host that runs an agent on {@code day}: the JVM fleet plus the Go host (journald, DC/OS). */
  List<String> allHostsOnDay(int day) {
    List<String> hosts = new ArrayList<>(webAndApiHostsOnDay(day));
    hosts.add(GO_HOST);
    return List.copyOf(hosts);
  }

  /** Whether {@code host} emits during the hour: API and Go hosts always, web host i while i ≤ servers. */
  boolean inService(String host, int hourIndex) {
    if (!isWebHost(host)) {
      return true;
    }
    return webHosts.indexOf(host) < traffic.servers(hourIndex);
  }

  int hourIndexOf(long epochMillis) {
    return (int) ((epochMillis - startMillis) / HOUR_MILLIS);
  }

  /** Expected page loads of {@code host} during the hour (0 when out of service). */
  double expectedPageLoads(String host, int hourIndex) {
    if (isWebHost(host)) {
      return inService(host, hourIndex) ? traffic.webPageLoadsPerServer(hourIndex) : 0;
    }
    return isApiHost(host) ? traffic.apiPageLoadsPerHost(hourIndex) : 0;
  }

  /** Planned page-load count of {@code host} in the hour; the same number every writer sees. */
  int pageLoadCount(String host, int hourIndex) {
    double expected = expectedPageLoads(host, hourIndex);
    if (expected <= 0) {
      return 0;
    }
    return RandomStreams.poisson(RandomStreams.stream(options.seed(), "page_loads", host, hourIndex), expected);
  }

  /** The page loads of {@code host} on {@code day}, in time order. */
  List<PageLoad> pageLoads(String host, int day) {
    List<PageLoad> loads = new ArrayList<>();
    for (int hour = day * 24; hour < day * 24 + 24; hour++) {
      double rate = expectedPageLoads(host, hour);
      if (rate <= 0) {
        continue;
      }
      // Same key as pageLoadCount: the first draw is the count, the rest place the loads.
      SplittableRandom random = RandomStreams.stream(options.seed(), "page_loads", host, hour);
      int count = RandomStreams.poisson(random, rate);
      long hourStart = startMillis + hour * HOUR_MILLIS;
      double slowdown = isWebHost(host) ? incidents.latencyFactor(hourStart) : 1;
      int first = loads.size();
      for (int i = 0; i < count; i++) {
        long at = hourStart + random.nextLong(HOUR_MILLIS);
        int millis = latency.sampleMillis(rate, random);
        loads.add(new PageLoad(at, slowdown == 1 ? millis : (int) Math.round(millis * slowdown), random.nextInt(50)));
      }
      loads.subList(first, loads.size()).sort(Comparator.comparingLong(PageLoad::epochMillis));
    }
    return loads;
  }

  /**
   * GC times of {@code host} on {@code day} while it is in service: the k-th collection is at
   * {@code start + phase + k × period + jitter_k} with |jitter_k| ≤ 10 s, so consecutive
   * collections are period ± 20 s apart.
   */
  List<Long> gcTimes(String host, int day) {
    long phase = (long) (RandomStreams.uniform(options.seed(), "gc_phase", host) * GC_PERIOD_MILLIS);
    long dayStart = dayStartMillis(day);
    long firstK = Math.max(0, (dayStart - startMillis - phase) / GC_PERIOD_MILLIS - 1);
    List<Long> times = new ArrayList<>();
    for (long k = firstK; ; k++) {
      long jitter = Math.round((RandomStreams.uniform(options.seed(), "gc", host, k) * 2 - 1) * GC_MAX_JITTER_MILLIS);
      long at = startMillis + phase + k * GC_PERIOD_MILLIS + jitter;
      if (at >= dayStart + DAY_MILLIS) {
        break;
      }
      if (at >= dayStart && at >= startMillis && inService(host, hourIndexOf(at))) {
        times.add(at);
      }
    }
    return times;
  }

  List<Restart> restartsOn(String host, int day) {
    long from = dayStartMillis(day);
    return restarts.stream()
        .filter(restart -> restart.host().equals(host))
        .filter(restart -> restart.epochMillis() >= from && restart.epochMillis() < from + DAY_MILLIS)
        .toList();
  }

  /** Leak errors of {@code host} whose time falls on {@code day} (an error may follow a restart of the day before). */
  List<Long> leakErrorTimes(String host, int day) {
    long from = dayStartMillis(day);
    List<Long> times = new ArrayList<>();
    for (Restart restart : restarts) {
      if (!restart.host().equals(host)) {
        continue;
      }
      for (long offset : restart.errorOffsetsMillis()) {
        long at = restart.epochMillis() + offset;
        if (at >= from && at < from + DAY_MILLIS) {
          times.add(at);
        }
      }
    }
    return times;
  }

  /** The pid of the API service on {@code host} at {@code epochMillis}. */
  int apiPidAt(String host, long epochMillis) {
    int pid = initialPid(host);
    for (Restart restart : restarts) {
      if (restart.host().equals(host) && restart.epochMillis() <= epochMillis) {
        pid = restart.pid();
      }
    }
    return pid;
  }
}
