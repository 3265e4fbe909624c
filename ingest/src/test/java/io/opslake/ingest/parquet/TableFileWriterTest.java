package io.opslake.ingest.parquet;

import static io.opslake.schemas.Column.optional;
import static io.opslake.schemas.Column.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.schemas.ColumnType;
import io.opslake.schemas.TableDefinition;
import io.opslake.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows written through the hand-written column path come back from Spark's own Parquet reader
 * value for value: nulls, empty and non-empty lists and maps, required and optional nesting, and
 * several row groups.
 */
class TableFileWriterTest {
  private static final TableDefinition TABLE =
      new TableDefinition(
          "writer_test",
          "Every column type, required and optional.",
          List.of(
              required("id", ColumnType.LONG, "Row number."),
              required("source", ColumnType.STRING, "The same String instance on every row."),
              optional("name", ColumnType.STRING, "Text, sometimes null, sometimes non-ASCII."),
              optional("count", ColumnType.INT, "An int."),
              optional("score", ColumnType.DOUBLE, "A double."),
              optional("flag", ColumnType.BOOLEAN, "A boolean."),
              optional("at", ColumnType.TIMESTAMP, "Microseconds since the epoch."),
              required("tags", ColumnType.STRING_ARRAY, "A required list."),
              optional("more_tags", ColumnType.STRING_ARRAY, "An optional list."),
              required("labels", ColumnType.STRING_MAP, "A required map."),
              optional("extra", ColumnType.STRING_MAP, "An optional map.")),
          required("dt", ColumnType.DATE, "Partition."));

  private static final String SOURCE = "app_events";

  @TempDir Path temp;
  private final SparkSession spark = SharedSpark.session();

  @Test
  void nullsAndEmptyAndNonEmptyListsAndMapsReadBackValueForValue() throws IOException {
    List<Object[]> rows = new ArrayList<>();
    rows.add(row(0, "plain", 7, 1.5, true, 1_700_000_000_123_456L,
        List.of("a", "b"), List.of("x"), map("k", "v", "k2", "v2"), map("e", "1")));
    rows.add(row(1, null, null, null, null, null, List.of(), null, map(), null));
    rows.add(row(2, "", 0, -0.0, false, 0L, List.of("only"), List.of(), map("k", "v"), map()));
    rows.add(row(3, "h\u00e9t\u00e9 \u65e5\u672c", Integer.MIN_VALUE, Double.MAX_VALUE, null, -1L,
        Arrays.asList("a", null, "c"), Arrays.asList((String) null), map("k", null, "j", "w"),
        map("n", null)));
    rows.add(row(4, "last", Integer.MAX_VALUE, null, true, 253_402_300_799_999_999L,
        List.of("z", "z", "z"), List.of("p", "q"), map("a", "", "", "b"), null));

    List<Row> read = writeAndRead(rows, 1 << 20);

    assertThat(read).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertSameValues(read.get(i), rows.get(i));
    }
  }

  @Test
  void manyRowsSplitIntoRowGroupsAtTheRowGroupSize() throws IOException {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String unique = "message number " + i + " of the many-rows test";
      rows.add(row(i, unique, i % 7 == 0 ? null : i, i / 3.0, i % 2 == 0, 1_000_000L * i,
          i % 5 == 0 ? List.of() : List.of("t" + (i % 3), unique), i % 4 == 0 ? null : List.of("m"),
          i % 6 == 0 ? map() : map("host", "h" + (i % 11), "id", unique),
          i % 3 == 0 ? null : map("x", Integer.toString(i))));
    }
    Path file = temp.resolve("many.parquet");
    write(file, rows, 64 << 10);

    ParquetMetadata footer = footer(file);
    assertThat(footer.getBlocks()).hasSizeGreaterThan(1);
    assertThat(footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(rows.size());
    List<Row> read = read(file);
    assertThat(read).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertSameValues(read.get(i), rows.get(i));
    }
  }

  @Test
  void theFooterCarriesTheTableSchemaSparksSchemaKeyAndMicrosecondTimestamps() throws IOException {
    Path file = temp.resolve("footer.parquet");
    write(file, List.<Object[]>of(row(0, "x", 1, 1.0, true, 1L, List.of(), null, map(), null)), 1 << 20);

    ParquetMetadata footer = footer(file);
    assertThat(footer.getFileMetaData().getSchema()).isEqualTo(TableParquetSchema.of(TABLE));
    assertThat(footer.getFileMetaData().getSchema().getType("at").toString())
        .isEqualTo("optional int64 at (TIMESTAMP(MICROS,true))");
    assertThat(footer.getFileMetaData().getKeyValueMetaData())
        .containsEntry("org.apache.spark.sql.parquet.row.metadata", TABLE.dataSchema().json())
        .containsEntry("writer.model.name", "opslake");
  }

  @Test
  void aNullInARequiredColumnFailsTheWrite() throws IOException {
    Object[] row = row(0, "x", 1, 1.0, true, 1L, null, null, map(), null);
    try (TableFileWriter writer = new TableFileWriter(TABLE, hadoopPath(temp.resolve("bad.parquet")), new Configuration(), 1 << 20)) {
      assertThatThrownBy(() -> writer.write(row))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Column tags is required but the row has no value");
    }
  }

  private static Object[] row(long id, String name, Integer count, Double score, Boolean flag, Long at,
      List<String> tags, List<String> moreTags, Map<String, String> labels, Map<String, String> extra) {
    return new Object[] {id, SOURCE, name, count, score, flag, at, tags, moreTags, labels, extra};
  }

  private static Map<String, String> map(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private List<Row> writeAndRead(List<Object[]> rows, long rowGroupBytes) throws IOException {
    Path file = temp.resolve("rows.parquet");
    write(file, rows, rowGroupBytes);
    return read(file);
  }

  private static void write(Path file, List<Object[]> rows, long rowGroupBytes) throws IOException {
    try (TableFileWriter writer = new TableFileWriter(TABLE, hadoopPath(file), new Configuration(), rowGroupBytes)) {
      for (Object[] row : rows) {
        writer.write(row);
      }
      assertThat(writer.rows()).isEqualTo(rows.size());
    }
  }

  private List<Row> read(Path file) {
    // No schema given: Spark derives it from the file, so the file's types are what is checked.
    return spark.read().parquet(file.toString()).orderBy("id").collectAsList();
  }

  private static ParquetMetadata footer(Path file) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath(file), new Configuration()))) {
      return reader.getFooter();
    }
  }

  private static org.apache.hadoop.fs.Path hadoopPath(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri());
  }

  /** Compares a row read by Spark with the row written, column by column. */
  private static void assertSameValues(Row read, Object[] written) {
    String at = "row " + written[0];
    assertThat(read.schema().fieldNames()).as(at).containsExactly(
        "id", "source", "name", "count", "score", "flag", "at", "tags", "more_tags", "labels", "extra");
    assertThat(read.getLong(0)).as(at).isEqualTo(written[0]);
    assertThat(read.getString(1)).as(at).isEqualTo(written[1]);
    assertThat((String) read.getAs(2)).as(at).isEqualTo(written[2]);
    assertThat((Integer) read.getAs(3)).as(at).isEqualTo(written[3]);
    assertThat((Double) read.getAs(4)).as(at).isEqualTo(written[4]);
    assertThat((Boolean) read.getAs(5)).as(at).isEqualTo(written[5]);
    Timestamp timestamp = read.getAs(6);
    assertThat(timestamp == null ? null : micros(timestamp)).as(at).isEqualTo(written[6]);
    assertThat(list(read, 7)).as(at).isEqualTo(withoutNulls(written[7]));
    assertThat(list(read, 8)).as(at).isEqualTo(withoutNulls(written[8]));
    assertThat(map(read, 9)).as(at).isEqualTo(withoutNullEntries(written[9]));
    assertThat(map(read, 10)).as(at).isEqualTo(withoutNullEntries(written[10]));
  }

  private static long micros(Timestamp timestamp) {
    return Math.multiplyExact(timestamp.getTime() / 1000 - (timestamp.getTime() % 1000 < 0 ? 1 : 0), 1_000_000L)
        + timestamp.getNanos() / 1000;
  }

  private static List<String> list(Row row, int index) {
    return row.isNullAt(index) ? null : row.getList(index);
  }

  private static Map<String, String> map(Row row, int index) {
    return row.isNullAt(index) ? null : new HashMap<>(row.<String, String>getJavaMap(index));
  }

  /** Null elements are skipped by the writer (documented on {@link RowColumnWriter}). */
  @SuppressWarnings("unchecked")
  private static List<String> withoutNulls(Object list) {
    return list == null ? null : ((List<String>) list).stream().filter(Objects::nonNull).toList();
  }

  /** Entries with a null key or value are skipped by the writer. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> withoutNullEntries(Object map) {
    if (map == null) {
      return null;
    }
    Map<String, String> kept = new HashMap<>();
    ((Map<String, String>) map).forEach((key, value) -> {
      if (key != null && value != null) {
        kept.put(key, value);
      }
    });
    return kept;
  }
}
