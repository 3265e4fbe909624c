package io.opslake.ingest.parquet;

import io.opslake.schemas.Column;
import io.opslake.schemas.ColumnType;
import io.opslake.schemas.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes rows given as {@code Object[]} in the table's data-column order straight to Parquet's
 * record consumer: no Spark {@code InternalRow}, no Avro or example-Group objects in between. This
 * is the ingest hot path; see docs/architecture.md for why ingest writes Parquet itself.
 *
 * <p>Value types per column type: STRING {@link String}, INT {@link Integer}, LONG and TIMESTAMP
 * (micros) {@link Long}, DOUBLE {@link Double}, BOOLEAN {@link Boolean}, STRING_ARRAY {@code
 * List<String>}, STRING_MAP {@code Map<String,String>} (null values are skipped). The Spark schema
 * with column comments goes into the footer under Spark's own key, so Spark shows the docs.
 */
final class RowWriteSupport extends WriteSupport<Object[]> {
  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private final TableDefinition table;
  private final ColumnType[] types;
  private final String[] names;
  /**
   * Per STRING column, the last value and its encoding: columns such as source, source_file and
   * ingest_run_id repeat the same String instance on every row of a split, so identity is enough
   * to skip re-encoding.
   */
  private final String[] lastString;
  private final Binary[] lastBinary;
  private RecordConsumer consumer;

  RowWriteSupport(TableDefinition table) {
    this.table = table;
    List<Column> columns = table.dataColumns();
    this.types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
    this.names = columns.stream().map(Column::name).toArray(String[]::new);
    this.lastString = new String[columns.size()];
    this.lastBinary = new Binary[columns.size()];
  }

  @Override
  public WriteContext init(Configuration configuration) {
    Map<String, String> footer = new HashMap<>();
    footer.put(SPARK_SCHEMA_KEY, table.dataSchema().json());
    footer.put("writer.model.name", "opslake");
    return new WriteContext(TableParquetSchema.of(table), footer);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Object[] row) {
    consumer.startMessage();
    for (int i = 0; i < types.length; i++) {
      Object value = row[i];
      if (value == null) {
        continue;
      }
      consumer.startField(names[i], i);
      if (types[i] == ColumnType.STRING) {
        consumer.addBinary(stringColumnValue(i, (String) value));
      } else {
        writeValue(types[i], value);
      }
      consumer.endField(names[i], i);
    }
    consumer.endMessage();
  }

  private Binary stringColumnValue(int column, String value) {
    if (lastString[column] != value) {
      lastString[column] = value;
      lastBinary[column] = binary(value);
    }
    return lastBinary[column];
  }

  /**
   * A byte-array-backed Binary: its hashCode and equals (used by the dictionary encoder on every
   * value) run on a plain array, several times faster than on {@code Binary.fromString}'s
   * ByteBuffer.
   */
  private static Binary binary(String value) {
    return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private void writeValue(ColumnType type, Object value) {
    switch (type) {
      case STRING -> consumer.addBinary(binary((String) value));
      case INT, DATE -> consumer.addInteger((Integer) value);
      case LONG, TIMESTAMP -> consumer.addLong((Long) value);
      case DOUBLE -> consumer.addDouble((Double) value);
      case BOOLEAN -> consumer.addBoolean((Boolean) value);
      case STRING_ARRAY -> writeList((List<String>) value);
      case STRING_MAP -> writeMap((Map<String, String>) value);
    }
  }

  private void writeList(List<String> values) {
    consumer.startGroup();
    if (!values.isEmpty()) {
      consumer.startField("list", 0);
      for (String element : values) {
        consumer.startGroup();
        if (element != null) {
          consumer.startField("element", 0);
          consumer.addBinary(binary(element));
          consumer.endField("element", 0);
        }
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
  }

  private void writeMap(Map<String, String> values) {
    consumer.startGroup();
    boolean opened = false;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        continue;
      }
      if (!opened) {
        consumer.startField("key_value", 0);
        opened = true;
      }
      consumer.startGroup();
      consumer.startField("key", 0);
      consumer.addBinary(binary(entry.getKey()));
      consumer.endField("key", 0);
      consumer.startField("value", 1);
      consumer.addBinary(binary(entry.getValue()));
      consumer.endField("value", 1);
      consumer.endGroup();
    }
    if (opened) {
      consumer.endField("key_value", 0);
    }
    consumer.endGroup();
  }
}
