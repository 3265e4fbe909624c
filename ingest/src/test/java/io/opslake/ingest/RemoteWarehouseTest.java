package io.opslake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.storage.Warehouse;
import io.opslake.schemas.Tables;
import io.opslake.testing.MiniHdfs;
import io.opslake.testing.S3Server;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Ingest against real remote storage: an HDFS MiniDFSCluster and an S3-compatible server
 * (S3Proxy) through the s3a connector, both started by the tests. Inputs live on the same store.
 */
class RemoteWarehouseTest {
  private static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");
  private final SparkSession spark = SharedSpark.session();

  @Test
  void ingestsIntoHdfsExactlyOnce() throws IOException {
    MiniHdfs hdfs = MiniHdfs.shared();
    roundTrip(hdfs.uri() + "/ingest-test");
  }

  @Test
  void ingestsIntoS3ExactlyOnce() throws IOException {
    S3Server s3 = S3Server.shared();
    s3.applyTo(spark);
    roundTrip("s3a://" + s3.bucket() + "/ingest-test");
  }

  private void roundTrip(String root) throws IOException {
    Path input = new Path(root + "/landing/dt=2026-11-20/app_events/web01.jsonl");
    FileSystem fs = input.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add("{\"type\":\"page_load\",\"hostname\":\"web01\",\"timestamp\":" + (1_795_132_800_000L + i * 1000L)
          + ",\"tags\":[\"metrics\"],\"additional_info\":{\"execution_time\":0.5,\"url\":\"/p" + i + "\"}}");
    }
    lines.add("{\"type\":\"page_load\",\"hostname\":\"web01\"");
    try (OutputStream out = fs.create(input, true)) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    IngestOptions options =
        IngestOptions.of(List.of(root + "/landing"), root + "/warehouse").withStartedAt(NOW).withMaxBadRatio(0.05);

    IngestResult first = new IngestJob(spark, options, new DefaultFormats(), message -> {}).run();
    IngestResult second = new IngestJob(spark, options, new DefaultFormats(), message -> {}).run();

    assertThat(first.succeeded()).isTrue();
    assertThat(first.rowsByTable()).containsEntry("raw_events", 50L).containsEntry("quarantine", 1L);
    assertThat(second.filesSkipped()).isEqualTo(1);
    assertThat(second.duplicatesSkipped()).isEqualTo(51);
    Warehouse warehouse = Warehouse.open(root + "/warehouse", spark.sparkContext().hadoopConfiguration());
    List<Row> events = warehouse.read(spark, Tables.RAW_EVENTS).selectExpr("url", "cast(dt as string)", "source_file")
        .orderBy("source_line").collectAsList();
    assertThat(events).hasSize(50);
    assertThat(events.get(0).toString()).isEqualTo("[/p0,2026-11-20," + input.toString() + "]");
    assertThat(warehouse.read(spark, Tables.INGEST_RUNS).count()).isEqualTo(2);
    // Nothing left in staging, and the table holds only published part files.
    assertThat(fs.exists(new Path(root + "/warehouse/_opslake/staging"))
        && fs.listStatus(new Path(root + "/warehouse/_opslake/staging")).length > 0).isFalse();
    List<String> names = new ArrayList<>();
    for (FileStatus status : fs.listStatus(new Path(root + "/warehouse/raw_events/dt=2026-11-20"))) {
      names.add(status.getPath().getName());
    }
    assertThat(names.stream().filter(name -> !name.startsWith(".")).collect(Collectors.toList()))
        .singleElement().asString().matches("part-\\d{8}T\\d{6}Z-[0-9a-f]{6}-00001\\.parquet");
  }
}
