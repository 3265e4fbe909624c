package io.opslake.sampledata;

import java.util.Arrays;
import java.util.Optional;

/**
 * The input formats the generator writes, with the directory name ({@link #id()}, equal to the
 * ingest format id) and the file extension used under {@code dt=YYYY-MM-DD/<id>/}.
 */
public enum SampleFormat {
  APP_EVENTS("app_events", "jsonl"),
  APP_EVENTS_EDN("app_events_edn", "edn"),
  JOURNALD("journald", "jsonl"),
  ZAP("zap", "log"),
  PLAINTEXT("plaintext", "app.log"),
  STATSD("statsd", "statsd"),
  DCOS_METRICS("dcos_metrics", "json"),
  WRITER_METRICS("writer_metrics", "writer.jsonl"),
  ES_SHARDS("es_shards", "txt"),
  EXPVAR("expvar", "expvar.jsonl"),
  KAFKA_LAG("kafka_lag", "lag.txt"),
  HOST_STATS("host_stats", "txt");

  private final String id;
  private final String extension;

  SampleFormat(String id, String extension) {
    this.id = id;
    this.extension = extension;
  }

  public String id() {
    return id;
  }

  /** File name suffix without the leading dot and without the compression suffix. */
  public String extension() {
    return extension;
  }

  public static Optional<SampleFormat> fromId(String id) {
    return Arrays.stream(values()).filter(format -> format.id.equals(id)).findFirst();
  }
}
