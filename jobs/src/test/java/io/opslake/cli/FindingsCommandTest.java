package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.testing.SharedSpark;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/opslake findings}: a bad date is a usage error; an empty warehouse gives an empty run. */
class FindingsCommandTest {
  @TempDir Path temp;

  @Test
  void anAsOfThatIsNotADateExitsTwoBeforeSparkStarts() {
    CliRun run = CliRun.of("findings", "--as-of", "2026-02-30", "--warehouse", temp.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("opslake findings: Cannot compute findings: --as-of 2026-02-30 is not a date\n");
  }

  @Test
  void aWarehouseWithoutSeriesGivesEmptyTablesAndASnakeCaseSummary() throws Exception {
    SharedSpark.session();
    CliRun run = CliRun.of("findings", "--as-of", "2026-10-02", "--warehouse", temp.resolve("wh").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("as_of").asText()).isEqualTo("2026-10-02");
    assertThat(summary.get("series_examined").asLong()).isZero();
    assertThat(summary.get("rows_written").toString()).isEqualTo(
        "{\"anomalies\":0,\"correlations\":0,\"novelty\":0,\"periodicity\":0,\"seasonality\":0,\"trends\":0}");
    assertThat(summary.get("run_ids")).hasSize(6);
  }
}
