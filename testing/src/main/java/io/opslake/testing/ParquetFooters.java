package io.opslake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Reads Parquet footers to check how columns are physically stored. */
public final class ParquetFooters {
  private ParquetFooters() {}

  /** How one timestamp-like column of one file is stored. */
  public record TimestampColumn(Path file, String column, String physicalType, String logicalType) {
    public boolean int64Micros() {
      return physicalType.equals("INT64") && logicalType.startsWith("TIMESTAMP(MICROS");
    }
  }

  /** The {@code .parquet} files under {@code directory}, skipping names starting with {@code _} or {@code .}. */
  public static List<Path> parquetFiles(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".parquet"))
          .filter(file -> {
            for (Path part : directory.relativize(file)) {
              String name = part.toString();
              if (name.startsWith("_") || name.startsWith(".")) {
                return false;
              }
            }
            return true;
          })
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every INT96 column and every column annotated as a timestamp in {@code file}'s schema. */
  public static List<TimestampColumn> timestampColumns(Path file) {
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      List<TimestampColumn> columns = new ArrayList<>();
      for (String[] path : schema.getPaths()) {
        Type type = schema.getType(path);
        if (!type.isPrimitive()) {
          continue;
        }
        PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        boolean int96 = primitive.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96;
        if (int96 || logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          columns.add(new TimestampColumn(file, String.join(".", path), primitive.getPrimitiveTypeName().name(),
              logical == null ? "" : logical.toString()));
        }
      }
      return columns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
