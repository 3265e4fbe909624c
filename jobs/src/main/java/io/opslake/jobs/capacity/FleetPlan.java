package io.opslake.jobs.capacity;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Servers needed per week ({@link FleetPlanner}).
 *
 * @param service the service planned for
 * @param perServerCapacity throughput one server carries at the latency objective
 * @param utilisationTarget the share of it planned for
 * @param utilisationLoad throughput per server at which the tightest utilisation (CPU, memory,
 *     descriptors) reaches the target; null without a utilisation model
 * @param utilisationResource the resource of {@code utilisationLoad}; null without
 * @param currentFleet servers today
 * @param weeks one entry per forecast week, in order
 * @param firstBreach the first week whose upper-bound demand needs more than the current fleet;
 *     null when none does
 */
public record FleetPlan(
    String service,
    double perServerCapacity,
    double utilisationTarget,
    Double utilisationLoad,
    UtilisationResource utilisationResource,
    int currentFleet,
    List<Week> weeks,
    LocalDate firstBreach) {
  public FleetPlan {
    weeks = List.copyOf(weeks);
  }

  /**
   * One week of the plan.
   *
   * @param weekStart the week's first day
   * @param demandMedian median forecast peak demand
   * @param demandUpper upper bound of the forecast
   * @param serversForMedian servers needed for the median
   * @param serversForUpper servers needed for the upper bound
   * @param headroomPercent share of the current fleet's usable capacity left at the upper bound;
   *     negative when short
   * @param serversForLatency servers for the upper bound at the latency objective and utilisation target
   * @param serversForUtilisation servers for the upper bound with the tightest utilisation under the
   *     target; null without a utilisation model
   * @param binding the constraint that sets {@code serversForUpper}
   */
  public record Week(LocalDate weekStart, double demandMedian, double demandUpper, int serversForMedian,
      int serversForUpper, double headroomPercent, int serversForLatency, Integer serversForUtilisation,
      Constraint binding) {}

  /** What limits the load per server. */
  public enum Constraint {
    /** p95 latency at the objective, scaled to the utilisation target. */
    LATENCY,
    /** CPU utilisation at the target. */
    CPU,
    /** Memory utilisation at the target. */
    MEMORY,
    /** Descriptor utilisation at the target. */
    DESCRIPTORS;

    /** The constraint of a utilisation resource. */
    public static Constraint of(UtilisationResource resource) {
      return valueOf(resource.name());
    }

    /** The name in tables: {@code latency}, {@code cpu}, {@code memory} or {@code descriptors}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One sentence for a planner. */
  public String sentence() {
    int most = weeks.stream().mapToInt(Week::serversForUpper).max().orElse(0);
    String span = weeks.isEmpty() ? "no weeks" : weeks.size() + " weeks from " + weeks.get(0).weekStart();
    if (firstBreach == null) {
      return String.format(Locale.ROOT,
          "%s: the current %d servers suffice for the %s (at most %d needed at %.0f %% utilisation)", service,
          currentFleet, span, most, 100 * utilisationTarget);
    }
    return String.format(Locale.ROOT,
        "%s: the current %d servers fall short in the week of %s; %d are needed by the end of the %s at %.0f %% "
            + "utilisation", service, currentFleet, firstBreach, most, span, 100 * utilisationTarget);
  }
}
