package io.opslake.sampledata;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code _scenario.json}, the ground truth of everything planted (documented field by field
 * in {@code sample-data/SCENARIO.md}). The hourly page-load counts come from the plan, so they do
 * not depend on which formats were written; the 404 md5s and the per-file counts come from the
 * files actually written.
 */
final class ScenarioJson {
  static final int FORMAT_VERSION = 1;

  private final ScenarioPlan plan;
  private final List<ScenarioGenerator.FileOutcome> outcomes;

  ScenarioJson(ScenarioPlan plan, List<ScenarioGenerator.FileOutcome> outcomes) {
    this.plan = plan;
    this.outcomes = outcomes;
  }

  void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeNumberField("format_version", FORMAT_VERSION);
        writeOptions(json);
        json.writeStringField("layout", "dt=YYYY-MM-DD/<format>/<host>.<ext>[.gz]");
        writeHosts(json);
        writeTraffic(json);
        writeLatency(json);
        writeHourly(json);
        writeNotFound(json);
        writeGc(json);
        writeLeak(json);
        writeOomKills(json);
        writeIncidents(json);
        writeSnapshots(json);
        writeHostStats(json);
        writeMalformed(json);
        writeTotals(json);
        writeFiles(json);
        json.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private void writeOptions(JsonGenerator json) throws IOException {
    GeneratorOptions options = plan.options();
    json.writeObjectFieldStart("options");
    json.writeNumberField("days", options.days());
    json.writeNumberField("hosts", options.hosts());
    json.writeNumberField("seed", options.seed());
    json.writeStringField("start", options.start().toString());
    json.writeArrayFieldStart("formats");
    for (SampleFormat format : SampleFormat.values()) {
      if (options.writes(format)) {
        json.writeString(format.id());
      }
    }
    json.writeEndArray();
    json.writeStringField("compress", options.compress().name().toLowerCase(java.util.Locale.ROOT));
    json.writeNumberField("page_loads_per_host_hour", options.pageLoadsPerHostHour());
    json.writeNumberField("malformed_ratio", options.malformedRatio());
    json.writeEndObject();
  }

  private void writeHosts(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("hosts");
    stringArray(json, "web", plan.webHosts());
    stringArray(json, "api", plan.apiHosts());
    stringArray(json, "go", List.of(ScenarioPlan.GO_HOST));
    json.writeEndObject();
  }

  private void writeTraffic(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("traffic");
    json.writeStringField("load_formula",
        "(1 + weekly_growth)^(hours_since_start / 168) * (1 + daily_amplitude * cos(2 pi (hour_of_day - peak_hour_utc) / 24)) * (weekend ? weekend_factor : 1)");
    json.writeNumberField("weekly_growth", TrafficModel.WEEKLY_GROWTH);
    json.writeNumberField("daily_amplitude", TrafficModel.DAILY_AMPLITUDE);
    json.writeNumberField("peak_hour_utc", TrafficModel.PEAK_HOUR_UTC);
    json.writeNumberField("weekend_factor", TrafficModel.WEEKEND_FACTOR);
    json.writeStringField("web_page_loads_formula", "page_loads_per_host_hour * hosts * load (expected; counts are Poisson)");
    json.writeNumberField("api_share", TrafficModel.API_SHARE);
    json.writeStringField("api_page_loads_formula", "page_loads_per_host_hour * api_share * load per API host (expected)");
    json.writeObjectFieldStart("autoscaling");
    json.writeNumberField("min_servers", plan.options().hosts());
    json.writeNumberField("max_servers", 2 * plan.options().hosts());
    json.writeNumberField("scale_out_load", TrafficModel.SCALE_OUT_LOAD);
    json.writeStringField("servers_formula", "clamp(ceil(hosts * load / scale_out_load), hosts, 2 * hosts); web hosts 1..servers are in service");
    json.writeEndObject();
    json.writeEndObject();
  }

  private void writeLatency(JsonGenerator json) throws IOException {
    LatencyModel latency = plan.latency();
    json.writeObjectFieldStart("latency");
    json.writeStringField("model", "usl");
    json.writeStringField("median_formula",
        "base_seconds * (1 + sigma * (n - 1) + kappa * n * (n - 1)), n = page loads per server per hour / concurrency_unit");
    json.writeNumberField("base_seconds", latency.baseSeconds());
    json.writeNumberField("sigma", latency.sigma());
    json.writeNumberField("kappa", latency.kappa());
    json.writeNumberField("concurrency_unit", latency.concurrencyUnit());
    json.writeStringField("noise", "lognormal: execution_time = median * exp(noise_sigma * Z), Z ~ N(0,1)");
    json.writeNumberField("noise_sigma", latency.noiseSigma());
    json.writeStringField("rate_used", "expected page loads per server (web) or per host (api) of the hour");
    json.writeEndObject();
  }

  private void writeHourly(JsonGenerator json) throws IOException {
    TrafficModel traffic = plan.traffic();
    json.writeArrayFieldStart("hourly");
    for (int hour = 0; hour < plan.hours(); hour++) {
      int servers = traffic.servers(hour);
      long webLoads = 0;
      for (int host = 0; host < servers; host++) {
        webLoads += plan.pageLoadCount(plan.webHosts().get(host), hour);
      }
      long apiLoads = 0;
      for (String host : plan.apiHosts()) {
        apiLoads += plan.pageLoadCount(host, hour);
      }
      json.writeStartObject();
      json.writeStringField("hour", Text.isoInstant(plan.startMillis() + hour * ScenarioPlan.HOUR_MILLIS).replace(".000Z", "Z"));
      json.writeNumberField("load", round(traffic.load(hour)));
      json.writeNumberField("servers", servers);
      json.writeNumberField("expected_web_page_loads", round(traffic.expectedWebPageLoads(hour)));
      json.writeNumberField("web_page_loads", webLoads);
      json.writeNumberField("expected_web_page_loads_per_server", round(traffic.webPageLoadsPerServer(hour)));
      json.writeNumberField("web_median_latency_seconds", round(plan.latency().medianSeconds(traffic.webPageLoadsPerServer(hour))));
      json.writeNumberField("api_page_loads", apiLoads);
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void writeNotFound(JsonGenerator json) throws IOException {
    Map<LocalDate, List<String>> byDay = new TreeMap<>();
    for (int day = 0; day < plan.options().days(); day++) {
      byDay.put(plan.options().start().plusDays(day), new ArrayList<>());
    }
    long total = 0;
    for (ScenarioGenerator.FileOutcome outcome : outcomes) {
      byDay.get(outcome.file().date()).addAll(outcome.notFoundMd5s());
      total += outcome.notFoundMd5s().size();
    }
    json.writeObjectFieldStart("not_found");
    json.writeStringField("type", "exception");
    json.writeStringField("marker", Backtraces.NOT_FOUND_MARKER);
    json.writeStringField("frame", Backtraces.NOT_FOUND_FRAME);
    json.writeStringField("message_prefix", "Not Found: ");
    json.writeStringField("exception_class", "clojure.lang.ExceptionInfo");
    json.writeNumberField("probability_per_page_load", AppEventSchedule.NOT_FOUND_PROBABILITY);
    stringArray(json, "formats", List.of(SampleFormat.APP_EVENTS.id(), SampleFormat.APP_EVENTS_EDN.id()));
    json.writeNumberField("total", total);
    json.writeArrayFieldStart("per_day");
    for (Map.Entry<LocalDate, List<String>> entry : byDay.entrySet()) {
      json.writeStartObject();
      json.writeStringField("date", entry.getKey().toString());
      json.writeNumberField("count", entry.getValue().size());
      stringArray(json, "md5", entry.getValue());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeObjectFieldStart("other_exceptions");
    json.writeNumberField("probability_per_page_load", AppEventSchedule.OTHER_EXCEPTION_PROBABILITY);
    stringArray(json, "exception_classes", List.of("java.lang.NullPointerException", "java.net.SocketTimeoutException"));
    json.writeEndObject();
    json.writeEndObject();
  }

  private void writeGc(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("gc");
    json.writeStringField("hosts", "web hosts while in service, api hosts always; app_events and app_events_edn");
    json.writeNumberField("period_seconds", ScenarioPlan.GC_PERIOD_MILLIS / 1000);
    json.writeNumberField("max_jitter_seconds", ScenarioPlan.GC_MAX_JITTER_MILLIS / 1000);
    json.writeStringField("formula", "start + phase(host) + k * period + jitter(host, k), |jitter| <= max_jitter");
    json.writeNumberField("min_interval_seconds", (ScenarioPlan.GC_PERIOD_MILLIS - 2 * ScenarioPlan.GC_MAX_JITTER_MILLIS) / 1000);
    json.writeNumberField("max_interval_seconds", (ScenarioPlan.GC_PERIOD_MILLIS + 2 * ScenarioPlan.GC_MAX_JITTER_MILLIS) / 1000);
    json.writeEndObject();
  }

  private void writeLeak(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("connection_leak");
    json.writeStringField("unit", "api.service");
    stringArray(json, "hosts", plan.apiHosts());
    json.writeNumberField("first_restart_min_seconds", ScenarioPlan.FIRST_RESTART_MIN_MILLIS / 1000);
    json.writeNumberField("first_restart_max_seconds", ScenarioPlan.FIRST_RESTART_MAX_MILLIS / 1000);
    json.writeNumberField("restart_interval_min_seconds", ScenarioPlan.RESTART_MIN_INTERVAL_MILLIS / 1000);
    json.writeNumberField("restart_interval_max_seconds", ScenarioPlan.RESTART_MAX_INTERVAL_MILLIS / 1000);
    json.writeNumberField("error_offset_min_seconds", ScenarioPlan.LEAK_ERROR_MIN_OFFSET_MILLIS / 1000);
    json.writeNumberField("error_offset_max_seconds", ScenarioPlan.LEAK_ERROR_MAX_OFFSET_MILLIS / 1000);
    json.writeNumberField("errors_per_restart_min", ScenarioPlan.LEAK_ERRORS_MIN);
    json.writeNumberField("errors_per_restart_max", ScenarioPlan.LEAK_ERRORS_MAX);
    stringArray(json, "messages", List.of(Backtraces.TOO_MANY_OPEN_FILES, Backtraces.UNKNOWN_HOST));
    json.writeArrayFieldStart("restarts");
    for (Restart restart : plan.restarts()) {
      json.writeStartObject();
      json.writeStringField("host", restart.host());
      json.writeStringField("time", Text.isoInstant(restart.epochMillis()));
      json.writeNumberField("epoch_ms", restart.epochMillis());
      json.writeNumberField("previous_pid", restart.previousPid());
      json.writeNumberField("pid", restart.pid());
      json.writeArrayFieldStart("error_offsets_ms");
      for (long offset : restart.errorOffsetsMillis()) {
        json.writeNumber(offset);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void writeOomKills(JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("oom_kills");
    for (OomKill kill : plan.oomKills()) {
      json.writeStartObject();
      json.writeStringField("host", kill.host());
      json.writeStringField("time", Text.isoInstant(kill.epochMillis()));
      json.writeNumberField("epoch_ms", kill.epochMillis());
      json.writeNumberField("killed_pid", kill.killedPid());
      json.writeNumberField("new_pid", kill.newPid());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void writeIncidents(JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("incidents");
    for (Incident incident : plan.incidents().all()) {
      json.writeStartObject();
      json.writeStringField("kind", incident.kind());
      json.writeStringField("start", Text.isoInstant(incident.startMillis()));
      json.writeStringField("end", Text.isoInstant(incident.endMillis()));
      json.writeNumberField("start_epoch_ms", incident.startMillis());
      json.writeNumberField("end_epoch_ms", incident.endMillis());
      if (incident.host() == null) {
        json.writeNullField("host");
      } else {
        json.writeStringField("host", incident.host());
      }
      json.writeNumberField("factor", incident.factor());
      json.writeStringField("description", incident.description());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void writeSnapshots(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("snapshots");
    json.writeObjectFieldStart("es_shards");
    json.writeStringField("file_name", EsShardsWriter.FILE_PREFIX + "<yyyyMMdd'T'HHmmss'Z'>.txt (capture time in the name only)");
    json.writeNumberField("interval_seconds", EsShardsWriter.INTERVAL_SECONDS);
    json.writeStringField("index", EsShardsWriter.INDEX);
    json.writeNumberField("shards", EsShardsWriter.SHARDS);
    stringArray(json, "nodes", EsShardsWriter.NODES);
    json.writeNumberField("base_ips_per_primary", EsShardsWriter.BASE_IPS);
    json.writeNumberField("hot_shard", EsShardsWriter.HOT_SHARD);
    json.writeNumberField("hot_factor", EsShardsWriter.HOT_FACTOR);
    json.writeNumberField("index_time_ms_per_request", EsShardsWriter.MILLIS_PER_REQUEST);
    json.writeStringField("ips_sql",
        "(index_total - lag(index_total)) / (unix_timestamp(ts) - unix_timestamp(lag(ts))) over (partition by shard, prirep order by ts)");
    json.writeEndObject();
    json.writeObjectFieldStart("kafka_lag");
    json.writeStringField("host", KafkaLagWriter.HOST);
    json.writeNumberField("interval_seconds", KafkaLagWriter.INTERVAL_SECONDS);
    json.writeStringField("topic", KafkaLagWriter.TOPIC);
    json.writeStringField("consumer_group", KafkaLagWriter.GROUP);
    json.writeNumberField("partitions", KafkaLagWriter.PARTITIONS);
    json.writeNumberField("growing_partition", KafkaLagWriter.GROWING_PARTITION);
    json.writeNumberField("growth_per_hour", KafkaLagWriter.GROWTH_PER_HOUR);
    json.writeStringField("growing_lag_formula", "growing_base + growth_per_hour * hours since the scenario start (integer division by the second)");
    json.writeNumberField("growing_base", KafkaLagWriter.GROWING_BASE);
    json.writeNumberField("flat_lag_min", 200);
    json.writeNumberField("flat_lag_max", 500);
    json.writeNumberField("produce_rate_per_partition", KafkaLagWriter.PRODUCE_RATE);
    json.writeEndObject();
    json.writeObjectFieldStart("writer_metrics");
    json.writeStringField("host", WriterMetricsWriter.HOST);
    json.writeNumberField("pid", WriterMetricsWriter.PID);
    json.writeNumberField("interval_seconds", WriterMetricsWriter.INTERVAL_SECONDS);
    List<String> threads = new ArrayList<>();
    for (int thread = 0; thread < WriterMetricsWriter.THREADS; thread++) {
      threads.add(WriterMetricsWriter.threadName(plan.options().seed(), thread));
    }
    stringArray(json, "threads", threads);
    stringArray(json, "counters", WriterMetricsWriter.COUNTERS);
    json.writeStringField("event_received_per_second", "80 + 20 * thread index");
    json.writeEndObject();
    json.writeObjectFieldStart("expvar");
    json.writeStringField("host", ScenarioPlan.GO_HOST);
    json.writeNumberField("interval_seconds", ExpvarWriter.INTERVAL_SECONDS);
    stringArray(json, "subscribers", ExpvarWriter.SUBSCRIBERS);
    json.writeEndObject();
    json.writeEndObject();
  }

  private void writeHostStats(JsonGenerator json) throws IOException {
    HostStatsFacts facts = new HostStatsFacts(plan);
    json.writeObjectFieldStart("host_stats");
    json.writeStringField("layout", "dt=YYYY-MM-DD/host_stats/<host>.<tool>.txt[.gz], one '# host=... time=... tool=...' header per snapshot");
    stringArray(json, "tools_web", HostStatsWriter.TOOLS.subList(0, 4));
    stringArray(json, "tools_api", HostStatsWriter.TOOLS);
    json.writeNumberField("snapshot_every_seconds", HostStatsFacts.SNAPSHOT_MILLIS / 1000);
    json.writeNumberField("lsof_every_seconds", HostStatsFacts.LSOF_SNAPSHOT_MILLIS / 1000);
    json.writeNumberField("lsof_offset_seconds", HostStatsFacts.LSOF_OFFSET_MILLIS / 1000);
    json.writeObjectFieldStart("records_per_snapshot");
    for (String tool : HostStatsWriter.TOOLS) {
      json.writeNumberField(tool, HostStatsWriter.recordsPerSnapshot(tool));
    }
    json.writeEndObject();
    json.writeObjectFieldStart("filling_disk");
    json.writeStringField("host", facts.fillingHost());
    json.writeStringField("mount", HostStatsFacts.FILLING_MOUNT);
    json.writeStringField("filesystem", HostStatsFacts.FILLING_FILESYSTEM);
    json.writeStringField("metric", "host.df.used");
    json.writeNumberField("size_bytes", HostStatsFacts.FILLING_SIZE_BYTES);
    json.writeNumberField("start_used_bytes", HostStatsFacts.FILLING_START_BYTES);
    json.writeNumberField("rate_bytes_per_hour", HostStatsFacts.FILLING_RATE_BYTES_PER_HOUR);
    json.writeStringField("formula", "min(size_bytes, start_used_bytes + rate_bytes_per_hour * hours_since_start); df -h prints it rounded up");
    json.writeStringField("full_at", Text.isoInstant(facts.fillingFullAtMillis()));
    json.writeEndObject();
    json.writeObjectFieldStart("descriptor_leak");
    json.writeStringField("unit", "api.service");
    json.writeStringField("command", "java");
    json.writeStringField("metric", "host.lsof.descriptors");
    json.writeStringField("type", "IPv4");
    json.writeStringField("protocol", "UDP");
    json.writeNumberField("baseline_udp_descriptors", HostStatsFacts.BASELINE_UDP);
    json.writeNumberField("udp_descriptors_per_minute", HostStatsFacts.LEAKED_UDP_PER_MINUTE);
    json.writeStringField("formula", "baseline_udp_descriptors + udp_descriptors_per_minute * whole minutes since the process started (the scenario start for the first process)");
    json.writeNumberField("other_processes_max_udp_descriptors", 1);
    json.writeArrayFieldStart("processes");
    for (HostStatsFacts.ApiProcess process : facts.apiProcesses()) {
      json.writeStartObject();
      json.writeStringField("host", process.host());
      json.writeNumberField("pid", process.pid());
      json.writeStringField("started", Text.isoInstant(process.startMillis()));
      json.writeStringField("ended", Text.isoInstant(process.endMillis()));
      json.writeNumberField("last_captured_udp_descriptors", facts.lastCapturedUdp(process));
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
  }

  private void writeMalformed(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("malformed");
    json.writeNumberField("ratio", plan.options().malformedRatio());
    json.writeStringField("count_rule", "per file: max(1, floor(entries * ratio + u)), u ~ U[0,1); 0 when the ratio is 0 or the file is empty");
    json.writeObjectFieldStart("kinds_by_format");
    for (SampleFormat format : SampleFormat.values()) {
      List<String> kinds = ScenarioGenerator.writerFor(plan, format).malformer().kinds().stream().map(MalformedKind::id).toList();
      stringArray(json, format.id(), kinds);
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private void writeTotals(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("totals");
    for (SampleFormat format : SampleFormat.values()) {
      if (!plan.options().writes(format)) {
        continue;
      }
      long files = 0;
      long valid = 0;
      long malformed = 0;
      long lines = 0;
      long bytes = 0;
      for (ScenarioGenerator.FileOutcome outcome : outcomes) {
        GeneratedFile file = outcome.file();
        if (file.format() == format) {
          files++;
          valid += file.validRecords();
          malformed += file.malformedRecords();
          lines += file.lines();
          bytes += file.bytes();
        }
      }
      json.writeObjectFieldStart(format.id());
      json.writeNumberField("files", files);
      json.writeNumberField("valid_records", valid);
      json.writeNumberField("malformed_records", malformed);
      json.writeNumberField("lines", lines);
      json.writeNumberField("bytes", bytes);
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private void writeFiles(JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("files");
    for (ScenarioGenerator.FileOutcome outcome : outcomes) {
      GeneratedFile file = outcome.file();
      json.writeStartObject();
      json.writeStringField("path", file.path());
      json.writeStringField("format", file.format().id());
      json.writeStringField("host", file.host());
      json.writeStringField("date", file.date().toString());
      json.writeNumberField("valid_records", file.validRecords());
      json.writeNumberField("malformed_records", file.malformedRecords());
      json.writeNumberField("lines", file.lines());
      json.writeNumberField("bytes", file.bytes());
      json.writeObjectFieldStart("malformed_by_kind");
      for (Map.Entry<String, Integer> kind : new TreeMap<>(file.malformedByKind()).entrySet()) {
        json.writeNumberField(kind.getKey(), kind.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void stringArray(JsonGenerator json, String field, List<String> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }
}
