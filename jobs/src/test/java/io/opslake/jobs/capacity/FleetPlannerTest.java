package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.OpslakeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed: no published worked example; the arithmetic is in the comments. */
class FleetPlannerTest {
  private static final LocalDate W1 = LocalDate.parse("2026-11-02");

  @Test
  void serversHeadroomAndFirstBreach() {
    // 100 req/s per server at the objective × 0.70 = 70 usable; 10 servers carry 700.
    //   week 1: median 420 → 6 servers, upper 560 → 8 servers, headroom 1 − 560/700 = 20 %
    //   week 2: median 630 → 9, upper 700 → exactly 10 (no extra for a whole number), headroom 0 %
    //   week 3: median 650 → ⌈9.29⌉ = 10, upper 701 → ⌈10.01⌉ = 11 > 10: first breach,
    //           headroom 1 − 701/700 = −0.142857 %
    FleetPlan plan = new FleetPlanner(100, FleetPlanner.DEFAULT_UTILISATION_TARGET).plan("web", List.of(
        new FleetPlanner.WeekDemand(W1, 420, 560),
        new FleetPlanner.WeekDemand(W1.plusWeeks(1), 630, 700),
        new FleetPlanner.WeekDemand(W1.plusWeeks(2), 650, 701)), 10);

    assertThat(plan.weeks()).extracting(FleetPlan.Week::serversForMedian).containsExactly(6, 9, 10);
    assertThat(plan.weeks()).extracting(FleetPlan.Week::serversForUpper).containsExactly(8, 10, 11);
    assertThat(plan.weeks().get(0).headroomPercent()).isCloseTo(20.0, within(1e-9));
    assertThat(plan.weeks().get(1).headroomPercent()).isCloseTo(0.0, within(1e-9));
    assertThat(plan.weeks().get(2).headroomPercent()).isCloseTo(-100.0 / 700, within(1e-9));
    assertThat(plan.firstBreach()).isEqualTo(W1.plusWeeks(2));
    assertThat(plan.sentence()).isEqualTo("web: the current 10 servers fall short in the week of 2026-11-16; 11 are "
        + "needed by the end of the 3 weeks from 2026-11-02 at 70 % utilisation");
  }

  @Test
  void enoughServersSaysSo() {
    // 50 req/s × 0.5 = 25 usable; upper 99 → ⌈3.96⌉ = 4 ≤ 4 servers; headroom 1 − 99/100 = 1 %.
    FleetPlan plan = new FleetPlanner(50, 0.5).plan("api", List.of(new FleetPlanner.WeekDemand(W1, 80, 99)), 4);

    assertThat(plan.firstBreach()).isNull();
    assertThat(plan.weeks().get(0).headroomPercent()).isCloseTo(1.0, within(1e-9));
    assertThat(plan.sentence())
        .isEqualTo("api: the current 4 servers suffice for the 1 weeks from 2026-11-02 (at most 4 needed at 50 % "
            + "utilisation)");
  }

  @Test
  void theLargerOfTheLatencyAndUtilisationCountsIsNeededAndNamed() {
    // Latency: 100 × 0.70 = 70 usable per server; CPU reaches the target at 50 per server.
    //   week 1: upper 480 → latency ⌈6.86⌉ = 7, utilisation ⌈9.6⌉ = 10: utilisation binds;
    //           median 300 → max(⌈4.29⌉, 6) = 6; headroom of 8 servers at 50: 1 − 480/400 = −20 %
    //   week 2: upper 140 → latency 2, utilisation ⌈2.8⌉ = 3: utilisation binds
    // With a utilisation load of 200 the latency count (7) is the larger and binds.
    FleetPlan plan = new FleetPlanner(100, 0.70, 50).plan("web", List.of(
        new FleetPlanner.WeekDemand(W1, 300, 480), new FleetPlanner.WeekDemand(W1.plusWeeks(1), 100, 140)), 8);

    assertThat(plan.weeks()).extracting(FleetPlan.Week::serversForLatency).containsExactly(7, 2);
    assertThat(plan.weeks()).extracting(FleetPlan.Week::serversForUtilisation).containsExactly(10, 3);
    assertThat(plan.weeks()).extracting(FleetPlan.Week::serversForUpper).containsExactly(10, 3);
    assertThat(plan.weeks()).extracting(FleetPlan.Week::serversForMedian).containsExactly(6, 2);
    assertThat(plan.weeks()).extracting(FleetPlan.Week::binding)
        .containsOnly(FleetPlan.Constraint.CPU);
    assertThat(plan.weeks().get(0).headroomPercent()).isCloseTo(-20.0, within(1e-9));
    assertThat(plan.firstBreach()).isEqualTo(W1);
    assertThat(plan.utilisationLoad()).isEqualTo(50.0);

    FleetPlan latencyBound = new FleetPlanner(100, 0.70, 200).plan("web",
        List.of(new FleetPlanner.WeekDemand(W1, 300, 480)), 8);
    assertThat(latencyBound.weeks().get(0).serversForUpper()).isEqualTo(7);
    assertThat(latencyBound.weeks().get(0).serversForUtilisation()).isEqualTo(3);
    assertThat(latencyBound.weeks().get(0).binding()).isEqualTo(FleetPlan.Constraint.LATENCY);
    // Without a utilisation model: no utilisation count, latency binds.
    FleetPlan latencyOnly = new FleetPlanner(100, 0.70).plan("web", List.of(new FleetPlanner.WeekDemand(W1, 300, 480)),
        8);
    assertThat(latencyOnly.weeks().get(0).serversForUtilisation()).isNull();
    assertThat(latencyOnly.utilisationLoad()).isNull();
  }

  @Test
  void theTightestOfTheUtilisationLimitsIsPlannedAndNamed() {
    // CPU reaches the target at 200 per server, memory at 60, descriptors at 500: memory is the
    // tightest. Upper 480: latency ⌈480 / 70⌉ = 7, memory ⌈480 / 60⌉ = 8: memory binds.
    FleetPlan plan = new FleetPlanner(100, 0.70, Map.of(UtilisationResource.CPU, 200.0, UtilisationResource.MEMORY,
        60.0, UtilisationResource.DESCRIPTORS, 500.0)).plan("web", List.of(new FleetPlanner.WeekDemand(W1, 300, 480)), 8);

    assertThat(plan.utilisationResource()).isEqualTo(UtilisationResource.MEMORY);
    assertThat(plan.utilisationLoad()).isEqualTo(60.0);
    assertThat(plan.weeks().get(0).serversForUtilisation()).isEqualTo(8);
    assertThat(plan.weeks().get(0).serversForUpper()).isEqualTo(8);
    assertThat(plan.weeks().get(0).binding()).isEqualTo(FleetPlan.Constraint.MEMORY);
    assertThat(plan.weeks().get(0).binding().label()).isEqualTo("memory");
  }

  @Test
  void badTargetIsRefused() {
    assertThatThrownBy(() -> new FleetPlanner(100, 1.5))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot plan the fleet: utilisation target must be in (0, 1], got 1.5");
  }
}
