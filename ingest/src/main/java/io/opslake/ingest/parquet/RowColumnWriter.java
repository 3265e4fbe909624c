package io.opslake.ingest.parquet;

import io.opslake.schemas.Column;
import io.opslake.schemas.ColumnType;
import io.opslake.schemas.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows given as {@code Object[]} in the table's data-column order straight into
 * parquet-mr's column writers, one per leaf column, with the repetition and definition levels
 * computed here: no {@code RecordConsumer}/{@code MessageColumnIO} in between.
 *
 * <p>Why by hand: the record layer re-discovers the row's shape on every value (start/end field
 * and group calls, a per-group bit set of written fields, null bookkeeping for the fields left
 * out), although an opslake table has a fixed, shallow shape: flat columns, one string list and
 * string maps. On bench/ingest's large shape (1.97 M app events) going around that layer took
 * opslake's CPU from 61.4 to 56.7 s (means of 4 and 6 interleaved runs; docs/benchmarks.md,
 * "Large-file shape: the Parquet writing side"), with byte-identical column chunks.
 *
 * <p>Levels, from the standard three-level layout of {@link TableParquetSchema}: a flat optional
 * column is at definition level 1 when present, 0 when null. A list's or map's leaf has maximum
 * definition level {@code d} (2 when the column is optional, 1 when required): an element or
 * entry is written at {@code d}, an empty list or map as one null at {@code d - 1}, a null column
 * as one null at level 0; the first element of a row has repetition level 0, the others 1.
 *
 * <p>Value types per column type: STRING {@link String}, INT and DATE {@link Integer}, LONG and
 * TIMESTAMP (micros) {@link Long}, DOUBLE {@link Double}, BOOLEAN {@link Boolean}, STRING_ARRAY
 * {@code List<String>} (null elements are skipped), STRING_MAP {@code Map<String,String>} (entries
 * with a null key or value are skipped). A null in a required column is a bug of the caller and
 * fails the write.
 */
final class RowColumnWriter {
  private final String[] names;
  private final ColumnType[] types;
  /** Per data column, the leaf descriptors: one, or two (key, value) for a map. */
  private final ColumnDescriptor[][] leaves;
  /** Per data column, the definition level of a present value (flat) or element (list, map). */
  private final int[] presentLevel;

  private final boolean[] optional;
  private final ColumnWriter[] first;
  private final ColumnWriter[] second;
  /**
   * Per STRING column, the last value and its encoding: columns such as source, source_file and
   * ingest_run_id repeat the same String instance on every row of a split, so identity is enough
   * to skip re-encoding.
   */
  private final String[] lastString;

  private final Binary[] lastBinary;

  RowColumnWriter(TableDefinition table, MessageType schema) {
    List<Column> columns = table.dataColumns();
    int n = columns.size();
    names = new String[n];
    types = new ColumnType[n];
    leaves = new ColumnDescriptor[n][];
    presentLevel = new int[n];
    optional = new boolean[n];
    first = new ColumnWriter[n];
    second = new ColumnWriter[n];
    lastString = new String[n];
    lastBinary = new Binary[n];
    List<ColumnDescriptor> descriptors = schema.getColumns();
    int leaf = 0;
    for (int i = 0; i < n; i++) {
      Column column = columns.get(i);
      names[i] = column.name();
      types[i] = column.type();
      optional[i] = column.nullable();
      int count = column.type() == ColumnType.STRING_MAP ? 2 : 1;
      leaves[i] = descriptors.subList(leaf, leaf + count).toArray(ColumnDescriptor[]::new);
      leaf += count;
      presentLevel[i] = leaves[i][0].getMaxDefinitionLevel();
    }
    if (leaf != descriptors.size()) {
      throw new IllegalStateException(
          "Parquet schema of " + table.name() + " has " + descriptors.size() + " leaf columns, expected " + leaf);
    }
  }

  /** Points the writer at the column writers of a new row group. */
  void bind(ColumnWriteStore store) {
    for (int i = 0; i < leaves.length; i++) {
      first[i] = store.getColumnWriter(leaves[i][0]);
      second[i] = leaves[i].length > 1 ? store.getColumnWriter(leaves[i][1]) : null;
    }
  }

  /** Writes one row's values; the caller ends the record on the store. */
  void write(Object[] row) {
    for (int i = 0; i < types.length; i++) {
      Object value = row[i];
      if (value == null) {
        writeNull(i);
      } else {
        writeValue(i, value);
      }
    }
  }

  private void writeNull(int column) {
    if (!optional[column]) {
      throw new IllegalArgumentException("Column " + names[column] + " is required but the row has no value");
    }
    first[column].writeNull(0, 0);
    if (second[column] != null) {
      second[column].writeNull(0, 0);
    }
  }

  @SuppressWarnings("unchecked")
  private void writeValue(int column, Object value) {
    ColumnWriter writer = first[column];
    int level = presentLevel[column];
    switch (types[column]) {
      case STRING -> writer.write(stringColumnValue(column, (String) value), 0, level);
      case INT, DATE -> writer.write((Integer) value, 0, level);
      case LONG, TIMESTAMP -> writer.write((Long) value, 0, level);
      case DOUBLE -> writer.write((Double) value, 0, level);
      case BOOLEAN -> writer.write((Boolean) value, 0, level);
      case STRING_ARRAY -> writeList(writer, level, (List<String>) value);
      case STRING_MAP -> writeMap(writer, second[column], level, (Map<String, String>) value);
    }
  }

  private Binary stringColumnValue(int column, String value) {
    if (lastString[column] != value) {
      lastString[column] = value;
      lastBinary[column] = binary(value);
    }
    return lastBinary[column];
  }

  private static void writeList(ColumnWriter writer, int level, List<String> values) {
    int repetition = 0;
    for (String element : values) {
      if (element != null) {
        writer.write(binary(element), repetition, level);
        repetition = 1;
      }
    }
    if (repetition == 0) {
      writer.writeNull(0, level - 1);
    }
  }

  private static void writeMap(ColumnWriter keys, ColumnWriter values, int level, Map<String, String> map) {
    int repetition = 0;
    for (Map.Entry<String, String> entry : map.entrySet()) {
      if (entry.getKey() != null && entry.getValue() != null) {
        keys.write(binary(entry.getKey()), repetition, level);
        values.write(binary(entry.getValue()), repetition, level);
        repetition = 1;
      }
    }
    if (repetition == 0) {
      keys.writeNull(0, level - 1);
      values.writeNull(0, level - 1);
    }
  }

  /**
   * A byte-array-backed Binary: its hashCode and equals (used by the dictionary encoder on every
   * value) run on a plain array, several times faster than on {@code Binary.fromString}'s
   * ByteBuffer.
   */
  private static Binary binary(String value) {
    return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
  }
}
