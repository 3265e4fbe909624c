package io.opslake.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostStatsWriterTest {
  private final ScenarioPlan plan = new ScenarioPlan(GeneratorOptions.defaults(Path.of("unused")).withDays(2).withHosts(2));
  private final HostStatsWriter writer = new HostStatsWriter(plan);
  private final HostStatsFacts facts = new HostStatsFacts(plan);

  @Test
  void sizesArePrintedAsDfAndFreeDo() {
    assertThat(HumanSizes.df(4_080_218_931L)).isEqualTo("3.8G");
    assertThat(HumanSizes.df(4_080_218_932L)).isEqualTo("3.9G");
    assertThat(HumanSizes.df(20L << 30)).isEqualTo("20G");
    assertThat(HumanSizes.df((20L << 30) + (1L << 20))).isEqualTo("21G");
    assertThat(HumanSizes.df(0)).isEqualTo("0");
    assertThat(HumanSizes.df(512L << 20)).isEqualTo("512M");
    assertThat(HumanSizes.free(0)).isEqualTo("0B");
    assertThat(HumanSizes.free(1_288_490_189L)).isEqualTo("1.2Gi");
    assertThat(HumanSizes.free(16_663_859_200L)).isEqualTo("16Gi");
  }

  @Test
  void theFillingDiskIsPrintedRoundedUpFromTheSteadyRate() {
    List<Rendered> snapshots = writer.render(facts.fillingHost(), "df", 1).records();

    assertThat(snapshots).hasSize(96);
    for (Rendered snapshot : snapshots) {
      String row = snapshot.text().lines().filter(line -> line.endsWith(" /var/log")).findFirst().orElseThrow();
      double printedGib = Double.parseDouble(row.split("\\s+")[2].replace("G", ""));
      double plannedGib = (6.0 + 0.25 * (snapshot.epochMillis() - plan.startMillis()) / 3_600_000.0);
      assertThat(printedGib).as(row).isBetween(plannedGib, plannedGib + 1);
    }
    assertThat(facts.fillingUsedBytes(plan.startMillis() + 4 * ScenarioPlan.HOUR_MILLIS)).isEqualTo(7L << 30);
  }

  @Test
  void lsofShowsTheLeakOnTheCurrentPidGrowingSinceItsStart() {
    String host = plan.apiHosts().get(0);
    List<Rendered> snapshots = writer.render(host, "lsof", 0).records();

    assertThat(snapshots).hasSize(24);
    for (Rendered snapshot : snapshots) {
      String pid = Integer.toString(plan.apiPidAt(host, snapshot.epochMillis()));
      long udp = snapshot.text().lines().filter(line -> line.startsWith("java ") && line.contains(" UDP "))
          .peek(line -> assertThat(line.split("\\s+")[1]).isEqualTo(pid)).count();
      long minutes = (snapshot.epochMillis() - facts.apiStartMillis(host, snapshot.epochMillis())) / 60_000;
      assertThat(udp).isEqualTo(2 + 10 * minutes);
    }
    Restart first = plan.restarts().stream().filter(restart -> restart.host().equals(host)).findFirst().orElseThrow();
    assertThat(facts.udpDescriptors(host, first.epochMillis() - 1)).isGreaterThan(600);
    assertThat(facts.udpDescriptors(host, first.epochMillis())).isEqualTo(2);
  }
}
