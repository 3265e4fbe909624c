package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --metric-type}: an untyped expvar total declared a counter gets per-second rates, a
 * restart included, whether declared at ingest or later at {@code rates}.
 */
class MetricTypesCliTest {
  @TempDir static Path temp;
  static Path capture;

  /**
   * Requests: 1000, 1600 (+600 in 60 s), 100 (the process restarted), 700 (+600 in 60 s) from a
   * polling loop's file, then 1300 (+600 in 60 s) from a raw pretty-printed {@code curl} capture
   * whose time and host are in its name.
   */
  @BeforeAll
  static void capture() throws IOException {
    SharedSpark.session();
    capture = Files.createDirectories(temp.resolve("captures"));
    Files.writeString(capture.resolve("expvar_kwanza-1_2025-11-15T10-04-00Z.json"), """
        {
        "cmdline": ["/srv/kwanza"],
        "Requests": 1300,
        "Streams": 5
        }
        """);
    Files.writeString(capture.resolve("expvar_kwanza-1_2025-11-15T10-00-00Z.json"), """
        2025-11-15T10:00:00Z {"cmdline":["/srv/kwanza"],"Requests":1000,"Streams":3}
        2025-11-15T10:01:00Z {"cmdline":["/srv/kwanza"],"Requests":1600,"Streams":4}
        2025-11-15T10:02:00Z {"cmdline":["/srv/kwanza"],"Requests":100,"Streams":4}
        2025-11-15T10:03:00Z {"cmdline":["/srv/kwanza"],"Requests":700,"Streams":5}
        """);
  }

  private static String[] rates(String warehouse) {
    CliRun query = CliRun.of("query", "--warehouse", warehouse, "--format", "csv", "-e",
        "SELECT date_format(ts, 'HH:mm:ss') AS t, name, rate, interval_seconds FROM metric_rates ORDER BY name, ts");
    assertThat(query.exitCode()).as(query.err()).isZero();
    return query.out().trim().split("\\R");
  }

  @Test
  void aCounterDeclaredAtIngestIsStoredAsOneAndGetsRatesAcrossTheRestart() {
    String warehouse = temp.resolve("declared-at-ingest").toString();

    CliRun ingest = CliRun.of("ingest", "--input", capture.toString(), "--warehouse", warehouse,
        "--metric-type", "expvar.Req*=counter");
    CliRun kinds = CliRun.of("query", "--warehouse", warehouse, "--format", "csv", "-e",
        "SELECT name, kind, count(*) AS n FROM raw_metrics GROUP BY name, kind ORDER BY name");

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(kinds.out().trim().split("\\R")).containsExactly(
        "name,kind,n", "expvar.Requests,counter,5", "expvar.Streams,gauge,5");
    // 10:02 is the reset: no rate rather than one that is too low (docs/metrics.md)
    assertThat(rates(warehouse)).containsExactly(
        "t,name,rate,interval_seconds",
        "10:01:00,expvar.Requests,10.0,60.0",
        "10:03:00,expvar.Requests,10.0,60.0",
        "10:04:00,expvar.Requests,10.0,60.0");
  }

  @Test
  void aCounterDeclaredOnlyAtRatesGetsRatesFromWhatIngestStoredAsAGauge() {
    String warehouse = temp.resolve("declared-at-rates").toString();
    CliRun ingest = CliRun.of("ingest", "--input", capture.toString(), "--warehouse", warehouse);
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(rates(warehouse)).containsExactly("t,name,rate,interval_seconds");

    CliRun rates = CliRun.of("rates", "--from", "2025-11-15", "--to", "2025-11-15", "--warehouse", warehouse,
        "--metric-type", "expvar.Requests=counter", "--metric-type", "expvar.*=gauge");

    assertThat(rates.exitCode()).as(rates.err()).isZero();
    assertThat(rates.out()).contains("1 resets");
    assertThat(rates(warehouse)).containsExactly(
        "t,name,rate,interval_seconds",
        "10:01:00,expvar.Requests,10.0,60.0",
        "10:03:00,expvar.Requests,10.0,60.0",
        "10:04:00,expvar.Requests,10.0,60.0");
  }

  @Test
  void aMalformedDeclarationExitsTwoBeforeSparkWork() {
    CliRun ingest = CliRun.of("ingest", "--input", capture.toString(), "--warehouse", temp.resolve("bad").toString(),
        "--metric-type", "expvar.Requests=total");
    CliRun rates = CliRun.of("rates", "--from", "2025-11-15", "--to", "2025-11-15",
        "--warehouse", temp.resolve("bad").toString(), "--metric-type", "expvar.Requests");

    assertThat(ingest.exitCode()).isEqualTo(2);
    assertThat(ingest.err()).contains(
        "Cannot ingest: --metric-type 'expvar.Requests=total': type 'total' is not counter, gauge or rate");
    assertThat(rates.exitCode()).isEqualTo(2);
    assertThat(rates.err()).contains(
        "Cannot derive rates: --metric-type 'expvar.Requests' is not <name or glob>=counter|gauge|rate");
    assertThat(Files.exists(temp.resolve("bad"))).isFalse();
  }
}
