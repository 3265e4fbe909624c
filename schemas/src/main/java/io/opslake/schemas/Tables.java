package io.opslake.schemas;

import static io.opslake.schemas.Column.optional;
import static io.opslake.schemas.Column.required;
import static io.opslake.schemas.ColumnType.BOOLEAN;
import static io.opslake.schemas.ColumnType.DATE;
import static io.opslake.schemas.ColumnType.DOUBLE;
import static io.opslake.schemas.ColumnType.INT;
import static io.opslake.schemas.ColumnType.LONG;
import static io.opslake.schemas.ColumnType.STRING;
import static io.opslake.schemas.ColumnType.STRING_ARRAY;
import static io.opslake.schemas.ColumnType.STRING_MAP;
import static io.opslake.schemas.ColumnType.TIMESTAMP;

import java.util.List;
import java.util.Optional;

/**
 * Every table opslake writes, with its documented columns. docs/tables.md is checked against this
 * class by a test, so the two cannot drift apart.
 */
public final class Tables {
  /** Maximum number of characters of a rejected record kept in {@code quarantine.raw}. */
  public static final int QUARANTINE_RAW_MAX_CHARS = 4096;

  private static final Column EVENT_DATE =
      required("dt", DATE, "UTC date of the event time `ts`; the Hive partition (`dt=YYYY-MM-DD`).");
  private static final Column INGEST_DATE =
      required("dt", DATE, "UTC date the ingest run started; the Hive partition (`dt=YYYY-MM-DD`).");
  private static final Column SOURCE_FILE =
      required("source_file", STRING, "Fully qualified URI of the input file the record came from.");
  private static final Column INGEST_RUN_ID =
      required("ingest_run_id", STRING, "Id of the ingest run that wrote the row (see `ingest_runs`).");

  public static final TableDefinition RAW_EVENTS =
      new TableDefinition(
          "raw_events",
          "One row per event as ingested (app events, journald, zap and plain-text logs, web access logs).",
          List.of(
              required(
                  "event_id",
                  STRING,
                  "Deterministic id: hex md5 of the input file's content fingerprint and the record's"
                      + " first line number. Re-ingesting the same bytes yields the same id."),
              required("ts", TIMESTAMP, "Event time (UTC), as the producer stamped it."),
              optional(
                  "received_at",
                  TIMESTAMP,
                  "When the producer's collector received the event, where the format carries it."),
              required(
                  "source",
                  STRING,
                  "Input format: app_events, app_events_edn, journald, zap, plaintext, access_log (statsd for DogStatsD events)."),
              optional("hostname", STRING, "Host that emitted the event."),
              optional("type", STRING, "Event type exactly as emitted (never rewritten here)."),
              optional(
                  "level",
                  STRING,
                  "Severity, lower case: trace, debug, info, warn, error, fatal (journald PRIORITY"
                      + " and log levels are mapped onto these)."),
              optional(
                  "message",
                  STRING,
                  "Human-readable text; for plain-text logs with a Java stack trace, the whole"
                      + " folded record including the trace."),
              required("tags", STRING_ARRAY, "Tags as emitted; empty when none."),
              required(
                  "labels",
                  STRING_MAP,
                  "Identity of the emitter: agent_id, container_id, framework_id, framework_name,"
                      + " executor_id, application_name, unit, pid, caller, logger, thread, ..."),
              required(
                  "attributes",
                  STRING_MAP,
                  "additional_info and structured fields, flattened to dotted keys, values as"
                      + " strings (JSON text for lists)."),
              optional(
                  "duration_ms",
                  DOUBLE,
                  "Promoted from attributes `duration_ms`, `elapsed_ms`, or `execution_time` /"
                      + " `duration` (seconds, times 1000)."),
              optional(
                  "http_status",
                  INT,
                  "Promoted from attributes `http_status`, `status_code` or `status` when 100..599."),
              optional("url", STRING, "Promoted from attributes `url`, `uri` or `path`."),
              optional("md5", STRING, "Checksum the producer sent with the event, if any."),
              SOURCE_FILE,
              required("source_line", LONG, "1-based line number of the record's first line."),
              INGEST_RUN_ID),
          EVENT_DATE);

  public static final TableDefinition RAW_METRICS =
      new TableDefinition(
          "raw_metrics",
          "One row per metric datapoint (StatsD/DogStatsD, DC/OS metrics, metric snapshots).",
          List.of(
              required("ts", TIMESTAMP, "Time of the datapoint (UTC)."),
              required("name", STRING, "Metric name as emitted, dotted."),
              required(
                  "value",
                  DOUBLE,
                  "Value; StatsD counters are divided by their sample rate (`@0.1` counts ten)."),
              optional("unit", STRING, "Unit where the producer sent one (bytes, ms, percent, count, ...)."),
              required(
                  "kind",
                  STRING,
                  "counter, gauge, timer, histogram, distribution, set or rate."),
              optional("hostname", STRING, "Host the datapoint describes."),
              required("labels", STRING_MAP, "Tags and dimensions, as key -> value."),
              required("source", STRING, "Input format: statsd, dcos_metrics, ..."),
              SOURCE_FILE,
              required("source_line", LONG, "1-based line number of the record."),
              INGEST_RUN_ID),
          EVENT_DATE);

  public static final TableDefinition QUARANTINE =
      new TableDefinition(
          "quarantine",
          "One row per rejected input record, with the reason; nothing is dropped silently.",
          List.of(
              SOURCE_FILE,
              required(
                  "line",
                  LONG,
                  "1-based line number of the rejected record's first line (0 when the whole"
                      + " file was rejected, e.g. a corrupt gzip stream)."),
              required(
                  "format",
                  STRING,
                  "Format the record was parsed as (after auto-detection), or `unknown`."),
              required("reason", STRING, "Why the record was rejected, as a sentence."),
              required(
                  "raw",
                  STRING,
                  "The record as read, decoded leniently, truncated to "
                      + QUARANTINE_RAW_MAX_CHARS
                      + " characters."),
              required("raw_bytes", LONG, "Length of the rejected record in bytes, before truncation."),
              INGEST_RUN_ID),
          INGEST_DATE);

  public static final TableDefinition INGEST_RUNS =
      new TableDefinition(
          "ingest_runs",
          "One row per ingest run: what it read, wrote, rejected and skipped.",
          List.of(
              required("run_id", STRING, "Run id: UTC start time and a random suffix, sortable."),
              required("inputs", STRING_ARRAY, "Input arguments as given (files, folders, globs)."),
              required(
                  "files",
                  STRING_ARRAY,
                  "Input files read by this run, as `uri<TAB>format<TAB>fingerprint`."),
              required("started_at", TIMESTAMP, "When the run started."),
              required("finished_at", TIMESTAMP, "When the run committed."),
              required("records_read", LONG, "Input records read (a folded stack trace is one record)."),
              required("events_written", LONG, "Rows written to raw_events."),
              required("metrics_written", LONG, "Rows written to raw_metrics."),
              required("quarantined", LONG, "Rows written to quarantine."),
              required(
                  "duplicates_skipped",
                  LONG,
                  "Records not read again because their file's content was already ingested."),
              required("files_skipped", LONG, "Input files skipped as already ingested."),
              required(
                  "status",
                  STRING,
                  "succeeded, or failed (bad-record ratio over --max-bad-ratio: quarantine and"
                      + " this row are written, raw tables are not)."),
              optional("message", STRING, "Why the run failed, when it did.")),
          INGEST_DATE);

  public static final TableDefinition METRIC_RATES =
      new TableDefinition(
          "metric_rates",
          "One row per per-second rate: derived from consecutive samples of a counter series, or"
              + " a rate the producer sent (rules in docs/metrics.md).",
          List.of(
              required(
                  "ts",
                  TIMESTAMP,
                  "End of the interval the rate covers (the later sample's time); for a producer"
                      + " rate, the datapoint's time (UTC)."),
              required("name", STRING, "Metric name as in `raw_metrics` (the counter's name, not renamed)."),
              required("rate", DOUBLE, "Per-second rate over the interval; never negative when derived."),
              optional(
                  "interval_seconds",
                  DOUBLE,
                  "Length of the interval in seconds (> 0); null for a producer rate."),
              optional(
                  "unit",
                  STRING,
                  "`<unit>/s` for a derived rate (`1/s` when the counter had no unit); the producer's"
                      + " unit for a producer rate."),
              required(
                  "kind_source",
                  STRING,
                  "`derived` (from a counter by opslake) or `producer` (a `rate` row copied"
                      + " unchanged)."),
              optional("hostname", STRING, "Host of the series, as in `raw_metrics`."),
              required("labels", STRING_MAP, "Labels of the series, as in `raw_metrics`."),
              required("source", STRING, "Input format of the series, as in `raw_metrics`.")),
          EVENT_DATE);

  public static final TableDefinition PATTERNS =
      new TableDefinition(
          "patterns",
          "One row per message template mined from raw_events.message by the last `opslake"
              + " templates` run (the whole table is replaced by each run).",
          List.of(
              required(
                  "template_id",
                  STRING,
                  "First 16 hex digits of the md5 of `template`: the same template has the same id"
                      + " in every run."),
              required(
                  "template",
                  STRING,
                  "The template: the message's tokens separated by single spaces, parameters"
                      + " (numbers, ids, addresses, paths, varying words) as `<*>`."),
              required("occurrences", LONG, "Events of the mined date range with this template."),
              required("first_seen", TIMESTAMP, "Earliest `ts` of those events."),
              required("last_seen", TIMESTAMP, "Latest `ts` of those events."),
              required("hosts", LONG, "Distinct `hostname` values among those events."),
              required("example", STRING, "One of those messages (the smallest, for determinism)."),
              required("mining_run_id", STRING, "Id of the `opslake templates` run that wrote the row.")),
          required(
              "dt",
              DATE,
              "UTC date of `first_seen`; the Hive partition (`dt=YYYY-MM-DD`), so new templates"
                  + " of a day are one partition read."));

  public static final TableDefinition EVENTS =
      new TableDefinition(
          "events",
          "Curated events: raw_events deduplicated by event_id, reclassified by versioned rules"
              + " (`bin/opslake reclassify`, docs/rules.md), with fingerprint and template.",
          List.of(
              required("event_id", STRING, "Id of the raw event (see `raw_events`); unique in this table."),
              required("ts", TIMESTAMP, "Event time (UTC), as the producer stamped it."),
              optional("received_at", TIMESTAMP, "When the producer's collector received the event."),
              required("source", STRING, "Input format: app_events, app_events_edn, journald, zap, plaintext, access_log (statsd for DogStatsD events)."),
              optional("hostname", STRING, "Host that emitted the event."),
              optional(
                  "type",
                  STRING,
                  "Current type: set by the first matching rule with `set_type`, else the original type."),
              optional("level", STRING, "Severity, lower case, as in `raw_events`."),
              optional("message", STRING, "Human-readable text, as in `raw_events`."),
              required("tags", STRING_ARRAY, "Raw tags followed by the tags rules added (no duplicates)."),
              required("labels", STRING_MAP, "Emitter identity, as in `raw_events`."),
              required(
                  "attributes",
                  STRING_MAP,
                  "Raw attributes plus those rules set or computed (a rule never overwrites a raw one)."),
              optional("duration_ms", DOUBLE, "As in `raw_events`."),
              optional("http_status", INT, "As in `raw_events`."),
              optional("url", STRING, "As in `raw_events`."),
              optional("md5", STRING, "Checksum the producer sent with the event, if any."),
              SOURCE_FILE,
              required("source_line", LONG, "1-based line number of the record's first line."),
              INGEST_RUN_ID,
              optional("original_type", STRING, "Type exactly as emitted (`raw_events.type`)."),
              optional(
                  "subtype",
                  STRING,
                  "Set by the first matching rule with `set_subtype` (e.g. slow_page_load), else null."),
              optional("rule_id", STRING, "Id of the rule that decided `type`; null when no rule set it."),
              required("rules_version", STRING, "Hex md5 of the rules file's bytes the row was built with."),
              optional(
                  "fingerprint",
                  STRING,
                  "Hex md5 of the normalized backtrace, else message, else `type:` + original type"
                      + " (docs/rules.md#fingerprints); null when the event has none of them."),
              optional("template_id", STRING, "Id of the mined message template (see `patterns`), if any.")),
          EVENT_DATE);

  public static final TableDefinition REPETITION =
      new TableDefinition(
          "repetition",
          "How each fingerprint and each template repeats over a window of `events`: cadence"
              + " (periodic, bursty, sporadic) and recurrence after restarts (`bin/opslake repetition`).",
          List.of(
              required("group_kind", STRING, "`fingerprint` or `template`."),
              required("group_id", STRING, "The fingerprint or template id."),
              optional("type", STRING, "Most frequent current type in the group (ties: smallest)."),
              optional("example", STRING, "Message (else backtrace) of the group's smallest event_id, cut to 300 characters."),
              required("window_start", STRING, "First date of the analysed window (YYYY-MM-DD); `dt` is the last."),
              required("count", LONG, "Events in the group."),
              required("hosts", LONG, "Distinct hosts that emitted them."),
              required("first_seen", TIMESTAMP, "Earliest event time."),
              required("last_seen", TIMESTAMP, "Latest event time."),
              required("intervals", LONG, "Inter-arrival times measured: consecutive events of one host, pooled over hosts."),
              optional("interval_median_s", DOUBLE, "Median inter-arrival time, seconds; null with no interval."),
              optional("interval_iqr_s", DOUBLE, "Spread: interquartile range of the inter-arrival times, seconds."),
              optional(
                  "burstiness",
                  DOUBLE,
                  "Goh-Barabasi burstiness (sd - mean) / (sd + mean) of the inter-arrival times: -1"
                      + " regular, 0 Poisson, towards 1 bursty."),
              required("pattern", STRING, "periodic, bursty or sporadic (docs/rules.md#repetition)."),
              optional("period_s", DOUBLE, "The period in seconds (median inter-arrival time) when periodic."),
              required("restarts", LONG, "Restarts (events of a restart type) on the group's hosts in the window."),
              optional(
                  "after_restart_median_s",
                  DOUBLE,
                  "Median delay from the host's last restart to each event that has one, seconds."),
              optional(
                  "after_restart_share",
                  DOUBLE,
                  "Share of the group's events within the restart window (default 30 min) after the host's last restart."),
              optional(
                  "restarts_followed_share",
                  DOUBLE,
                  "Share of those restarts followed by an event of the group within the restart window."),
              required(
                  "recurs_after_restart",
                  BOOLEAN,
                  "True when at least 2 restarts, 80 % of them followed and 80 % of the events after one"
                      + " (a failure that comes back after every restart, e.g. a leak).")),
          required("dt", DATE, "Last date of the analysed window; the Hive partition (`dt=YYYY-MM-DD`)."));

  private static final Column GRAIN =
      required("grain", STRING, "`minute`, `hour` or `day`: the length of the bucket.");
  private static final Column BUCKET_START =
      required(
          "bucket_start",
          TIMESTAMP,
          "Start of the bucket (UTC), a whole minute, hour or day; the bucket holds times in"
              + " [bucket_start, bucket_start + grain).");
  private static final Column SERIES_KEY =
      required(
          "series_key",
          STRING,
          "Identity of the series within its `series_kind`, stable across runs and days; the"
              + " columns after it spell it out.");
  private static final Column MINUTE_GRID =
      required(
          "minute_grid",
          BOOLEAN,
          "Whether this series has its full minute grid on this day (1,440 `minute` rows);"
              + " otherwise it has no `minute` rows that day (docs/series.md#what-a-reader-can-rely-on).");
  private static final Column SERIES_DATE =
      required(
          "dt",
          DATE,
          "UTC date of `bucket_start`; the Hive partition (`dt=YYYY-MM-DD`), rebuilt whole by"
              + " `bin/opslake series`.");

  public static final TableDefinition EVENT_SERIES =
      new TableDefinition(
          "event_series",
          "Event counts of `events` per minute, hour and day, per type, type and host,"
              + " fingerprint and template (`bin/opslake series`); an empty bucket is a 0.",
          List.of(
              GRAIN,
              BUCKET_START,
              required(
                  "series_kind",
                  STRING,
                  "`type`, `type_host`, `fingerprint` or `template`: what the events are counted by."),
              SERIES_KEY,
              optional(
                  "type",
                  STRING,
                  "The events' `type` (`(none)` for events without one) for `type` and `type_host`;"
                      + " null otherwise."),
              optional(
                  "hostname",
                  STRING,
                  "The events' `hostname` (`(none)` for events without one) for `type_host`; null"
                      + " otherwise. `series_key` is `type|hostname`."),
              required("count", LONG, "Events in the bucket; 0 for a bucket without any."),
              MINUTE_GRID),
          SERIES_DATE);

  public static final TableDefinition LATENCY_SERIES =
      new TableDefinition(
          "latency_series",
          "Distribution of `events.duration_ms` per minute, hour and day, per type and per URL"
              + " group (`bin/opslake series`); an empty bucket has count 0 and null measures.",
          List.of(
              GRAIN,
              BUCKET_START,
              required(
                  "series_kind",
                  STRING,
                  "`type` or `url_group` (the URL's path with ids masked, docs/series.md#url-groups)."),
              SERIES_KEY,
              optional("type", STRING, "The events' `type` (`(none)` when absent) for `type`; null otherwise."),
              optional(
                  "url_group",
                  STRING,
                  "The URL group, e.g. `/users/{num}/orders`, for `url_group`; null otherwise."),
              required("count", LONG, "Events with a `duration_ms` in the bucket; 0 for a bucket without any."),
              optional(
                  "p50_ms",
                  DOUBLE,
                  "Median duration, ms (Spark `percentile_approx`, accuracy 10,000: exact nearest-rank"
                      + " below 10,000 values); null when `count` is 0."),
              optional("p95_ms", DOUBLE, "95th percentile of the durations, ms, as `p50_ms`; null when `count` is 0."),
              optional("p99_ms", DOUBLE, "99th percentile of the durations, ms, as `p50_ms`; null when `count` is 0."),
              optional("max_ms", DOUBLE, "Longest duration, ms; null when `count` is 0."),
              MINUTE_GRID),
          SERIES_DATE);

  public static final TableDefinition METRIC_SERIES =
      new TableDefinition(
          "metric_series",
          "Every `raw_metrics` and `metric_rates` series aggregated per minute, hour and day"
              + " (`bin/opslake series`); an empty bucket has count 0 and null measures.",
          List.of(
              GRAIN,
              BUCKET_START,
              required(
                  "series_kind",
                  STRING,
                  "`raw_metrics` (the datapoints' `value`) or `metric_rates` (the per-second `rate`)."),
              required(
                  "series_key",
                  STRING,
                  "`name{hostname=…,label=value,…}`: the name, the hostname (left out when null) and"
                      + " the labels sorted by key; one series per key and kind, whatever its source."),
              required("name", STRING, "Metric name, as in the input table."),
              optional("hostname", STRING, "Host of the series, as in the input table."),
              required("labels", STRING_MAP, "Labels of the series, as in the input table."),
              optional(
                  "metric_kind",
                  STRING,
                  "`raw_metrics.kind` (counter, gauge, timer, ...; the smallest if it varies) or"
                      + " `rate` for `metric_rates`."),
              optional("unit", STRING, "Unit (the smallest if it varies), as in the input table."),
              required("count", LONG, "Datapoints in the bucket; 0 for a bucket without any."),
              optional("avg", DOUBLE, "Mean of the values; null when `count` is 0."),
              optional("min", DOUBLE, "Smallest value; null when `count` is 0."),
              optional("max", DOUBLE, "Largest value; null when `count` is 0."),
              optional(
                  "p95",
                  DOUBLE,
                  "95th percentile of the values (Spark `percentile_approx`, accuracy 10,000); null"
                      + " when `count` is 0."),
              optional(
                  "last",
                  DOUBLE,
                  "Value of the latest datapoint in the bucket (the largest value among datapoints"
                      + " at that same time); null when `count` is 0."),
              MINUTE_GRID),
          SERIES_DATE);

  public static final TableDefinition SERIES_DAYS =
      new TableDefinition(
          "series_days",
          "Coverage of the series tables: for every day a `bin/opslake series` run covered and every"
              + " series table and kind, the input it found (a day without input is told apart"
              + " from a quiet one).",
          List.of(
              required("series_table", STRING, "`event_series`, `latency_series` or `metric_series`."),
              required("series_kind", STRING, "The `series_kind` of that table the row describes."),
              required("input_table", STRING, "`events`, `raw_metrics` or `metric_rates`."),
              required("input_rows", LONG, "Rows of `input_table` on that day (0: no input that day)."),
              required(
                  "has_input",
                  BOOLEAN,
                  "`input_rows` > 0. False: the day's series of this kind are unknown, not zero;"
                      + " true: a series absent that day had no data (counts 0, measures null)."),
              required(
                  "points",
                  LONG,
                  "Input rows that fed series of this kind (e.g. events with a fingerprint, with a"
                      + " `duration_ms`)."),
              required("series", LONG, "Distinct `series_key`s of this kind written for that day."),
              required("minute_grid_series", LONG, "Of those, the series with a minute grid that day."),
              required("minute_floor", LONG, "The run's activity floor for a minute grid (`--minute-floor`)."),
              required("run_id", STRING, "Id of the `bin/opslake series` run that wrote the row.")),
          required("dt", DATE, "The day described; the Hive partition (`dt=YYYY-MM-DD`)."));

  private static final Column FINDINGS_DATE =
      required(
          "dt",
          DATE,
          "The as-of date D of the `bin/opslake findings` run (UTC); the Hive partition"
              + " (`dt=YYYY-MM-DD`), rebuilt whole by each run for D.");

  public static final TableDefinition TRENDS =
      new TableDefinition(
          "trends",
          "Trends of the day-grain series up to an as-of date: Theil-Sen slope with its 95 % interval and"
              + " Mann-Kendall test per series and window, Benjamini-Hochberg adjusted across the run"
              + " (`bin/opslake findings`, docs/findings.md).",
          List.of(
              required("series_table", STRING, "`event_series` or `metric_series`: where the series comes from."),
              required(
                  "series_kind",
                  STRING,
                  "`type` or `type_host` (event counts per day), `raw_metrics` or `metric_rates` (daily"
                      + " `avg`)."),
              required("series_key", STRING, "The series' `series_key` in `series_table`."),
              required(
                  "window_days",
                  INT,
                  "Window length in days, 28, 90 or 365, ending at `dt`; evaluated only where the series"
                      + " table's input reaches the window's first day (docs/findings.md#windows)."),
              required(
                  "n",
                  INT,
                  "Daily points tested: days with a value (event counts: every day with input, 0 when"
                      + " the series had no row; metrics: days with an `avg`)."),
              required("slope_per_day", DOUBLE, "Theil-Sen slope: the median of all pairwise slopes, per day."),
              required("slope_ci_low", DOUBLE, "Lower bound of Sen's 95 % confidence interval of the slope, per day."),
              required("slope_ci_high", DOUBLE, "Upper bound of Sen's 95 % confidence interval of the slope, per day."),
              optional(
                  "relative_slope_per_week",
                  DOUBLE,
                  "`slope_per_day` x 7 / the median of the window's values: the weekly change as a"
                      + " fraction of the typical level; null when that median is 0."),
              required("mann_kendall_tau", DOUBLE, "Kendall's tau-b of the values against time, in [-1, 1]."),
              required(
                  "p_value",
                  DOUBLE,
                  "Two-sided Mann-Kendall p-value (normal approximation, tie-corrected); on windows of 28"
                      + " days or more the seasonal test with a 7-day season (weekday against weekday),"
                      + " as are the slope and tau."),
              required(
                  "p_adjusted",
                  DOUBLE,
                  "Benjamini-Hochberg adjusted p-value across every row of the run (all series and"
                      + " windows); never below `p_value`."),
              required("significant", BOOLEAN, "`p_adjusted` <= 0.05."),
              optional(
                  "week_over_week_change",
                  DOUBLE,
                  "Mean of the last 7 days (dt-6..dt) over the mean of the 7 before, minus 1 (0.25: up"
                      + " 25 %); null when either week has no value or the earlier mean is 0. Same on"
                      + " every row of the series."),
              optional(
                  "year_over_year_change",
                  DOUBLE,
                  "Mean of the last 7 days (dt-6..dt) over the mean of the same weekdays 52 weeks earlier"
                      + " (dt-370..dt-364), minus 1; null until the history reaches that week (371 days),"
                      + " when that week has no value or its mean is 0. Same on every row of the series."),
              required(
                  "slow_drift",
                  BOOLEAN,
                  "True on every row of a series with at least two windows evaluated whose longest"
                      + " window is significant and no shorter one is: a drift only the long view shows."),
              required(
                  "sentence",
                  STRING,
                  "One sentence for an operator: direction, change over the window, p-value, slope and"
                      + " interval, n; notes when the trend does not survive the multiple-testing correction."),
              required("inputs_from", STRING, "First day of the window (YYYY-MM-DD)."),
              required("inputs_to", STRING, "Last day of the window (YYYY-MM-DD), the as-of date."),
              required("run_id", STRING, "Id of the `bin/opslake findings` run that wrote the row.")),
          FINDINGS_DATE);

  public static final TableDefinition NOVELTY =
      new TableDefinition(
          "novelty",
          "Fingerprints and templates first seen on the as-of date, and steady ones that stopped on it"
              + " (`bin/opslake findings`, docs/findings.md#novelty).",
          List.of(
              required("series_kind", STRING, "`fingerprint` or `template` (the `event_series` kind)."),
              required("series_key", STRING, "The fingerprint or template id."),
              required(
                  "status",
                  STRING,
                  "`new`: a count on `dt` and none on any earlier day; `stopped`: a count on each of"
                      + " the 7 days before `dt` and none on `dt`, a day with input."),
              required("first_seen", STRING, "First day with a count (YYYY-MM-DD), over the whole history up to `dt`."),
              required("last_seen", STRING, "Last day with a count up to `dt` (YYYY-MM-DD); `dt` itself for `new`."),
              required("count_on_day", LONG, "Events on `dt` (0 for `stopped`)."),
              required("sentence", STRING, "One sentence for an operator."),
              required("run_id", STRING, "Id of the `bin/opslake findings` run that wrote the row.")),
          FINDINGS_DATE);

  private static final Column FINDING_SERIES_TABLE =
      required("series_table", STRING, "`event_series`, `latency_series` or `metric_series`: where the series comes from.");
  private static final Column FINDING_SERIES_KIND =
      required(
          "series_kind",
          STRING,
          "`type` or `type_host` (event counts), `type` (latency), `raw_metrics` or `metric_rates`.");
  private static final Column FINDING_TYPE =
      optional("type", STRING, "The events' type for event and latency series; null for metrics.");
  private static final Column FINDING_HOSTNAME =
      optional("hostname", STRING, "The host of a `type_host` or metric series; null otherwise.");
  private static final Column FINDING_MEASURE =
      required(
          "measure",
          STRING,
          "The hour-grain column judged: `count` (event counts), `p95_ms` (latency), `avg` (metrics).");

  public static final TableDefinition SEASONALITY =
      new TableDefinition(
          "seasonality",
          "Hour-of-day and day-of-week profile and STL seasonal strength of each hour-grain series with"
              + " two weeks of history up to the as-of date (`bin/opslake findings`, docs/findings.md#seasonality).",
          List.of(
              FINDING_SERIES_TABLE,
              FINDING_SERIES_KIND,
              required("series_key", STRING, "The series' `series_key` in `series_table`."),
              FINDING_TYPE,
              FINDING_HOSTNAME,
              FINDING_MEASURE,
              required(
                  "hours",
                  INT,
                  "Hours analysed: from the series' first value in the 28 days up to `dt` to the end of"
                      + " `dt` (at least 336)."),
              required("missing_hours", INT, "Of those, hours without a value, filled from the profile (at most 20 %)."),
              required("dominant_period", STRING, "`daily` or `weekly` (weekly when its strength beats daily's by 0.1)."),
              required("period_hours", INT, "24 or 168: the dominant period in hours."),
              required(
                  "strength",
                  DOUBLE,
                  "Seasonal strength of the dominant period, max(0, 1 - Var(remainder) / Var(seasonal +"
                      + " remainder)) of an STL fit (Wang, Smith & Hyndman 2006), in [0, 1]."),
              required("daily_strength", DOUBLE, "The same with a 24-hour STL period."),
              required("weekly_strength", DOUBLE, "The same with a 168-hour STL period."),
              required(
                  "hour_of_day_factors",
                  STRING,
                  "JSON array of 24 numbers, hour 00 UTC first: the mean of that hour over the week"
                      + " divided by the mean of all hours (1 = an average hour); nulls when that mean is <= 0."),
              required(
                  "day_of_week_factors",
                  STRING,
                  "JSON array of 7 numbers, Monday first: the mean of that UTC day divided by the mean"
                      + " of all days; nulls when that mean is <= 0."),
              required("sentence", STRING, "One sentence for an operator: strength, period, peak."),
              required("inputs_from", STRING, "First hour analysed (ISO 8601 UTC)."),
              required("inputs_to", STRING, "Last day analysed (YYYY-MM-DD), the as-of date."),
              required("run_id", STRING, "Id of the `bin/opslake findings` run that wrote the row.")),
          FINDINGS_DATE);

  public static final TableDefinition ANOMALIES =
      new TableDefinition(
          "anomalies",
          "Anomalies on the as-of date, each judged from the history before it: spikes and dips against"
              + " a seasonal baseline, level shifts, and hosts far above their fleet (`bin/opslake"
              + " findings`, docs/findings.md#anomalies). One row per episode, however many hours it lasts.",
          List.of(
              FINDING_SERIES_TABLE,
              FINDING_SERIES_KIND,
              required("series_key", STRING, "The series' `series_key` in `series_table`."),
              FINDING_TYPE,
              FINDING_HOSTNAME,
              FINDING_MEASURE,
              required(
                  "kind",
                  STRING,
                  "`point` (a spike or dip against the seasonal baseline), `level_shift` (a change that"
                      + " holds 3 hours or more, or that the change-point score led), `host_outlier` (the"
                      + " host's share of its events that are of the type is far above its peers' that day)."),
              required("direction", STRING, "`up` (observed above expected) or `down`."),
              required("bucket_start", TIMESTAMP, "Start of the episode's first hour (UTC); `dt` 00:00 for `host_outlier`."),
              required("bucket_end", TIMESTAMP, "End of its last hour, exclusive; the next day 00:00 for `host_outlier`."),
              required("buckets", INT, "Hours in the episode (1 for `host_outlier`, a day)."),
              required("peak_at", TIMESTAMP, "Start of the hour with the highest score (`bucket_start` for `host_outlier`)."),
              optional(
                  "expected",
                  DOUBLE,
                  "What the peak hour was expected to be (the detector's seasonal or recent median); for"
                      + " `host_outlier` the day's count at the peers' median rate. Null when unknown."),
              required("observed", DOUBLE, "The value at the peak hour; for `host_outlier` the host's count of the day."),
              required(
                  "score",
                  DOUBLE,
                  "In [0, 1]: the detector's score at the peak (0.6: a combined p-value of about 1e-3);"
                      + " for `host_outlier` min(1, -log10(p) / 5), p the smaller of the robust z's normal"
                      + " tail and the count's Poisson tail (docs/findings.md#anomalies)."),
              required("sentence", STRING, "One sentence for an operator: what, when, expected against observed, score."),
              required("history_hours", INT, "Hours with a value before `dt` the detector learnt from (0 for `host_outlier`)."),
              required("run_id", STRING, "Id of the `bin/opslake findings` run that wrote the row.")),
          FINDINGS_DATE);


  private static final Column CAPACITY_DATE =
      required(
          "dt",
          DATE,
          "The as-of date D of the `bin/opslake capacity` run (UTC); the Hive partition"
              + " (`dt=YYYY-MM-DD`), rebuilt whole by each run for D.");
  private static final Column CAPACITY_SERVICE =
      required(
          "service",
          STRING,
          "The service (role): from the inventory CSV, else the host name without its datacenter"
              + " prefix and trailing digits (`dc0-web07` -> `web`, docs/capacity.md#roles).");
  private static final Column CAPACITY_RUN_ID =
      required("run_id", STRING, "Id of the `bin/opslake capacity` run that wrote the row.");

  public static final TableDefinition CAPACITY_MODEL =
      new TableDefinition(
          "capacity_model",
          "Capacity models per service as of a date: Universal Scalability Law of throughput against"
              + " fleet size, latency, CPU, memory and descriptor utilisation and the error rate against load"
              + " per server, and the demand forecast with its backtest;"
              + " a model that cannot be fitted says why (`bin/opslake capacity`, docs/capacity.md).",
          List.of(
              CAPACITY_SERVICE,
              required(
                  "model",
                  STRING,
                  "`usl` (page loads per hour against active servers), `latency_per_server` (p95 latency"
                      + " against page loads per server-hour), `utilisation_per_server` (CPU utilisation %"
                      + " against page loads per server-hour), `memory_per_server` (memory used %, same),"
                      + " `descriptors_per_server` (open descriptors as % of the assumed limit, same),"
                      + " `error_rate_per_server` (errors as % of requests, same; no limit, only whether it"
                      + " rises) or `demand_forecast` (daily peak-hour page loads)."),
              required("status", STRING, "`fitted`, or `not_fitted` with the reason in `reason` and null numbers."),
              optional("reason", STRING, "Why the model was not fitted (too few fleet sizes, no latency data, ...)."),
              optional(
                  "method",
                  STRING,
                  "How it was fitted: `levenberg-marquardt`, `least-squares quadratic`, `least-squares line`"
                      + " (utilisation), `weighted least-squares line` (error rate), or the ETS model chosen"
                      + " by AICc, e.g. `ETS(A,A,A)`."),
              required(
                  "load_unit",
                  STRING,
                  "What the load N is: `servers` (usl), `<load> per server-hour` (the `*_per_server`"
                      + " models; `<load>` is `page loads`, `http requests` or `<counter> requests` after"
                      + " `load_source`), `days` (demand_forecast steps)."),
              optional(
                  "load_source",
                  STRING,
                  "Where the service's requests per hour come from, one source per service"
                      + " (docs/algorithms.md#load-source): `page_loads` (page_load events), else"
                      + " `http_requests` (access-log http_request events), else `counter:<name>` (a request"
                      + " counter's rates), else `none`; the page loads of the model descriptions are these"
                      + " requests."),
              optional(
                  "latency_source",
                  STRING,
                  "Where its p95 latency comes from: `page.load.time`, else `http_request duration_ms`;"
                      + " null without latency data."),
              optional("lambda", DOUBLE, "USL λ: requests (of `load_source`) per hour of one server (usl)."),
              optional("lambda_stderr", DOUBLE, "Standard error of `lambda`."),
              optional(
                  "sigma",
                  DOUBLE,
                  "Contention σ: of the throughput law (usl) or of the response-time law"
                      + " R(x) = R1 (1 + σ(x-1) + κx(x-1)) with x in page loads per server-hour"
                      + " (latency_per_server)."),
              optional("sigma_stderr", DOUBLE, "Standard error of `sigma`."),
              optional("sigma_ci_low", DOUBLE, "Lower end of the 95 % confidence interval of `sigma`."),
              optional("sigma_ci_high", DOUBLE, "Upper end of the 95 % confidence interval of `sigma`."),
              optional("kappa", DOUBLE, "Coherency κ, in the same law as `sigma`."),
              optional("kappa_stderr", DOUBLE, "Standard error of `kappa`."),
              optional("kappa_ci_low", DOUBLE, "Lower end of the 95 % confidence interval of `kappa`."),
              optional("kappa_ci_high", DOUBLE, "Upper end of the 95 % confidence interval of `kappa`."),
              optional("n_peak", DOUBLE, "USL: the fleet size at peak throughput, sqrt((1-σ)/κ); null without a peak."),
              optional("x_peak", DOUBLE, "USL: the modelled peak throughput (requests of `load_source` per hour)."),
              optional("latency_base_ms", DOUBLE, "latency_per_server: R1, the modelled p95 at one page load per server-hour, ms."),
              optional(
                  "breach_load_per_server",
                  DOUBLE,
                  "latency_per_server: page loads per server-hour at which the modelled p95 reaches the"
                      + " latency objective; null when it never does within 10x the largest measured load."
                      + " utilisation_per_server, memory_per_server, descriptors_per_server: page loads per"
                      + " server-hour at which the modelled utilisation reaches the utilisation target."),
              optional("latency_objective_ms", DOUBLE, "The p95 latency objective of the run, ms (latency_per_server)."),
              optional("r2", DOUBLE, "Coefficient of determination of the fit."),
              optional("residual_stderr", DOUBLE, "Residual standard error of the fit, in the fitted quantity's unit."),
              optional("backtest_mape", DOUBLE, "demand_forecast: mean absolute percentage error of the backtest, %."),
              optional(
                  "backtest_coverage80",
                  DOUBLE,
                  "demand_forecast: share of backtest actuals inside the 80 % prediction intervals."),
              optional(
                  "backtest_coverage95",
                  DOUBLE,
                  "demand_forecast: share of backtest actuals inside the 95 % prediction intervals."),
              required(
                  "parameters",
                  STRING_MAP,
                  "Further parameters by name (ETS alpha, beta, gamma, phi, horizon; quadratic"
                      + " coefficients; the utilisation lines' source, intercept, slope and its p-value; the"
                      + " error rate's trend `rises`/`flat`/`falls`, mean rate, slope, slope_p, dispersion),"
                      + " as text."),
              required("points", LONG, "Points the model was fitted on (hours, or days for demand_forecast)."),
              optional("distinct_loads", INT, "Distinct loads among them (fleet sizes for usl)."),
              optional("window_from", TIMESTAMP, "Start of the first hour (day) of data used."),
              optional("window_to", TIMESTAMP, "Start of the last hour (day) of data used."),
              required("sentence", STRING, "One sentence for a planner."),
              CAPACITY_RUN_ID),
          CAPACITY_DATE);

  public static final TableDefinition CAPACITY_PLAN =
      new TableDefinition(
          "capacity_plan",
          "Servers needed per service and future week as of a date: forecast peak-hour demand, servers"
              + " for the latency objective at the utilisation target and for the tightest of CPU, memory and"
              + " descriptor utilisation under it, the constraint that binds, headroom of the current fleet and"
              + " the first week it breaches (`bin/opslake capacity`, docs/capacity.md).",
          List.of(
              CAPACITY_SERVICE,
              required("status", STRING, "`planned`, or `not_planned` (one row, week null) with the reason."),
              optional(
                  "load_source",
                  STRING,
                  "What the demand and the capacity per server count, as `capacity_model.load_source`:"
                      + " `page_loads`, `http_requests` or `counter:<name>`."),
              optional("reason", STRING, "Why there is no plan (a model it needs was not fitted)."),
              optional("week", INT, "Weeks ahead, from 1."),
              optional("week_start", DATE, "First day of the week (D + 1 + 7 (week - 1))."),
              optional("demand_median", DOUBLE, "Median forecast of the week's peak-hour requests (of `load_source`) per hour."),
              optional("demand_upper", DOUBLE, "Upper end of its 95 % prediction interval."),
              optional(
                  "per_server_capacity",
                  DOUBLE,
                  "Requests (of `load_source`) per server-hour at the latency objective (`capacity_model.breach_load_per_server`)."),
              optional("utilisation_target", DOUBLE, "Share of `per_server_capacity` planned for."),
              optional("servers_needed_median", INT, "Servers for the median demand."),
              optional("servers_needed", INT, "Servers for the upper bound: the recommended fleet."),
              optional("current_fleet", INT, "Most active servers in one hour on the as-of date."),
              optional(
                  "headroom_percent",
                  DOUBLE,
                  "100 (1 - demand_upper / (current_fleet x usable capacity per server)); negative when short."),
              optional(
                  "first_breach_week",
                  DATE,
                  "First week whose upper bound needs more than the current fleet; null when none does."),
              optional(
                  "utilisation_load_per_server",
                  DOUBLE,
                  "Page loads per server-hour at which the tightest utilisation reaches the utilisation"
                      + " target: the smallest `capacity_model.breach_load_per_server` of"
                      + " `utilisation_per_server`, `memory_per_server` and `descriptors_per_server`; null"
                      + " without a fitted utilisation model."),
              optional(
                  "utilisation_resource",
                  STRING,
                  "The resource of `utilisation_load_per_server`: `cpu`, `memory` or `descriptors`; null"
                      + " without."),
              optional(
                  "servers_for_latency",
                  INT,
                  "Servers for the upper bound at `per_server_capacity` x `utilisation_target`."),
              optional(
                  "servers_for_utilisation",
                  INT,
                  "Servers for the upper bound at `utilisation_load_per_server`; null without it."),
              optional(
                  "binding_constraint",
                  STRING,
                  "Which count `servers_needed` is: `latency`, or the `utilisation_resource` (`cpu`,"
                      + " `memory`, `descriptors`) when its count is larger (latency on a tie)."),
              required("sentence", STRING, "One sentence for a planner."),
              CAPACITY_RUN_ID),
          CAPACITY_DATE);

  public static final TableDefinition RESOURCE_FORECAST =
      new TableDefinition(
          "resource_forecast",
          "When each disk and descriptor count runs out at its current trend as of a date, with a 95 %"
              + " band, or that it is not growing (`bin/opslake capacity`, docs/capacity.md).",
          List.of(
              required("hostname", STRING, "The host."),
              required("resource_kind", STRING, "`disk` (df used against size) or `descriptors` (lsof, all processes)."),
              required("resource", STRING, "The mount and file system for a disk; `open descriptors` otherwise."),
              required(
                  "status",
                  STRING,
                  "`fills`, `not_within_horizon` (grows but not within 5 years), `not_growing`,"
                      + " `exhausted` (at capacity) or `not_forecast` (fewer than 3 points, no capacity; the"
                      + " sentence says which)."),
              optional("capacity", DOUBLE, "The amount at which it is exhausted (bytes, or the descriptor limit)."),
              optional("current", DOUBLE, "The fitted amount used at `window_to`."),
              required("unit", STRING, "`bytes` or `count`."),
              optional("rate_per_hour", DOUBLE, "Least-squares growth per hour over the window."),
              optional("rate_low", DOUBLE, "Lower end of its 95 % confidence interval."),
              optional("rate_high", DOUBLE, "Upper end of its 95 % confidence interval."),
              optional("slope_p", DOUBLE, "One-sided p-value of growth > 0."),
              optional(
                  "exhausted_at",
                  TIMESTAMP,
                  "When it runs out at the current trend (`fills`), or the first hour observed at"
                      + " capacity (`exhausted`); null otherwise."),
              optional("earliest", TIMESTAMP, "Early end of the 95 % band (at `rate_high`)."),
              optional("latest", TIMESTAMP, "Late end of the 95 % band (at `rate_low`); null when open."),
              required("points", INT, "Hourly points in the fitted window."),
              optional("window_from", TIMESTAMP, "First hour of the fitted window."),
              optional("window_to", TIMESTAMP, "Last hour of the fitted window."),
              required("sentence", STRING, "One sentence for a planner."),
              CAPACITY_RUN_ID),
          CAPACITY_DATE);


  public static final TableDefinition PERIODICITY =
      new TableDefinition(
          "periodicity",
          "Dominant periods up to an as-of date, from minutes to a week: autocorrelation and periodogram"
              + " peaks of the minute and hour series, and the inter-arrival cadence and recurrence after"
              + " restarts of each fingerprint and template (`bin/opslake findings`,"
              + " docs/findings.md#periodicity).",
          List.of(
              required(
                  "series_table",
                  STRING,
                  "`event_series` or `metric_series` (methods `acf`, `periodogram`), `events` (methods"
                      + " `inter_arrival`, `after_restart`)."),
              required(
                  "series_kind",
                  STRING,
                  "`type`, `type_host`, `raw_metrics` (series kinds), or `fingerprint`, `template`"
                      + " (event groups)."),
              required("series_key", STRING, "The series' `series_key`, or the fingerprint or template id."),
              required(
                  "method",
                  STRING,
                  "`acf` (autocorrelation peak), `periodogram` (Fisher's g), `inter_arrival` (per-host"
                      + " inter-arrival times, the `repetition` rule) or `after_restart` (events recurring"
                      + " a fixed delay after each restart of their host)."),
              optional("grain", STRING, "`minute` or `hour` for `acf` and `periodogram`; null for event groups."),
              required(
                  "period_seconds",
                  DOUBLE,
                  "The period in seconds; for `after_restart` the median delay from a restart to the"
                      + " group's events."),
              required(
                  "strength",
                  DOUBLE,
                  "In [0, 1]: the autocorrelation at the period (`acf`), the peak's share of the"
                      + " periodogram (`periodogram`), 1 - IQR / median of the intervals"
                      + " (`inter_arrival`), the share of the group's events within the restart window"
                      + " (`after_restart`)."),
              optional(
                  "p_value",
                  DOUBLE,
                  "`acf`: Bonferroni-adjusted over the lags examined (Bartlett's bound); `periodogram`:"
                      + " Fisher's g bound; null for the rule-based event methods."),
              required(
                  "n",
                  LONG,
                  "Points of the series (`acf`, `periodogram`), intervals measured (`inter_arrival`) or"
                      + " restarts (`after_restart`)."),
              required("period_rank", INT, "1 for the strongest period of the series and method, then 2, 3."),
              required("window_from", STRING, "First day of the window examined (YYYY-MM-DD)."),
              required("window_to", STRING, "Last day of the window (YYYY-MM-DD), the as-of date."),
              required("sentence", STRING, "One sentence for an operator."),
              required("run_id", STRING, "Id of the `bin/opslake findings` run that wrote the row.")),
          FINDINGS_DATE);

  public static final TableDefinition CORRELATIONS =
      new TableDefinition(
          "correlations",
          "Lagged cross-correlations of the first differences of candidate series pairs over the same"
              + " window, best lag per pair, Benjamini-Hochberg adjusted over every pair tried"
              + " (`bin/opslake findings`, docs/findings.md#correlations).",
          List.of(
              required("grain", STRING, "`hour` (7 days up to `dt`) or `minute` (the day `dt`)."),
              required("series_a_table", STRING, "`event_series` or `metric_series`."),
              required("series_a_kind", STRING, "`type_host` or `raw_metrics`."),
              required("series_a_key", STRING, "The first series' `series_key` (the smaller key of the pair)."),
              required("series_b_table", STRING, "`event_series` or `metric_series`."),
              required("series_b_kind", STRING, "`type_host` or `raw_metrics`."),
              required("series_b_key", STRING, "The second series' `series_key`."),
              required("n", INT, "Pairs of differences correlated at the best lag."),
              required(
                  "lag_seconds",
                  LONG,
                  "The best lag: positive when series a leads b by that much, negative when it"
                      + " follows, 0 when they move together."),
              optional("leading_key", STRING, "The `series_key` of the leading series; null at lag 0."),
              required("r", DOUBLE, "Pearson correlation of the first differences at the best lag, in [-1, 1]."),
              required(
                  "p_value",
                  DOUBLE,
                  "Two-sided p-value of r (t test on n - 2 degrees of freedom), times the lags tried"
                      + " (Bonferroni for choosing the best lag), capped at 1."),
              required(
                  "p_adjusted",
                  DOUBLE,
                  "Benjamini-Hochberg adjusted `p_value` over every pair of both grains tried in the run."),
              required("significant", BOOLEAN, "`p_adjusted` <= 0.05."),
              required("correlation_rank", INT, "1 for the pair with the smallest `p_adjusted` (then largest |r|) of the run."),
              required("window_from", STRING, "First day of the window (YYYY-MM-DD)."),
              required("window_to", STRING, "Last day of the window (YYYY-MM-DD), the as-of date."),
              required("sentence", STRING, "One sentence for an operator."),
              required("run_id", STRING, "Id of the `bin/opslake findings` run that wrote the row.")),
          FINDINGS_DATE);


  public static final TableDefinition ALERT_FIRINGS =
      new TableDefinition(
          "alert_firings",
          "Alerts that the rules of an alert rules file would have raised on the series of a date range, one row"
              + " per alert of a rule variant on a key (`bin/opslake alerts backtest`, docs/alerts.md).",
          List.of(
              required("rule", STRING, "The rule's `id` in the rules file."),
              required(
                  "variant",
                  STRING,
                  "`default`, or the swept values of this variant (`threshold=5`, `threshold=5,for=5m`)."),
              required(
                  "alert_key",
                  STRING,
                  "What fired: the type, the host (`per: host`), the fingerprint, the URL group, or"
                      + " `hostname|mount` for disks."),
              required(
                  "started_at",
                  TIMESTAMP,
                  "When the alert fired: the condition had held for the rule's `for` (minute rules are"
                      + " evaluated at the end of each minute)."),
              required(
                  "ended_at",
                  TIMESTAMP,
                  "When its last firing resolved (the first evaluation with the condition false), or the end"
                      + " of the range when still firing."),
              optional(
                  "peak_value",
                  DOUBLE,
                  "The most severe value while firing: events in the window, latency ms, hours until the"
                      + " disk is full (the smallest), or events of a new fingerprint in the range."),
              required(
                  "firing_seconds",
                  DOUBLE,
                  "Time spent firing, the gaps between flapping re-fires excluded."),
              required(
                  "flapping_refires",
                  INT,
                  "Firings that started within the cooldown after the previous firing resolved, merged into"
                      + " this alert instead of counting as new alerts."),
              required("resolved", BOOLEAN, "False when the alert was still firing at the end of the range."),
              required(
                  "pending_since",
                  TIMESTAMP,
                  "When the condition started to hold before the first firing (the pending state)."),
              optional("threshold", DOUBLE, "The variant's threshold (event counts and latencies); null otherwise."),
              required("rule_kind", STRING, "`event_count`, `latency`, `new_fingerprint` or `disk_full`."),
              required("run_id", STRING, "Id of the `bin/opslake alerts backtest` run that wrote the row.")),
          required(
              "dt",
              DATE,
              "UTC date of `started_at`; the Hive partition (`dt=YYYY-MM-DD`). A run rebuilds the days of its"
                  + " range."));

  public static final TableDefinition ALERT_SUMMARY =
      new TableDefinition(
          "alert_summary",
          "One row per rule variant of an alert backtest: how often it fired and, given known incidents, what"
              + " it caught, how late and how many false alarms (`bin/opslake alerts backtest`, docs/alerts.md).",
          List.of(
              required("rule", STRING, "The rule's `id` in the rules file."),
              required("variant", STRING, "`default`, or the swept values of this variant."),
              required("alerts", LONG, "Alerts raised (flapping re-fires not counted)."),
              required("alerts_per_day", DOUBLE, "`alerts` divided by the days of the range."),
              optional("incidents_detected", INT, "Incidents met by at least one alert; null without incidents."),
              optional("incidents_missed", INT, "Incidents met by no alert; null without incidents."),
              optional(
                  "median_delay_seconds",
                  DOUBLE,
                  "Median over the detected incidents of the first meeting alert's start minus the incident's"
                      + " start (0 when already firing); null when none was detected."),
              optional("false_alarms", LONG, "Alerts that meet no incident; null without incidents."),
              optional("max_delay_seconds", DOUBLE, "Longest detection delay; null when none was detected."),
              optional("incidents", INT, "Incidents in the incidents file; null without one."),
              required("keys_alerted", LONG, "Distinct keys with at least one alert."),
              required("firing_seconds", DOUBLE, "Time firing, summed over the alerts."),
              required("flapping_refires", LONG, "Re-fires within the cooldown, summed over the alerts."),
              required("rule_kind", STRING, "`event_count`, `latency`, `new_fingerprint` or `disk_full`."),
              required("description", STRING, "The rule's description (may be empty)."),
              required("range_from", STRING, "First day of the backtest range (YYYY-MM-DD)."),
              required("range_to", STRING, "Last day of the range (YYYY-MM-DD)."),
              required("rules_file", STRING, "The rules file, as given, and the SHA-256 of its content."),
              required("run_id", STRING, "Id of the `bin/opslake alerts backtest` run that wrote the row.")),
          required("dt", DATE, "The last day of the range; the Hive partition (`dt=YYYY-MM-DD`), replaced by a rerun."));

  public static final List<TableDefinition> ALL =
      List.of(RAW_EVENTS, RAW_METRICS, QUARANTINE, INGEST_RUNS, METRIC_RATES, PATTERNS, EVENTS, REPETITION,
          EVENT_SERIES, LATENCY_SERIES, METRIC_SERIES, SERIES_DAYS, TRENDS, NOVELTY, SEASONALITY, ANOMALIES,
          PERIODICITY, CORRELATIONS, CAPACITY_MODEL, CAPACITY_PLAN, RESOURCE_FORECAST, ALERT_FIRINGS, ALERT_SUMMARY);

  private Tables() {}

  public static Optional<TableDefinition> byName(String name) {
    return ALL.stream().filter(table -> table.name().equals(name)).findFirst();
  }
}
