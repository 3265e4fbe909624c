package io.opslake.schemas;

import java.util.Objects;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/** One documented column of an opslake table. */
public record Column(String name, ColumnType type, boolean nullable, String doc) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
  }

  public static Column required(String name, ColumnType type, String doc) {
    return new Column(name, type, false, doc);
  }

  public static Column optional(String name, ColumnType type, String doc) {
    return new Column(name, type, true, doc);
  }

  /** The Spark field, carrying the documentation as the standard {@code comment} metadata. */
  public StructField toSparkField() {
    Metadata metadata = new MetadataBuilder().putString("comment", doc).build();
    return new StructField(name, type.sparkType(), nullable, metadata);
  }
}
