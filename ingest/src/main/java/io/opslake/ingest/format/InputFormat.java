package io.opslake.ingest.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The input formats ingest understands; {@link #id()} is the {@code --format} name and the {@code source} column. */
public enum InputFormat {
  APP_EVENTS("app_events", "app events as JSON lines"),
  APP_EVENTS_EDN("app_events_edn", "app events as EDN maps, one per line"),
  JOURNALD("journald", "journalctl -o json export"),
  ZAP("zap", "zap-style structured JSON logs, optionally behind a docker-compose prefix"),
  PLAINTEXT("plaintext", "plain-text application logs with multi-line Java stack traces"),
  STATSD("statsd", "StatsD and DogStatsD lines"),
  DCOS_METRICS("dcos_metrics", "DC/OS metrics JSON documents, one per line");

  private final String id;
  private final String description;

  InputFormat(String id, String description) {
    this.id = id;
    this.description = description;
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
