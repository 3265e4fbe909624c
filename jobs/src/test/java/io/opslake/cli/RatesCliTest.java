package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.jobs.metrics.RawMetricRows;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opslake rates}, and the rates step {@code opslake ingest} runs after landing metrics. */
class RatesCliTest {
  private static final Map<String, String> SHARD = Map.of("index", "logs", "shard", "0");
  private static final String TOTAL = "es.shard.indexing.index_total";

  @TempDir Path temp;
  private String warehouse;

  @BeforeEach
  void writeCounters() throws IOException {
    SharedSpark.session();
    warehouse = temp.resolve("wh").toString();
    new RawMetricRows()
        .add("2026-10-01T23:59:50Z", TOTAL, 1000, null, "counter", "es1", SHARD, "es_cat_shards")
        .add("2026-10-02T00:00:10Z", TOTAL, 1400, null, "counter", "es1", SHARD, "es_cat_shards")
        .add("2026-10-02T00:00:20Z", TOTAL, 100, null, "counter", "es1", SHARD, "es_cat_shards")
        .add("2026-10-02T00:00:30Z", TOTAL, 400, null, "counter", "es1", SHARD, "es_cat_shards")
        .writeTo(warehouse, "counters");
  }

  private String ratesTable() {
    CliRun query = CliRun.of("query", "--warehouse", warehouse, "--format", "csv",
        "-e", "select cast(ts as string) ts, rate, cast(dt as string) dt from metric_rates order by ts");
    assertThat(query.exitCode()).as(query.err()).isZero();
    return query.out();
  }

  @Test
  void derivesTheGivenDaysAndPrintsASummary() {
    CliRun rates = CliRun.of("rates", "--from", "2026-10-02", "--to", "2026-10-02", "--warehouse", warehouse);

    assertThat(rates.exitCode()).as(rates.err()).isZero();
    assertThat(rates.out()).startsWith("rates run ").contains(" dt=2026-10-02 in ")
        .contains("  1 series, 4 points read, 2 rates written (2 derived, 0 producer), 1 resets, 0 gaps\n");
    assertThat(ratesTable()).isEqualTo("ts,rate,dt\n2026-10-02 00:00:10,20.0,2026-10-02\n2026-10-02 00:00:30,30.0,2026-10-02\n");
  }

  @Test
  void badOptionsExitTwoWithTheReason() {
    CliRun backwards = CliRun.of("rates", "--from", "2026-10-02", "--to", "2026-10-01", "--warehouse", warehouse);
    CliRun notADate = CliRun.of("rates", "--from", "2026-02-30", "--to", "2026-03-01", "--warehouse", warehouse);
    CliRun badInterval = CliRun.of("rates", "--from", "2026-10-01", "--to", "2026-10-01", "--max-interval", "2d",
        "--warehouse", warehouse);

    assertThat(backwards.exitCode()).isEqualTo(2);
    assertThat(backwards.err()).isEqualTo("opslake rates: Cannot derive rates: --to 2026-10-01 is before --from 2026-10-02\n");
    assertThat(notADate.err()).isEqualTo("opslake rates: Cannot derive rates: --from 2026-02-30 is not a date\n");
    assertThat(badInterval.err())
        .isEqualTo("opslake rates: Cannot derive rates: --max-interval 2d is not a duration like 90s, 15m or 1h\n");
  }

  @Test
  void ingestRebuildsRatesForTheDaysItWroteMetricsIntoAndTheDayAfter() throws IOException {
    Path input = temp.resolve("in/statsd.log");
    Files.createDirectories(input.getParent());
    Files.writeString(input, "2026-10-01T12:00:00Z page.load:547|ms\n");

    CliRun ingest = CliRun.of("ingest", "-i", input.toString(), "--warehouse", warehouse);

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    // 2026-10-02 is rebuilt too: its first rate takes its predecessor from 2026-10-01.
    assertThat(ingest.out()).endsWith("  rates dt=2026-10-01,2026-10-02: 1 series, 4 points read,"
        + " 2 rates written (2 derived, 0 producer), 1 resets, 0 gaps\n");
    assertThat(ratesTable()).isEqualTo("ts,rate,dt\n2026-10-02 00:00:10,20.0,2026-10-02\n2026-10-02 00:00:30,30.0,2026-10-02\n");
  }

  @Test
  void noRatesSkipsTheRatesStep() throws IOException {
    Path input = temp.resolve("in/statsd.log");
    Files.createDirectories(input.getParent());
    Files.writeString(input, "2026-10-02T12:00:00Z page.load:547|ms\n");

    CliRun ingest = CliRun.of("ingest", "-i", input.toString(), "--warehouse", warehouse, "--no-rates");

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out()).doesNotContain("rates");
    assertThat(temp.resolve("wh/metric_rates")).doesNotExist();
  }
}
