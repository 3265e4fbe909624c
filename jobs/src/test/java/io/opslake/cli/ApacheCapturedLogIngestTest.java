package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opslake.storage.Warehouse;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opslake ingest --format auto} of the access log a real Apache httpd 2.4 wrote for 10,000
 * requests ({@code sample-data/access-log/capture.sh}), gzipped as written: every line lands in
 * exactly one of raw_events and quarantine, and the status and UTC-hourly counts in raw_events
 * equal a plain regular-expression count over the same file.
 */
class ApacheCapturedLogIngestTest {
  private static final Path CAPTURE = Path.of("../ingest/src/test/resources/access-log/apache-combined-10000.log.gz");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The time, then the status after the request's closing quote (quotes inside are escaped as \"). */
  private static final Pattern STATUS = Pattern.compile(
      "^\\S+ \\S+ \\S+ \\[([^\\]]+)\\] \"(?:[^\"\\\\]++|\\\\.)*+\" (\\d{3}) (\\d+|-) ");
  private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH");

  @TempDir Path temp;

  @Test
  void theRealLogLandsLineForLineWithRegexEqualCounts() throws IOException {
    SharedSpark.session();
    Path input = Files.copy(CAPTURE, temp.resolve("access.log.gz"));
    String warehouse = temp.resolve("warehouse").toString();

    CliRun ingest = CliRun.of("ingest", "--input", input.toString(), "--warehouse", warehouse,
        "--format", "auto", "--host", "www-1", "--json");

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    List<String> lines = lines();
    Map<String, Long> statusByRegex = new TreeMap<>();
    Map<String, Long> hourByRegex = new TreeMap<>();
    for (String line : lines) {
      Matcher matcher = STATUS.matcher(line);
      assertThat(matcher.find()).as(line).isTrue();
      statusByRegex.merge(matcher.group(2), 1L, Long::sum);
      OffsetDateTime logged = OffsetDateTime.parse(matcher.group(1), CLF);
      hourByRegex.merge(HOUR.format(logged.withOffsetSameInstant(ZoneOffset.UTC)), 1L, Long::sum);
    }
    JsonNode summary = JSON.readTree(ingest.out());
    assertThat(summary.path("sources").fieldNames()).toIterable().containsExactly("access_log");
    assertThat(summary.path("records_read").asLong()).isEqualTo(lines.size());

    // one pass over raw_events, one over quarantine; the counting is done here
    SparkSession spark = SharedSpark.session();
    Warehouse.open(warehouse, spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    List<Row> events = spark.sql("""
        SELECT source_line AS n, cast(http_status AS string) AS status,
               date_format(date_trunc('HOUR', ts), 'yyyy-MM-dd HH') AS hour, source, hostname, type,
               attributes['defects'] IS NOT NULL AS defective
        FROM raw_events""").collectAsList();
    List<Long> eventLines = new ArrayList<>();
    Map<String, Long> statusByTable = new TreeMap<>();
    Map<String, Long> hourByTable = new TreeMap<>();
    Set<String> sourcesHostsTypes = new HashSet<>();
    long defective = 0;
    for (Row row : events) {
      eventLines.add(row.getLong(0));
      statusByTable.merge(row.getString(1), 1L, Long::sum);
      hourByTable.merge(row.getString(2), 1L, Long::sum);
      sourcesHostsTypes.add(row.getString(3) + " " + row.getString(4) + " " + row.getString(5));
      defective += row.getBoolean(6) ? 1 : 0;
    }
    List<Long> quarantinedLines = new ArrayList<>();
    spark.sql("SELECT line FROM quarantine").collectAsList().forEach(row -> quarantinedLines.add(row.getLong(0)));

    // every line in exactly one place
    assertThat(eventLines.size() + quarantinedLines.size()).isEqualTo(lines.size());
    Set<Long> all = new HashSet<>(eventLines);
    assertThat(Collections.disjoint(all, quarantinedLines)).isTrue();
    all.addAll(quarantinedLines);
    assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, lines.size()).boxed().toList());
    assertThat(quarantinedLines).isEmpty();
    assertThat(statusByTable).isEqualTo(statusByRegex);
    assertThat(hourByTable).isEqualTo(hourByRegex);
    assertThat(sourcesHostsTypes).containsExactly("access_log www-1 http_request");
    // the scanners' and broken clients' request lines (ApacheCapturedLogTest names them)
    assertThat(defective).isEqualTo(113);
  }

  private static List<String> lines() throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(CAPTURE))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }
  }
}
