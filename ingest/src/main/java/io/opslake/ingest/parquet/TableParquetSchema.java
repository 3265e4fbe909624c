package io.opslake.ingest.parquet;

import io.opslake.schemas.Column;
import io.opslake.schemas.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet layout of an opslake table: the standard three-level LIST and MAP structures and
 * INT64 TIMESTAMP(MICROS, UTC), the layout Spark itself writes with {@code
 * spark.sql.parquet.outputTimestampType=TIMESTAMP_MICROS}, so Spark, DuckDB, Trino and pandas
 * read the files without settings.
 */
public final class TableParquetSchema {
  private TableParquetSchema() {}

  public static MessageType of(TableDefinition table) {
    List<Type> fields = new ArrayList<>();
    for (Column column : table.dataColumns()) {
      fields.add(field(column));
    }
    return new MessageType("spark_schema", fields);
  }

  private static Type field(Column column) {
    Repetition repetition = column.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
    String name = column.name();
    return switch (column.type()) {
      case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
          .as(LogicalTypeAnnotation.stringType()).named(name);
      case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
      case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
      case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
          .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
      case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
          .as(LogicalTypeAnnotation.dateType()).named(name);
      case STRING_ARRAY -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup()
              .addField(Types.required(PrimitiveTypeName.BINARY)
                  .as(LogicalTypeAnnotation.stringType()).named("element"))
              .named("list"))
          .named(name);
      case STRING_MAP -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
          .addField(Types.repeatedGroup()
              .addField(Types.required(PrimitiveTypeName.BINARY)
                  .as(LogicalTypeAnnotation.stringType()).named("key"))
              .addField(Types.required(PrimitiveTypeName.BINARY)
                  .as(LogicalTypeAnnotation.stringType()).named("value"))
              .named("key_value"))
          .named(name);
    };
  }
}
