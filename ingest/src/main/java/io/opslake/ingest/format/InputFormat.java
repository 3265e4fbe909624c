package io.opslake.ingest.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The input formats ingest understands; {@link #id()} is the {@code --format} name and the {@code source} column. */
public enum InputFormat {
  APP_EVENTS("app_events", "app events as JSON lines", Splitting.BY_LINE),
  APP_EVENTS_EDN("app_events_edn", "app events as EDN maps, one per line", Splitting.BY_LINE),
  JOURNALD("journald", "journalctl -o json export", Splitting.BY_LINE),
  ZAP("zap", "zap-style structured JSON logs, optionally behind a docker-compose prefix", Splitting.BY_LINE),
  PLAINTEXT("plaintext", "plain-text application logs with multi-line Java stack traces", Splitting.BY_LINE),
  STATSD("statsd", "StatsD and DogStatsD lines", Splitting.BY_LINE),
  DCOS_METRICS("dcos_metrics", "DC/OS metrics JSON documents, one per line", Splitting.BY_LINE),
  WRITER_METRICS("writer_metrics", "writer instrumentation events (Interval/MultiInterval/LifeTime counters), one JSON per line", Splitting.BY_LINE),
  ES_SHARDS("es_shards", "Elasticsearch _cat/shards text snapshots", Splitting.WHOLE_FILE),
  EXPVAR("expvar", "Go expvar /debug/vars snapshots, one JSON per line behind its capture time", Splitting.BY_LINE),
  KAFKA_LAG("kafka_lag", "Kafka consumer lag: monitor tables and delta.<cluster> events", Splitting.WHOLE_FILE),
  HOST_STATS("host_stats", "host statistics snapshots: vmstat, free, df, top summary, lsof", Splitting.WHOLE_FILE),
  ACCESS_LOG("access_log", "web server access logs: Apache common/combined, nginx combined", Splitting.BY_LINE);

  /**
   * Whether a large file may be cut into splits read in parallel. Snapshot formats whose lines
   * only make sense after a header (a table's column names, a capture's time) are read whole.
   */
  public enum Splitting {
    BY_LINE,
    WHOLE_FILE
  }

  private final String id;
  private final String description;
  private final Splitting splitting;

  InputFormat(String id, String description, Splitting splitting) {
    this.id = id;
    this.description = description;
    this.splitting = splitting;
  }

  public Splitting splitting() {
    return splitting;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static Optional<InputFormat> fromId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(format -> format.id.equals(wanted)).findFirst();
  }
}
