package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.storage.Warehouse;
import io.opslake.jobs.templates.TemplateIds;
import io.opslake.jobs.templates.TemplateIndex;
import io.opslake.schemas.Tables;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opslake templates} on a generated and ingested warehouse (one day, two hosts, seed 3). */
class TemplatesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  static String warehouse;
  static CliRun templates;

  @BeforeAll
  static void generateIngestAndMine() {
    SharedSpark.session();
    Path landing = temp.resolve("landing");
    warehouse = temp.resolve("warehouse").toString();
    assertThat(CliRun.of("generate", "--days", "1", "--hosts", "2", "--seed", "3", "--out", landing.toString()).exitCode()).isZero();
    assertThat(CliRun.of("ingest", "--input", landing.toString(), "--warehouse", warehouse).exitCode()).isZero();
    templates = CliRun.of("templates", "--warehouse", warehouse);
  }

  @Test
  void plaintextAndZapMessagesMapToAHandfulOfTemplates() throws IOException {
    assertThat(templates.exitCode()).as(templates.err()).isZero();
    SparkSession spark = SharedSpark.session();
    Warehouse opened = Warehouse.open(warehouse, spark.sparkContext().hadoopConfiguration());
    TemplateIndex index = TemplateIndex.load(spark, opened);
    Map<String, TreeSet<String>> templatesBySource = new TreeMap<>();
    for (Row row : opened.read(spark, Tables.RAW_EVENTS).where("source in ('plaintext', 'zap')")
        .select("source", "message").collectAsList()) {
      templatesBySource.computeIfAbsent(row.getString(0), source -> new TreeSet<>()).add(index.templateIdOf(row.getString(1)));
    }

    assertThat(templatesBySource.get("zap")).containsExactlyInAnyOrder(
        TemplateIds.of("stream opened"), TemplateIds.of("stream closed"),
        TemplateIds.of("subscriber is slow, dropping messages"), TemplateIds.of("publish failed"));
    // Access lines, restarts, and the two connection-leak errors (each with its stack trace).
    assertThat(templatesBySource.get("plaintext")).hasSizeBetween(3, 6)
        .contains(TemplateIds.of("GET <*> <*> <*>"), TemplateIds.of("Starting api <*> (pid <*>)"))
        .doesNotContainNull();
    assertThat(index.templateIdOf("GET /page7 200 31ms")).isEqualTo(TemplateIds.of("GET <*> <*> <*>"));
  }

  @Test
  void patternsCountEveryEventOnceAndIdsAreStableAcrossRuns() throws IOException {
    String sql = "select (select count(*) from raw_events where trim(message) <> '') as events,"
        + " (select sum(occurrences) from patterns) as counted,"
        + " (select count(*) from patterns) as templates,"
        + " (select count(*) from patterns where template_id = substring(md5(template), 1, 16)"
        + "   and to_date(first_seen) = dt and first_seen <= last_seen) as consistent,"
        + " (select max(hosts) from patterns where template = 'GET <*> <*> <*>') as api_hosts";
    JsonNode first = JSON.readTree(CliRun.of("query", "--warehouse", warehouse, "--format", "json", "-e", sql).out());
    assertThat(first.get("counted").asLong()).isEqualTo(first.get("events").asLong());
    assertThat(first.get("consistent").asLong()).isEqualTo(first.get("templates").asLong());
    assertThat(first.get("api_hosts").asLong()).isEqualTo(2);

    String ids = "select concat_ws(',', sort_array(collect_list(template_id))) as ids from patterns";
    String before = CliRun.of("query", "--warehouse", warehouse, "--format", "csv", "-e", ids).out();
    CliRun again = CliRun.of("templates", "--warehouse", warehouse);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(CliRun.of("query", "--warehouse", warehouse, "--format", "csv", "-e", ids).out()).isEqualTo(before);
    JsonNode second = JSON.readTree(CliRun.of("query", "--warehouse", warehouse, "--format", "json", "-e", sql).out());
    assertThat(second).isEqualTo(first);

    // Over --max-distinct the executors mine hash partitions first; every event is still counted once.
    CliRun partitioned = CliRun.of("templates", "--warehouse", warehouse, "--max-distinct", "3");
    assertThat(partitioned.exitCode()).as(partitioned.err()).isZero();
    assertThat(partitioned.out()).contains("(mined in partitions)");
    JsonNode third = JSON.readTree(CliRun.of("query", "--warehouse", warehouse, "--format", "json", "-e", sql).out());
    assertThat(third.get("counted").asLong()).isEqualTo(first.get("events").asLong());
    assertThat(third.get("consistent").asLong()).isEqualTo(third.get("templates").asLong());
  }

  @Test
  void badDatesAreUsageErrors() {
    CliRun bad = CliRun.of("templates", "--warehouse", warehouse, "--from", "2026-02-30");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("opslake templates: Cannot mine templates: --from 2026-02-30 is not a date"
        + System.lineSeparator());
  }
}
