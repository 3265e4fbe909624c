package io.opslake.jobs.capacity;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The capacity models and plan of one service from its hourly history (plain Java, driver only).
 * The load is the service's requests per hour from its one load source ({@link LoadSources}: page
 * loads, else access-log requests, else a request counter), the latency its p95 from its latency
 * source:
 *
 * <ul>
 *   <li>{@code usl}: {@link UslFitter} on (active servers, load) of every hour with load;
 *   <li>{@code latency_per_server}: {@link LatencyLoadFitter} on (load per server, p95 ms) of
 *       every hour with at least {@value #MIN_LATENCY_SAMPLES} latency samples;
 *   <li>{@code utilisation_per_server}, {@code memory_per_server}, {@code descriptors_per_server}:
 *       {@link UtilisationLoadFitter} on (load per server, CPU / memory / descriptor
 *       utilisation %) of every hour with load and metrics of the resource, from the source
 *       most hours have;
 *   <li>{@code error_rate_per_server}: {@link ErrorRateLoadFitter} on (load per server,
 *       errors, requests) of every hour with load;
 *   <li>{@code demand_forecast}: {@link WeeklyPeakForecast} on the daily peak-hour load;
 *   <li>the plan: {@link FleetPlanner} with the per-server capacity at the latency objective and,
 *       per fitted utilisation model, the load per server at the utilisation target.
 * </ul>
 *
 * A model that cannot be fitted keeps the data error's message as its reason; the plan then says
 * which model it lacks.
 */
public final class ServiceCapacity {
  /** Latency samples an hour needs to enter the latency fit. */
  public static final int MIN_LATENCY_SAMPLES = 20;

  private static final String NO_LOAD = "no requests (no page loads, http_request events or request counter rates)";

  private ServiceCapacity() {}

  /** Assesses {@code service} from {@code hours} of page loads and page-load times (oldest first, on or before {@code asOf}). */
  public static Assessment assess(String service, List<RoleHour> hours, LocalDate asOf, int horizonWeeks,
      double latencyObjectiveMs, double utilisationTarget) {
    return assess(service, new LoadSources.ServiceHours(LoadSource.PAGE_LOADS,
        LoadSources.LatencySource.PAGE_LOAD_TIME, hours), asOf, horizonWeeks, latencyObjectiveMs, utilisationTarget);
  }

  /** Assesses {@code service} from its hours under its load and latency sources (oldest first, on or before {@code asOf}). */
  public static Assessment assess(String service, LoadSources.ServiceHours sourced, LocalDate asOf, int horizonWeeks,
      double latencyObjectiveMs, double utilisationTarget) {
    List<RoleHour> hours = sourced.hours();
    String noun = sourced.load().noun();
    List<LoadPoint> throughput = new ArrayList<>();
    List<LoadPoint> latency = new ArrayList<>();
    TreeMap<LocalDate, Long> dailyPeaks = new TreeMap<>();
    int currentFleet = 0;
    for (RoleHour hour : hours) {
      LocalDate day = hour.hour().atZone(ZoneOffset.UTC).toLocalDate();
      if (day.equals(asOf)) {
        currentFleet = Math.max(currentFleet, hour.servers());
      }
      if (hour.load() > 0) {
        throughput.add(new LoadPoint(hour.servers(), hour.load()));
        dailyPeaks.merge(day, hour.load(), Math::max);
      }
      if (hour.latencyP95() != null && hour.latencySamples() >= MIN_LATENCY_SAMPLES && hour.load() > 0) {
        latency.add(new LoadPoint(hour.loadPerServer(), hour.latencyP95()));
      }
    }
    if (currentFleet == 0 && !hours.isEmpty()) {
      currentFleet = hours.get(hours.size() - 1).servers();
    }
    Instant from = hours.isEmpty() ? null : hours.get(0).hour();
    Instant to = hours.isEmpty() ? null : hours.get(hours.size() - 1).hour();

    Attempt<UslFit> usl = throughput.isEmpty()
        ? Attempt.refused("Cannot fit USL of " + service + ": " + NO_LOAD, 0)
        : attempt(() -> UslFitter.fit(service, throughput), throughput.size());
    boolean anyLatency = hours.stream().anyMatch(hour -> hour.latencyP95() != null);
    Attempt<LatencyLoadFit> latencyFit = !anyLatency
        ? Attempt.refused("Cannot fit latency against load of " + service + ": no latency data (no page.load.time"
            + " samples or http_request durations)", 0)
        : latency.isEmpty() && throughput.isEmpty()
            ? Attempt.refused("Cannot fit latency against load of " + service + ": latency samples but no " + noun
                + " to relate them to", 0)
            : latency.isEmpty()
                ? Attempt.refused("Cannot fit latency against load of " + service + ": no hour with " + noun + " and at"
                    + " least " + MIN_LATENCY_SAMPLES + " latency samples", 0)
                : attempt(() -> LatencyLoadFitter.fit(service, latency, latencyObjectiveMs), latency.size());
    double[] peaks = dailyPeaks.values().stream().mapToDouble(Long::doubleValue).toArray();
    Attempt<WeeklyPeakForecast.Outcome> demand = peaks.length == 0
        ? Attempt.refused("Cannot forecast demand of " + service + ": " + NO_LOAD, 0)
        : attempt(() -> WeeklyPeakForecast.forecast(service + " peak-hour " + noun, peaks, asOf, horizonWeeks),
            peaks.length);
    Map<UtilisationResource, Attempt<UtilisationLoadFit>> utilisation = new EnumMap<>(UtilisationResource.class);
    for (UtilisationResource resource : UtilisationResource.values()) {
      utilisation.put(resource, utilisation(resource, service, hours, utilisationTarget, noun));
    }
    List<ErrorRateLoadFitter.Hour> errorHours = hours.stream().filter(hour -> hour.load() > 0)
        .map(hour -> new ErrorRateLoadFitter.Hour(hour.loadPerServer(), hour.requests(), hour.errors()))
        .toList();
    Attempt<ErrorRateLoadFit> errorRate = throughput.isEmpty()
        ? Attempt.refused("Cannot fit the error rate against load of " + service + ": " + NO_LOAD, 0)
        : attempt(() -> ErrorRateLoadFitter.fit(service, errorHours), errorHours.size());
    Attempt<FleetPlan> plan = plan(service, latencyFit, utilisation, demand, utilisationTarget, currentFleet);
    return new Assessment(service, sourced.load(), sourced.latency(), from, to, dailyPeaks.isEmpty() ? null : dailyPeaks.firstKey(),
        dailyPeaks.isEmpty() ? null : dailyPeaks.lastKey(), currentFleet, dailyPeaks, usl, latencyFit, utilisation,
        errorRate, demand, plan);
  }

  /** Utilisation of {@code resource} against load per server, on the hours of the source most hours have. */
  private static Attempt<UtilisationLoadFit> utilisation(UtilisationResource resource, String service,
      List<RoleHour> hours, double target, String noun) {
    Map<String, Long> perSource = new TreeMap<>();
    hours.stream().filter(hour -> hour.utilisation().containsKey(resource) && hour.load() > 0)
        .forEach(hour -> perSource.merge(hour.utilisation().get(resource).source(), 1L, Long::sum));
    if (perSource.isEmpty()) {
      return Attempt.refused("Cannot fit " + resource.noun() + " utilisation against load of " + service + ": no "
          + resource.noun() + " metrics (" + String.join(", ", CapacityInputs.sources(resource))
          + ") in hours with " + noun, 0);
    }
    String source = perSource.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    List<LoadPoint> points = hours.stream()
        .filter(hour -> hour.load() > 0 && hour.utilisation().containsKey(resource)
            && source.equals(hour.utilisation().get(resource).source()))
        .map(hour -> new LoadPoint(hour.loadPerServer(), hour.utilisation().get(resource).percent()))
        .toList();
    return attempt(() -> UtilisationLoadFitter.fit(resource, service, source, points, target), points.size());
  }

  private static Attempt<FleetPlan> plan(String service, Attempt<LatencyLoadFit> latency,
      Map<UtilisationResource, Attempt<UtilisationLoadFit>> utilisation, Attempt<WeeklyPeakForecast.Outcome> demand,
      double utilisationTarget, int currentFleet) {
    if (latency.value() == null) {
      return Attempt.refused("No plan for " + service + ": no latency model (" + latency.reason() + ")", 0);
    }
    Double capacity = latency.value().breachLoad();
    if (capacity == null || capacity <= 0) {
      return Attempt.refused("No plan for " + service + ": the latency model gives no load per server at which the"
          + " objective holds and is breached (" + (capacity == null ? "never breached" : "breached at any load")
          + ")", 0);
    }
    if (demand.value() == null) {
      return Attempt.refused("No plan for " + service + ": no demand forecast (" + demand.reason() + ")", 0);
    }
    Map<UtilisationResource, Double> utilisationLoads = new EnumMap<>(UtilisationResource.class);
    utilisation.forEach((resource, fit) -> {
      if (fit.value() != null) {
        utilisationLoads.put(resource, fit.value().targetLoad());
      }
    });
    return attempt(() -> new FleetPlanner(capacity, utilisationTarget, utilisationLoads).plan(service,
        demand.value().weeks(), currentFleet), demand.value().weeks().size());
  }

  private static <T> Attempt<T> attempt(Supplier<T> fit, int points) {
    try {
      return new Attempt<>(fit.get(), null, points);
    } catch (OpslakeException e) {
      if (e.category() != ErrorCategory.DATA) {
        throw e;
      }
      return Attempt.refused(e.getMessage(), points);
    }
  }

  /**
   * A model fitted, or the reason it was not.
   *
   * @param value the model; null when refused
   * @param reason why not; null when fitted
   * @param points points offered to the fit
   */
  public record Attempt<T>(T value, String reason, int points) {
    static <T> Attempt<T> refused(String reason, int points) {
      return new Attempt<>(null, reason, points);
    }
  }

  /**
   * What was found for one service.
   *
   * @param service the service
   * @param loadSource where its requests come from ({@link LoadSources})
   * @param latencySource where its latency comes from
   * @param from first hour of its history
   * @param to last hour
   * @param firstDay first day with requests (the demand history)
   * @param lastDay last such day
   * @param currentFleet most active servers in one hour on the as-of date (else in its last hour)
   * @param dailyPeaks requests of each day's peak hour, by day
   * @param usl throughput against fleet size
   * @param latency p95 against load per server
   * @param utilisation per resource (CPU, memory, descriptors), its utilisation against load per server
   * @param errorRate the error rate against load per server
   * @param demand the weekly demand forecast
   * @param plan servers per week
   */
  public record Assessment(String service, LoadSource loadSource, LoadSources.LatencySource latencySource,
      Instant from, Instant to, LocalDate firstDay, LocalDate lastDay,
      int currentFleet, Map<LocalDate, Long> dailyPeaks, Attempt<UslFit> usl, Attempt<LatencyLoadFit> latency,
      Map<UtilisationResource, Attempt<UtilisationLoadFit>> utilisation, Attempt<ErrorRateLoadFit> errorRate,
      Attempt<WeeklyPeakForecast.Outcome> demand, Attempt<FleetPlan> plan) {
    public Assessment {
      utilisation = Map.copyOf(utilisation);
      dailyPeaks = java.util.Collections.unmodifiableMap(new TreeMap<>(dailyPeaks));
    }
  }

  /** Per service, the assessment; convenience for callers holding {@link CapacityInputs}' map. */
  public static Map<String, Assessment> assessAll(Map<String, LoadSources.ServiceHours> hours, LocalDate asOf,
      int horizonWeeks,
      double latencyObjectiveMs, double utilisationTarget) {
    Map<String, Assessment> all = new TreeMap<>();
    hours.forEach((service, list) -> all.put(service,
        assess(service, list, asOf, horizonWeeks, latencyObjectiveMs, utilisationTarget)));
    return all;
  }
}
