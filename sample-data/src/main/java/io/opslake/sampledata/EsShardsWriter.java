package io.opslake.sampledata;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one Elasticsearch {@code _cat/shards?v&time=ms} snapshot file every {@value
 * #INTERVAL_SECONDS} seconds, named {@code es-shards-<yyyyMMdd'T'HHmmss'Z'>.txt} (the capture time is
 * in the name only), for the index {@value #INDEX}: {@value #SHARDS} shards, each a primary and a
 * replica on two of three nodes. Every primary indexes {@value #BASE_IPS} requests per second,
 * except shard {@value #HOT_SHARD}, which indexes {@value #HOT_FACTOR} times as many: the planted
 * hot shard. Totals are a pure function of time (with a jitter smaller than one interval's growth,
 * so they never decrease); a replica reports its primary's totals. A row counts as four records
 * (docs, store, index_total, index_time).
 */
final class EsShardsWriter implements FormatWriter {
  static final String INDEX = "events";
  static final int SHARDS = 6;
  static final List<String> NODES = List.of("dc0-es01", "dc0-es02", "dc0-es03");
  static final int HOT_SHARD = 3;
  static final double HOT_FACTOR = 5.0;
  static final double BASE_IPS = 40.0;
  static final double MILLIS_PER_REQUEST = 0.6;
  static final int INTERVAL_SECONDS = 900;
  static final int DATAPOINTS_PER_ROW = 4;
  static final String FILE_PREFIX = "es-shards-";
  private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String HEADER =
      "index  shard prirep state   docs     store  ip        node     indexing.index_total indexing.index_time";

  private final ScenarioPlan plan;

  EsShardsWriter(ScenarioPlan plan) {
    this.plan = plan;
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.ES_SHARDS;
  }

  @Override
  public List<String> hosts(int day) {
    return List.of(NODES.get(0));
  }

  @Override
  public int fileCount(String host, int day) {
    return 86_400 / INTERVAL_SECONDS;
  }

  @Override
  public String fileName(String host, int day, int file) {
    return FILE_PREFIX + BASIC.format(Instant.ofEpochMilli(captureMillis(day, file)));
  }

  @Override
  public FileContent render(String host, int day) {
    return render(host, day, 0);
  }

  @Override
  public FileContent render(String host, int day, int file) {
    long at = captureMillis(day, file);
    long interval = (at - plan.startMillis()) / (INTERVAL_SECONDS * 1000L);
    double elapsed = (at - plan.startMillis()) / 1000.0 + 86_400;
    List<Rendered> rows = new ArrayList<>();
    for (int shard = 0; shard < SHARDS; shard++) {
      double ips = shard == HOT_SHARD ? BASE_IPS * HOT_FACTOR : BASE_IPS;
      double jitter = RandomStreams.uniform(plan.options().seed(), "es", shard, interval) - 0.5;
      long total = Math.round(ips * (elapsed + 0.1 * INTERVAL_SECONDS * jitter));
      long timeMillis = Math.round(total * MILLIS_PER_REQUEST);
      long docs = Math.round(total * 0.9);
      for (int copy = 0; copy < 2; copy++) {
        int node = (shard + copy) % NODES.size();
        String row = String.format(Locale.ROOT, "%-6s %5d %-6s %-7s %8d %6s %-9s %-8s %20d %19d", INDEX, shard,
            copy == 0 ? "p" : "r", "STARTED", docs, SnapshotLines.catBytes(docs * 1100), "10.0.3." + (11 + node),
            NODES.get(node), total, timeMillis);
        rows.add(new Rendered(at, rows.isEmpty() ? HEADER + "\n" + row : row));
      }
    }
    return new FileContent(rows, DATAPOINTS_PER_ROW, List.of());
  }

  private long captureMillis(int day, int file) {
    return plan.dayStartMillis(day) + file * INTERVAL_SECONDS * 1000L;
  }

  @Override
  public Malformer malformer() {
    return SnapshotLines.tableRows();
  }
}
