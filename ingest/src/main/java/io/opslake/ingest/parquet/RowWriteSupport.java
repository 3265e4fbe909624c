package io.opslake.ingest.parquet;

import io.opslake.schemas.Column;
import io.opslake.schemas.ColumnType;
import io.opslake.schemas.TableDefinition;
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
   * Per column, the encodings of repeated strings (for maps, of keys; values in a second cache):
   * columns such as source, source_file and ingest_run_id repeat the same String instance on every
   * row of a split, hostnames, types, tags and attribute keys repeat their values.
   */
  private final BinaryCache[] strings;
  private final BinaryCache[] mapValues;
  private RecordConsumer consumer;

  RowWriteSupport(TableDefinition table) {
    this.table = table;
    List<Column> columns = table.dataColumns();
    this.types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
    this.names = columns.stream().map(Column::name).toArray(String[]::new);
    this.strings = new BinaryCache[columns.size()];
    this.mapValues = new BinaryCache[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      strings[i] = new BinaryCache();
      mapValues[i] = new BinaryCache();
    }
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
      writeValue(i, value);
      consumer.endField(names[i], i);
    }
    consumer.endMessage();
  }

  @SuppressWarnings("unchecked")
  private void writeValue(int column, Object value) {
    switch (types[column]) {
      case STRING -> consumer.addBinary(strings[column].of((String) value));
      case INT, DATE -> consumer.addInteger((Integer) value);
      case LONG, TIMESTAMP -> consumer.addLong((Long) value);
      case DOUBLE -> consumer.addDouble((Double) value);
      case BOOLEAN -> consumer.addBoolean((Boolean) value);
      case STRING_ARRAY -> writeList(strings[column], (List<String>) value);
      case STRING_MAP -> writeMap(strings[column], mapValues[column], (Map<String, String>) value);
    }
  }

  private void writeList(BinaryCache elements, List<String> values) {
    consumer.startGroup();
    if (!values.isEmpty()) {
      consumer.startField("list", 0);
      for (String element : values) {
        consumer.startGroup();
        if (element != null) {
          consumer.startField("element", 0);
          consumer.addBinary(elements.of(element));
          consumer.endField("element", 0);
        }
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
  }

  private void writeMap(BinaryCache keys, BinaryCache valueCache, Map<String, String> values) {
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
      consumer.addBinary(keys.of(entry.getKey()));
      consumer.endField("key", 0);
      consumer.startField("value", 1);
      consumer.addBinary(valueCache.of(entry.getValue()));
      consumer.endField("value", 1);
      consumer.endGroup();
    }
    if (opened) {
      consumer.endField("key_value", 0);
    }
    consumer.endGroup();
  }
}
