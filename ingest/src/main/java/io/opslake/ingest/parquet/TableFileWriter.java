package io.opslake.ingest.parquet;

import io.opslake.schemas.TableDefinition;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet file of one table, written row by row (Snappy, dictionary encoding, as Spark
 * writes by default), through parquet-mr's column API: a {@link ColumnWriteStore} over a page
 * store per row group, filled by {@link RowColumnWriter}, flushed into a {@link ParquetFileWriter}
 * when the buffered bytes reach the row-group size. The files are the ones {@code ParquetWriter}
 * wrote before (same schema, encodings, statistics and footer keys); what is skipped is the
 * record layer, see {@link RowColumnWriter}. Memory: up to one row group ({@code rowGroupBytes})
 * buffered per open file.
 */
public final class TableFileWriter implements Closeable {
  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
  private static final List<String> UNIQUE_VALUED_COLUMNS =
      List.of("event_id", "md5", "ts", "received_at", "source_line", "line", "raw",
          "attributes.key_value.value");
  private static final int PAGE_BYTES = 1 << 20;

  private final Path path;
  private final MessageType schema;
  private final Map<String, String> footer;
  private final ParquetProperties properties;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final ParquetFileWriter file;
  private final RowColumnWriter rowWriter;
  private final long rowGroupBytes;
  private long nextRowGroupBytes;
  private ColumnChunkPageWriteStore pageStore;
  private ColumnWriteStore columnStore;
  private long rowGroupRows;
  private long nextSizeCheck;
  private long rows;
  private boolean closed;

  public TableFileWriter(TableDefinition table, Path path, Configuration conf, long rowGroupBytes)
      throws IOException {
    this.path = path;
    this.schema = TableParquetSchema.of(table);
    this.footer =
        Map.of(SPARK_SCHEMA_KEY, table.dataSchema().json(), ParquetWriter.OBJECT_MODEL_NAME_PROP, "opslake");
    ParquetProperties.Builder builder =
        ParquetProperties.builder().withPageSize(PAGE_BYTES).withDictionaryEncoding(true);
    // Dictionaries pay off for repeated values (hostnames, types, URLs) and cost a hash lookup
    // per value plus a fallback re-encode for unique ones (ids, checksums, times, line numbers).
    for (String column : UNIQUE_VALUED_COLUMNS) {
      builder.withDictionaryEncoding(column, false);
    }
    this.properties = builder.build();
    this.rowGroupBytes = rowGroupBytes;
    this.nextRowGroupBytes = rowGroupBytes;
    this.file =
        new ParquetFileWriter(
            HadoopOutputFile.fromPath(path, conf),
            schema,
            ParquetFileWriter.Mode.CREATE,
            rowGroupBytes,
            ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
            properties.getColumnIndexTruncateLength(),
            properties.getStatisticsTruncateLength(),
            properties.getPageWriteChecksumEnabled());
    this.codecs = new CodecFactory(conf, properties.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
    this.rowWriter = new RowColumnWriter(table, schema);
    file.start();
    startRowGroup();
  }

  public void write(Object[] row) throws IOException {
    rowWriter.write(row);
    columnStore.endRecord();
    rowGroupRows++;
    rows++;
    if (rowGroupRows >= nextSizeCheck) {
      checkRowGroupSize();
    }
  }

  public long rows() {
    return rows;
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flushRowGroup();
      file.end(footer);
    } finally {
      codecs.release();
    }
  }

  private void startRowGroup() {
    pageStore =
        new ColumnChunkPageWriteStore(
            compressor,
            schema,
            properties.getAllocator(),
            properties.getColumnIndexTruncateLength(),
            properties.getPageWriteChecksumEnabled());
    columnStore = properties.newColumnWriteStore(schema, pageStore, pageStore);
    rowWriter.bind(columnStore);
    rowGroupRows = 0;
    nextSizeCheck = properties.getMinRowCountForPageSizeCheck();
  }

  /**
   * Asking the store for its buffered size walks every column, so the next check is set halfway
   * to the row count at which rows of the average size so far would fill the row group (at least
   * the minimum, at most the maximum row count between checks). A row group is closed when two
   * more average rows would cross its size.
   */
  private void checkRowGroupSize() throws IOException {
    long buffered = columnStore.getBufferedSize();
    long rowBytes = Math.max(1, buffered / rowGroupRows);
    if (buffered > nextRowGroupBytes - 2 * rowBytes) {
      flushRowGroup();
      startRowGroup();
      return;
    }
    long rowsWhenFull = nextRowGroupBytes / rowBytes;
    nextSizeCheck =
        Math.min(
            Math.max(properties.getMinRowCountForPageSizeCheck(), (rowGroupRows + rowsWhenFull) / 2),
            rowGroupRows + properties.getMaxRowCountForPageSizeCheck());
  }

  private void flushRowGroup() throws IOException {
    if (rowGroupRows == 0) {
      return;
    }
    file.startBlock(rowGroupRows);
    columnStore.flush();
    pageStore.flushToFileWriter(file);
    file.endBlock();
    nextRowGroupBytes = Math.min(file.getNextRowGroupSize(), rowGroupBytes);
  }
}
