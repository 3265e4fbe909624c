package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Servers needed per future week: the forecast demand divided by what one server may carry.
 *
 * <p>A server may carry {@code perServerCapacity × utilisationTarget}: the throughput at which it
 * still meets the latency objective (the capacity job reads it off the latency-against-load fit),
 * scaled down to the utilisation target (default 0.70) so that a spike or a lost server does not
 * break the objective. For each week, servers needed = ⌈demand / usable capacity per server⌉,
 * for the median forecast and for its upper bound (the planner sizes on the upper bound). Headroom
 * is the share of the current fleet's usable capacity left at the upper bound,
 * {@code 100 × (1 − upper / (fleet × usable per server))}: 20 % means a fifth spare, negative
 * means short. The first breach is the first week whose upper bound needs more servers than the
 * current fleet.
 *
 * <p>With utilisation models ({@link UtilisationLoadFitter}: the load per server at which CPU,
 * memory or descriptor utilisation reaches the target), the tightest of them (the smallest load)
 * gives a second count ⌈demand / that load⌉, and a week needs the larger of the two; the binding
 * constraint ({@code latency}, or the resource: {@code cpu}, {@code memory}, {@code descriptors})
 * is the one that gave it (latency on a tie). Headroom then uses the smaller usable capacity per
 * server.
 *
 * <p>Cost: O(weeks). Plain arithmetic; no library is needed.
 */
public final class FleetPlanner {
  /** Default utilisation target. */
  public static final double DEFAULT_UTILISATION_TARGET = 0.70;

  // Demand within a relative 1e-9 of a whole number of servers does not need one more.
  private static final double ROUNDING_SLACK = 1e-9;

  private final double perServerCapacity;
  private final double utilisationTarget;
  private final double utilisationLoad;
  private final UtilisationResource utilisationResource;

  /** A planner on the latency constraint alone. */
  public FleetPlanner(double perServerCapacity, double utilisationTarget) {
    this(perServerCapacity, utilisationTarget, Map.of());
  }

  /** A planner on latency and CPU utilisation, which reaches the target at {@code cpuLoad} per server. */
  public FleetPlanner(double perServerCapacity, double utilisationTarget, double cpuLoad) {
    this(perServerCapacity, utilisationTarget, Map.of(UtilisationResource.CPU, cpuLoad));
  }

  /**
   * @param perServerCapacity throughput one server carries at the latency objective (e.g. req/s)
   * @param utilisationTarget the share of that capacity to plan for, in (0, 1]
   * @param utilisationLoads per resource with a utilisation model, the throughput per server at
   *     which its utilisation reaches the target; empty without one
   */
  public FleetPlanner(double perServerCapacity, double utilisationTarget,
      Map<UtilisationResource, Double> utilisationLoads) {
    UtilisationResource tightest = null;
    for (UtilisationResource resource : UtilisationResource.values()) {
      Double load = utilisationLoads.get(resource);
      if (load != null && (tightest == null || load < utilisationLoads.get(tightest))) {
        tightest = resource;
      }
    }
    double utilisationLoad = tightest == null ? Double.POSITIVE_INFINITY : utilisationLoads.get(tightest);
    if (!(perServerCapacity > 0) || Double.isInfinite(perServerCapacity)) {
      throw OpslakeException.usage("Cannot plan the fleet: per-server capacity must be a positive number, got "
          + perServerCapacity);
    }
    if (!(utilisationTarget > 0 && utilisationTarget <= 1)) {
      throw OpslakeException.usage("Cannot plan the fleet: utilisation target must be in (0, 1], got "
          + utilisationTarget);
    }
    if (!(utilisationLoad > 0)) {
      throw OpslakeException.data("Cannot plan the fleet: " + tightest.noun() + " utilisation reaches the target at"
          + " any load (load per server at the target " + utilisationLoad + ")");
    }
    this.perServerCapacity = perServerCapacity;
    this.utilisationTarget = utilisationTarget;
    this.utilisationLoad = utilisationLoad;
    this.utilisationResource = tightest;
  }

  /** The plan for the weeks of {@code demand} with a current fleet of {@code currentFleet} servers. */
  public FleetPlan plan(String service, List<WeekDemand> demand, int currentFleet) {
    if (currentFleet < 0) {
      throw OpslakeException.usage("Cannot plan the fleet of " + service + ": current fleet " + currentFleet
          + " is negative");
    }
    double usable = perServerCapacity * utilisationTarget;
    double effective = Math.min(usable, utilisationLoad);
    List<FleetPlan.Week> weeks = new ArrayList<>();
    LocalDate firstBreach = null;
    for (WeekDemand week : demand) {
      int forLatency = servers(week.upper(), usable);
      int forUtilisation = Double.isInfinite(utilisationLoad) ? 0 : servers(week.upper(), utilisationLoad);
      int forMedian = Math.max(servers(week.median(), usable),
          Double.isInfinite(utilisationLoad) ? 0 : servers(week.median(), utilisationLoad));
      int forUpper = Math.max(forLatency, forUtilisation);
      FleetPlan.Constraint binding = forUtilisation > forLatency ? FleetPlan.Constraint.of(utilisationResource)
          : FleetPlan.Constraint.LATENCY;
      double fleetCapacity = currentFleet * effective;
      double headroom = fleetCapacity > 0 ? 100 * (1 - week.upper() / fleetCapacity) : Double.NEGATIVE_INFINITY;
      if (firstBreach == null && forUpper > currentFleet) {
        firstBreach = week.weekStart();
      }
      weeks.add(new FleetPlan.Week(week.weekStart(), week.median(), week.upper(), forMedian, forUpper, headroom,
          forLatency, Double.isInfinite(utilisationLoad) ? null : forUtilisation, binding));
    }
    return new FleetPlan(service, perServerCapacity, utilisationTarget,
        Double.isInfinite(utilisationLoad) ? null : utilisationLoad, utilisationResource, currentFleet, weeks,
        firstBreach);
  }

  private static int servers(double demand, double usablePerServer) {
    if (!(demand >= 0)) {
      throw OpslakeException.data(String.format(Locale.ROOT,
          "Cannot plan the fleet: forecast demand %s is not a non-negative number", demand));
    }
    double exact = demand / usablePerServer;
    return (int) Math.ceil(exact * (1 - ROUNDING_SLACK));
  }

  /**
   * Forecast demand for one week.
   *
   * @param weekStart the Monday the week starts
   * @param median the median forecast of peak-hour demand
   * @param upper its upper bound (the planner's choice, e.g. the 95 % prediction bound)
   */
  public record WeekDemand(LocalDate weekStart, double median, double upper) {}
}
