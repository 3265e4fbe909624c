package io.opslake.ingest.parquet;

import io.opslake.schemas.TableDefinition;
import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * One Parquet file of one table, written row by row (Snappy, dictionary encoding, as Spark
 * writes by default). Memory: up to one row group ({@code rowGroupBytes}) buffered per open file.
 */
public final class TableFileWriter implements Closeable {
  private static final java.util.List<String> UNIQUE_VALUED_COLUMNS =
      java.util.List.of("event_id", "md5", "ts", "received_at", "source_line", "line", "raw",
          "attributes.key_value.value");

  private final ParquetWriter<Object[]> writer;
  private final Path path;
  private long rows;

  public TableFileWriter(TableDefinition table, Path path, Configuration conf, long rowGroupBytes)
      throws IOException {
    this.path = path;
    Builder builder = new Builder(path, conf, table);
    // Dictionaries pay off for repeated values (hostnames, types, URLs) and cost a hash lookup
    // per value plus a fallback re-encode for unique ones (ids, checksums, times, line numbers).
    for (String column : UNIQUE_VALUED_COLUMNS) {
      builder.withDictionaryEncoding(column, false);
    }
    this.writer =
        builder
            .withWriteMode(ParquetFileWriter.Mode.CREATE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupSize(rowGroupBytes)
            .withPageSize(1 << 20)
            .withDictionaryEncoding(true)
            .build();
  }

  public void write(Object[] row) throws IOException {
    writer.write(row);
    rows++;
  }

  public long rows() {
    return rows;
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final TableDefinition table;

    Builder(Path path, Configuration conf, TableDefinition table) throws IOException {
      super(HadoopOutputFile.fromPath(path, conf));
      this.table = table;
      withConf(conf);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(table);
    }
  }
}
