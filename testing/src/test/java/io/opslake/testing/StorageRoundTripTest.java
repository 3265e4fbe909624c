package io.opslake.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the storage fixtures with the shared SparkSession: Hive-partitioned Parquet written to
 * and read back from HDFS ({@link MiniHdfs}) and S3 ({@link S3Server}), and the Hadoop
 * {@link FileSystem} operations the ingest commit protocol relies on, including how each store
 * answers a rename onto an existing file.
 */
class StorageRoundTripTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("host", DataTypes.StringType, false)
          .add("requests", DataTypes.LongType, false)
          .add("dt", DataTypes.StringType, false);

  private static SparkSession spark;
  private static MiniHdfs hdfs;
  private static S3Server s3;

  @BeforeAll
  static void startStorage() {
    long sparkStart = System.nanoTime();
    spark = SharedSpark.session();
    long sparkMillis = (System.nanoTime() - sparkStart) / 1_000_000;
    hdfs = MiniHdfs.shared();
    s3 = S3Server.shared();
    s3.applyTo(spark);
    // Startup times are part of this test's report; a fixture reused from an earlier test class
    // shows its original startup time.
    System.out.printf(
        "SparkSession ready in %d ms; MiniHdfs started in %d ms at %s;"
            + " S3Server started in %d ms at %s%n",
        sparkMillis,
        hdfs.startupTime().toMillis(),
        hdfs.uri(),
        s3.startupTime().toMillis(),
        s3.endpoint());
  }

  @Test
  void fixturesListenOnLoopbackOnly() {
    assertThat(hdfs.uri().toString()).matches("hdfs://127\\.0\\.0\\.1:\\d+");
    assertThat(s3.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(s3.uri().toString()).isEqualTo("s3a://opslake-test");
  }

  @Test
  void partitionedParquetRoundTripsThroughHdfs() throws IOException {
    assertPartitionedParquetRoundTrip(hdfs.path("/warehouse/t"));
  }

  @Test
  void partitionedParquetRoundTripsThroughS3() throws IOException {
    assertPartitionedParquetRoundTrip(s3.path("/warehouse/t"));
  }

  @Test
  void hdfsRenameRefusesAnExistingTargetByReturningFalse() throws IOException {
    FileSystem fs = hdfs.fileSystem();
    Path directory = new Path(hdfs.path("/file-operations"));

    assertFileOperations(fs, directory);

    Path source = write(fs, new Path(directory, "source.txt"), "new");
    Path target = write(fs, new Path(directory, "target.txt"), "old");
    assertThat(fs.rename(source, target)).isFalse();
    assertThat(read(fs, target)).isEqualTo("old");
    assertThat(fs.exists(source)).isTrue();

    // HDFS does not create missing parents of the target.
    assertThat(fs.rename(source, new Path(directory, "missing/parent.txt"))).isFalse();
    assertThat(fs.exists(source)).isTrue();
    assertThat(fs.delete(directory, true)).isTrue();
  }

  @Test
  void s3RenameRefusesAnExistingTargetByThrowing() throws IOException {
    FileSystem fs = s3.fileSystem();
    Path directory = new Path(s3.path("/file-operations"));

    assertFileOperations(fs, directory);

    Path source = write(fs, new Path(directory, "source.txt"), "new");
    // On S3 a rename is a server-side copy of each object, then a delete: not atomic, and its
    // cost grows with the bytes moved.
    long copiesBefore = fs.getStorageStatistics().getLong("object_copy_requests");
    Path copied = new Path(directory, "copied.txt");
    assertThat(fs.rename(source, copied)).isTrue();
    assertThat(fs.getStorageStatistics().getLong("object_copy_requests"))
        .isEqualTo(copiesBefore + 1);
    assertThat(fs.rename(copied, source)).isTrue();

    Path target = write(fs, new Path(directory, "target.txt"), "old");
    // Unlike HDFS, s3a reports this refusal as an exception, not as false.
    assertThatThrownBy(() -> fs.rename(source, target))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessage(
            "Failed to rename s3a://opslake-test/file-operations/source.txt"
                + " to s3a://opslake-test/file-operations/target.txt; destination file exists");
    assertThat(read(fs, target)).isEqualTo("old");
    assertThat(fs.exists(source)).isTrue();

    // s3a has no directories to check: the target's missing parents simply appear.
    Path underMissingParent = new Path(directory, "missing/parent.txt");
    assertThat(fs.rename(source, underMissingParent)).isTrue();
    assertThat(read(fs, underMissingParent)).isEqualTo("new");
    assertThat(fs.delete(directory, true)).isTrue();
  }

  private static void assertPartitionedParquetRoundTrip(String table) throws IOException {
    List<Row> rows =
        List.of(
            RowFactory.create("web-1", 120L, "2026-11-20"),
            RowFactory.create("web-2", 7L, "2026-11-20"),
            RowFactory.create("db-1", 42L, "2026-11-21"));
    spark
        .createDataFrame(rows, SCHEMA)
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("dt")
        .parquet(table);

    FileSystem fs = new Path(table).getFileSystem(spark.sparkContext().hadoopConfiguration());
    assertThat(names(fs.listStatus(new Path(table))))
        .containsExactlyInAnyOrder("_SUCCESS", "dt=2026-11-20", "dt=2026-11-21");
    assertThat(names(fs.listStatus(new Path(table, "dt=2026-11-21"))))
        .singleElement()
        .asString()
        .startsWith("part-00")
        .endsWith(".snappy.parquet");

    Dataset<Row> readBack = spark.read().parquet(table);
    // Partition discovery turns the dt directories back into a column, typed as a date.
    assertThat(readBack.schema().simpleString())
        .isEqualTo("struct<host:string,requests:bigint,dt:date>");
    List<String> readRows =
        readBack
            .selectExpr("concat_ws('|', host, requests, dt)")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(readRows)
        .containsExactlyInAnyOrder(
            "web-1|120|2026-11-20", "web-2|7|2026-11-20", "db-1|42|2026-11-21");
    assertThat(readBack.where("dt = DATE'2026-11-20'").count()).isEqualTo(2);
  }

  /** Create, list, rename and delete: the same expectations on every store. */
  private static void assertFileOperations(FileSystem fs, Path directory) throws IOException {
    fs.delete(directory, true);
    Path first = write(fs, new Path(directory, "part-0.txt"), "alpha");
    Path second = write(fs, new Path(directory, "part-1.txt"), "beta");
    assertThat(names(fs.listStatus(directory)))
        .containsExactlyInAnyOrder("part-0.txt", "part-1.txt");

    Path committed = new Path(directory, "committed");
    assertThat(fs.mkdirs(committed)).isTrue();
    Path renamed = new Path(committed, "part-0.txt");
    assertThat(fs.rename(first, renamed)).isTrue();
    assertThat(fs.exists(first)).isFalse();
    assertThat(read(fs, renamed)).isEqualTo("alpha");
    assertThat(fs.getFileStatus(renamed).getLen()).isEqualTo(5);
    // A rename onto an existing directory moves the file into it, keeping its name.
    assertThat(fs.rename(second, committed)).isTrue();
    assertThat(read(fs, new Path(committed, "part-1.txt"))).isEqualTo("beta");
    assertThat(names(fs.listStatus(directory))).containsExactly("committed");
    assertThat(names(fs.listStatus(committed)))
        .containsExactlyInAnyOrder("part-0.txt", "part-1.txt");

    assertThat(fs.delete(new Path(committed, "part-1.txt"), false)).isTrue();
    assertThat(fs.delete(new Path(committed, "never-written.txt"), false)).isFalse();
    assertThat(fs.delete(committed, true)).isTrue();
    assertThat(fs.exists(renamed)).isFalse();
    assertThat(fs.listStatus(directory)).isEmpty();
  }

  private static Path write(FileSystem fs, Path file, String content) throws IOException {
    try (FSDataOutputStream out = fs.create(file, false)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (FSDataInputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> names(FileStatus[] statuses) {
    return Arrays.stream(statuses).map(status -> status.getPath().getName()).toList();
  }
}
