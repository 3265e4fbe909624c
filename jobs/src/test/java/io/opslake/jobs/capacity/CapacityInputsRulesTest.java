package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The role rule, the inventory CSV and the refusals of a service without latency or history. */
class CapacityInputsRulesTest {
  @Test
  void rolesDropTheDatacenterPrefixTheDomainAndTrailingDigits() {
    assertThat(Roles.of("dc0-web07")).isEqualTo("web");
    assertThat(Roles.of("dc0-kwanza01")).isEqualTo("kwanza");
    assertThat(Roles.of("eu1-api-3.example.com")).isEqualTo("api");
    assertThat(Roles.of("DB12")).isEqualTo("db");
    assertThat(Roles.of("web")).isEqualTo("web");
    assertThat(Roles.of("1234")).isEqualTo("1234");
  }

  @Test
  void anInventoryReadsDatesAndInstantsAndAnOpenEnd() throws Exception {
    Inventory inventory = inventory("hostname,role,from,to\n# comment\ndc0-web01,web,2026-10-01,\n"
        + "batch7,,2026-10-01T06:00:00Z,2026-10-02\n");
    assertThat(inventory.entries()).containsExactly(
        new Inventory.Entry("dc0-web01", "web", Instant.parse("2026-10-01T00:00:00Z"), null),
        new Inventory.Entry("batch7", "batch", Instant.parse("2026-10-01T06:00:00Z"),
            Instant.parse("2026-10-02T00:00:00Z")));
    assertThat(inventory.entries().get(1).covers(Instant.parse("2026-10-01T23:00:00Z"))).isTrue();
    assertThat(inventory.entries().get(1).covers(Instant.parse("2026-10-02T00:00:00Z"))).isFalse();
  }

  @Test
  void textWhereADateBelongsIsAUsageErrorNamingTheLine() {
    assertThatThrownBy(() -> inventory("hostname,role,from,to\ndc0-web01,web,2026-10-01,\ndc0-web02,web,soon,\n"))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot plan capacity: line 3 of inventory.csv: 'soon' in column from is not a date (YYYY-MM-DD)"
            + " or an ISO instant")
        .satisfies(e -> assertThat(((OpslakeException) e).category()).isEqualTo(ErrorCategory.USAGE));
    assertThatThrownBy(() -> inventory("host,from\n"))
        .hasMessage("Cannot plan capacity: line 1 of inventory.csv: expected the header hostname,role,from,to,"
            + " found host,from");
  }

  @Test
  void aServiceWithoutLatencyDataOrWithTooShortAHistorySaysWhy() {
    // 10 days of a service at 4 servers and 400 page loads every hour, no latency samples.
    List<RoleHour> hours = new ArrayList<>();
    Instant start = Instant.parse("2026-10-01T00:00:00Z");
    for (int h = 0; h < 240; h++) {
      hours.add(new RoleHour(start.plusSeconds(3600L * h), 4, 400, null, 0));
    }
    ServiceCapacity.Assessment service =
        ServiceCapacity.assess("batch", hours, LocalDate.parse("2026-10-10"), 12, 500, 0.7);

    assertThat(service.currentFleet()).isEqualTo(4);
    assertThat(service.usl().reason()).isEqualTo("Cannot fit USL: 1 distinct load (4); λ, σ and κ need at least 4"
        + " distinct loads");
    assertThat(service.latency().reason())
        .isEqualTo("Cannot fit latency against load of batch: no latency data (no page.load.time samples or"
            + " http_request durations)");
    assertThat(service.demand().reason()).isEqualTo("Cannot forecast demand of batch peak-hour page loads 12 weeks"
        + " ahead from 10 days of history: the horizon may be at most half the history, so 12 weeks need 168 days");
    assertThat(service.plan().reason()).startsWith("No plan for batch: no latency model (");
  }

  @Test
  void eachUtilisationIsFittedOnItsOwnAndOneThatDoesNotGrowWithLoadGivesNoLimit() {
    // 4 servers, 100, 200, 300, 400 page loads in turn: x = 25, 50, 75, 100 per server.
    // Memory = 20 + 0.1 x + (+1, −1, −1, +1): residuals orthogonal to x, so a = 20, b = 0.1 exactly
    // and 70 % at (70 − 20) / 0.1 = 500. Descriptors 10, 20, 20, 10 %: Σ(x − x̄)·d = 0, slope 0,
    // p = 1, refused. No errors at all: the error rate is flat at 0 % (p = 1).
    double[] deviation = {1, -1, -1, 1};
    double[] descriptors = {10, 20, 20, 10};
    List<RoleHour> hours = new ArrayList<>();
    Instant start = Instant.parse("2026-10-01T00:00:00Z");
    for (int h = 0; h < 48; h++) {
      long pageLoads = 100L * (1 + h % 4);
      double x = pageLoads / 4.0;
      hours.add(new RoleHour(start.plusSeconds(3600L * h), 4, pageLoads, null, 0, Map.of(
          UtilisationResource.MEMORY, new RoleHour.Measured(20 + 0.1 * x + deviation[h % 4], "host.mem.used"),
          UtilisationResource.DESCRIPTORS, new RoleHour.Measured(descriptors[h % 4], "host.lsof.descriptors")),
          0));
    }
    ServiceCapacity.Assessment service =
        ServiceCapacity.assess("batch", hours, LocalDate.parse("2026-10-02"), 1, 500, 0.7);

    UtilisationLoadFit memory = service.utilisation().get(UtilisationResource.MEMORY).value();
    assertThat(memory.intercept()).isCloseTo(20, within(1e-9));
    assertThat(memory.slope()).isCloseTo(0.1, within(1e-12));
    assertThat(memory.targetLoad()).isCloseTo(500, within(1e-7));
    assertThat(service.utilisation().get(UtilisationResource.DESCRIPTORS).reason()).startsWith("Cannot fit descriptor"
        + " utilisation against load of batch: utilisation does not grow with load (slope ");
    assertThat(service.utilisation().get(UtilisationResource.CPU).reason()).isEqualTo("Cannot fit CPU utilisation"
        + " against load of batch: no CPU metrics (host.vmstat.cpu.idle, host.cpu.idle, cpu.total) in hours with page"
        + " loads");
    ErrorRateLoadFit errors = service.errorRate().value();
    assertThat(errors.meanRate()).isZero();
    assertThat(errors.slopeP()).isEqualTo(1.0);
    assertThat(errors.trend()).isEqualTo(ErrorRateLoadFitter.Trend.FLAT);
    assertThat(errors.dispersion()).isNull();
  }

  private static Inventory inventory(String text) throws Exception {
    return Inventory.read("inventory.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
