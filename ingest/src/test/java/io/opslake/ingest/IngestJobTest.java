package io.opslake.ingest;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.storage.Warehouse;
import io.opslake.schemas.Tables;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
  private static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");
  // 2026-11-19T00:00:00Z and 2026-11-20T00:00:00Z
  private static final long DAY1 = 1_795_046_400L;
  private static final long DAY2 = DAY1 + 86_400;

  @TempDir Path temp;
  private final SparkSession spark = SharedSpark.session();
  private final List<String> progress = new ArrayList<>();

  private IngestResult ingest(IngestOptions options) throws IOException {
    return new IngestJob(spark, options, new KeyValueFormats(), progress::add).run();
  }

  private IngestOptions options(Path input) {
    return IngestOptions.of(List.of(input.toString()), temp.resolve("wh").toString()).withStartedAt(NOW).withMaxBadRatio(0.5);
  }

  private List<Row> rows(String sql) throws IOException {
    Warehouse.open(temp.resolve("wh").toString(), spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    return spark.sql(sql).collectAsList();
  }

  @Test
  void writesEventsMetricsAndQuarantineWithLineage() throws IOException {
    Path input = temp.resolve("in/app.log");
    Files.createDirectories(input.getParent());
    Files.writeString(input, String.join("\n",
        "event " + DAY1 + " web01 page_load hello",
        "  continued",
        "",
        "metric " + (DAY2 + 5) + " cpu 0.5",
        "garbage here",
        "event 3786912000 web01 page_load from 2090",
        "event " + DAY2 + " web02 exception boom") + "\n");

    IngestResult result = ingest(options(input));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.recordsRead()).isEqualTo(5);
    assertThat(result.rowsByTable()).containsEntry("raw_events", 2L).containsEntry("raw_metrics", 1L)
        .containsEntry("quarantine", 2L).containsEntry("ingest_runs", 1L);
    assertThat(result.metricDates()).containsExactly("2026-11-20");
    List<Row> events = rows("select hostname, type, message, source_line, cast(dt as string), duration_ms, "
        + "labels['pid'], tags[0], length(event_id) from raw_events order by source_line");
    assertThat(events).extracting(Row::toString).containsExactly(
        "[web01,page_load,hello\n  continued,1,2026-11-19,250.0,7,t1,32]",
        "[web02,exception,boom,7,2026-11-20,250.0,7,t1,32]");
    assertThat(rows("select name, value, source_line, cast(dt as string) from raw_metrics"))
        .extracting(Row::toString).containsExactly("[cpu,0.5,4,2026-11-20]");
    assertThat(rows("select line, reason, raw, cast(dt as string) from quarantine order by line"))
        .extracting(Row::toString).containsExactly(
            "[5,not an event or metric line,garbage here,2026-11-21]",
            "[6,timestamp 2090-01-01T00:00:00Z is after the plausible window (ends 2026-11-22T00:00:00Z),"
                + "event 3786912000 web01 page_load from 2090,2026-11-21]");
    assertThat(rows("select status, records_read, events_written, metrics_written, quarantined from ingest_runs"))
        .extracting(Row::toString).containsExactly("[succeeded,5,2,1,2]");
  }

  @Test
  void reingestingTheSameContentAddsNothingAndCountsDuplicates() throws IOException {
    Path input = temp.resolve("in/a.log");
    Files.createDirectories(input.getParent());
    Files.writeString(input, "event " + DAY1 + " web01 t1\nevent " + DAY1 + " web01 t2\n");
    ingest(options(input));
    Path copy = temp.resolve("in/copy-of-a.log");
    Files.copy(input, copy);

    IngestResult again = ingest(options(temp.resolve("in")));

    assertThat(again.filesSkipped()).isEqualTo(2);
    assertThat(again.duplicatesSkipped()).isEqualTo(4);
    assertThat(rows("select count(*) from raw_events").get(0).getLong(0)).isEqualTo(2);
    assertThat(rows("select count(*), sum(files_skipped) from ingest_runs").get(0).toString()).isEqualTo("[2,2]");
  }

  @Test
  void lateEventsAddFilesWithoutTouchingExistingOnes() throws IOException {
    Path first = temp.resolve("in/day1.log");
    Files.createDirectories(first.getParent());
    Files.writeString(first, "event " + DAY1 + " web01 a\n");
    ingest(options(first));
    Path partition = temp.resolve("wh/raw_events/dt=2026-11-19");
    List<String> before = listing(partition);

    Path late = temp.resolve("in/day2-with-late.log");
    Files.writeString(late, "event " + (DAY1 + 60) + " web01 late\nevent " + DAY2 + " web01 b\n");
    ingest(options(late));

    List<String> after = listing(partition);
    assertThat(after).containsAll(before).hasSize(before.size() + 1);
    assertThat(rows("select type from raw_events where dt = '2026-11-19' order by ts"))
        .extracting(row -> row.getString(0)).containsExactly("a", "late");
  }

  @Test
  void failsOverTheBadRatioButKeepsQuarantineAndRunRecord() throws IOException {
    Path input = temp.resolve("in/bad.log");
    Files.createDirectories(input.getParent());
    Files.writeString(input, "event " + DAY1 + " web01 ok\nbad\nworse\n");

    IngestResult result = ingest(options(input).withMaxBadRatio(0.1));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.message()).isEqualTo(
        "2 of 3 records (66.67%) were quarantined, more than --max-bad-ratio 0.1 allows; raw tables were left unchanged");
    assertThat(rows("select count(*) from raw_events").get(0).getLong(0)).isZero();
    assertThat(rows("select count(*) from quarantine").get(0).getLong(0)).isEqualTo(2);
    assertThat(rows("select status, events_written from ingest_runs").get(0).toString()).isEqualTo("[failed,0]");

    // A failed run does not mark its input as ingested: a lenient rerun takes it.
    IngestResult rerun = ingest(options(input).withMaxBadRatio(1.0));
    assertThat(rerun.filesSkipped()).isZero();
    assertThat(rows("select count(*) from raw_events").get(0).getLong(0)).isEqualTo(1);
  }

  @Test
  void quarantinesOversizedAndUndecodableLinesAndReadsGzip() throws IOException {
    Path input = temp.resolve("in/mixed.log.gz");
    Files.createDirectories(input.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
      out.write(("event " + DAY1 + " web01 ok\n").getBytes(StandardCharsets.UTF_8));
      out.write(("event " + DAY1 + " web01 " + "x".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {'e', 'v', (byte) 0xC3, 0x28, '\n'});
      out.write(("event " + DAY1 + " web01 ok2\n").getBytes(StandardCharsets.UTF_8));
    }

    IngestResult result = ingest(options(input).withMaxLineBytes(4096));

    assertThat(result.recordsRead()).isEqualTo(4);
    assertThat(rows("select line, reason, raw_bytes, length(raw) from quarantine order by line"))
        .extracting(Row::toString).containsExactly(
            "[2,line of 5023 bytes exceeds the line limit,5023,4096]",
            "[3,line is not valid UTF-8 (byte 0xC3 at offset 2),4,4]");
    assertThat(rows("select source_line from raw_events order by source_line"))
        .extracting(row -> row.getLong(0)).containsExactly(1L, 4L);
  }

  @Test
  void unknownFormatQuarantinesEveryRecordAndMissingInputIsAUsageError() throws IOException {
    Path input = temp.resolve("in/mystery.txt");
    Files.createDirectories(input.getParent());
    Files.writeString(input, "alpha\nbeta\n");

    IngestResult result = ingest(options(input).withMaxBadRatio(1.0));

    assertThat(rows("select reason from quarantine").stream().map(row -> row.getString(0)).distinct()
        .collect(Collectors.toList()))
        .containsExactly("could not detect the format of mystery.txt from its first lines; pass --format to name it");
    assertThat(result.quarantined()).isEqualTo(2);
    assertThatThrownBy(() -> ingest(options(temp.resolve("nope"))))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
        .hasMessageEndingWith("does not exist");
  }

  @Test
  void rawTablesAreReadableWithTheirDocumentedSchema() throws IOException {
    Path input = temp.resolve("in/a.log");
    Files.createDirectories(input.getParent());
    Files.writeString(input, "event " + DAY1 + " web01 t1\n");
    ingest(options(input));
    Path file = Files.list(temp.resolve("wh/raw_events/dt=2026-11-19")).filter(p -> p.toString().endsWith(".parquet"))
        .findFirst().orElseThrow();

    // Read the bare file without a user schema: the Parquet layout itself must give our types.
    var fileSchema = spark.read().parquet(file.toString()).schema();

    // Spark reads every file column as nullable; names, types and comments must match.
    assertThat(fileSchema).isEqualTo(Tables.RAW_EVENTS.dataSchema().asNullable());
  }

  @Test
  void removesStagingOfRunsThatDiedBeforeCommittingAfterAnHour() throws IOException {
    Path input = temp.resolve("in/a.log");
    Files.createDirectories(input.getParent());
    Files.writeString(input, "event " + DAY1 + " web01 t1\n");
    Path old = Files.createDirectories(temp.resolve("wh/_opslake/staging/20261120T000000Z-dead01/raw_events"));
    Path recent = Files.createDirectories(temp.resolve("wh/_opslake/staging/20261120T230000Z-alive1"));
    Files.setLastModifiedTime(old.getParent(), java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(7200)));

    ingest(options(input));

    assertThat(old.getParent()).doesNotExist();
    assertThat(recent).exists();
    assertThat(progress).anyMatch(line -> line.endsWith("removed the staging area of run 20261120T000000Z-dead01, which died before committing"));
  }

  @Test
  void aTinyInputIsReadOnTheDriverAndALargerOneInTwoSparkJobsWithTheSameRows() throws Exception {
    Path small = temp.resolve("small/a.log");
    Path large = temp.resolve("large/b.log");
    Files.createDirectories(small.getParent());
    Files.createDirectories(large.getParent());
    Files.writeString(small, "event " + DAY1 + " web01 t1\nevent " + (DAY1 + 1) + " web01 t2\n");
    StringBuilder lines = new StringBuilder();
    int count = 0;
    while (lines.length() <= IngestJob.DRIVER_LOCAL_BYTES) {
      lines.append("event ").append(DAY1 + count).append(" web01 page_load line ").append(++count).append('\n');
    }
    Files.writeString(large, lines);

    IngestResult tiny = ingest(options(small));
    IngestResult larger = ingest(options(large).withStartedAt(NOW.plusSeconds(1)));

    assertThat(sparkJobsOfRun(tiny.runId(), 0)).isZero();
    assertThat(sparkJobsOfRun(larger.runId(), 2)).isEqualTo(2);
    assertThat(tiny.rowsByTable()).containsEntry("raw_events", 2L);
    assertThat(larger.rowsByTable()).containsEntry("raw_events", (long) count);
    assertThat(rows("select count(distinct event_id), min(source_line), max(source_line) from raw_events"
        + " where source_file like '%b.log'").get(0).toString()).isEqualTo("[" + count + ",1," + count + "]");
  }

  @Test
  void eventIdsAreTheMd5OfTheFileFingerprintAndLineNumber() throws Exception {
    Path input = temp.resolve("ids/a.log");
    Files.createDirectories(input.getParent());
    StringBuilder text = new StringBuilder("event " + DAY1 + " web01 first\n");
    for (int line = 2; line <= 11; line++) {
      text.append(line == 5 ? "garbage\n" : "\n");
    }
    text.append("event ").append(DAY1 + 1).append(" web01 twelfth\n");
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    Files.write(input, bytes);
    // The documented rule, computed independently: fingerprint = md5(decimal file length, then the
    // hex md5 of each 32 MiB block), event id = md5("<fingerprint>:<line number>"), both in hex.
    String fingerprint = md5Hex(bytes.length + md5Hex(bytes));

    ingest(options(input));

    assertThat(rows("select source_line, event_id from raw_events where source_file like '%ids/a.log'"
        + " order by source_line")).extracting(Row::toString).containsExactly(
            "[1," + md5Hex(fingerprint + ":1") + "]",
            "[12," + md5Hex(fingerprint + ":12") + "]");
  }

  private static String md5Hex(String text) throws Exception {
    return md5Hex(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String md5Hex(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
  }

  /** Spark jobs run under the run's job group; the status store is filled asynchronously, so wait briefly. */
  private int sparkJobsOfRun(String runId, int expected) throws InterruptedException {
    int jobs = 0;
    for (int attempt = 0; attempt < 50; attempt++) {
      jobs = spark.sparkContext().statusTracker().getJobIdsForGroup("INGEST " + runId).length;
      if (jobs >= expected && (expected > 0 || attempt >= 5)) {
        break;
      }
      Thread.sleep(100);
    }
    return jobs;
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .map(name -> name + ":" + size(directory.resolve(name))).sorted().toList();
    }
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
