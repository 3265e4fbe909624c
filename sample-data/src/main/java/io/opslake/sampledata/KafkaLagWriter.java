package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a terminal lag monitor's table every {@value #INTERVAL_SECONDS} seconds into one file per
 * day on the monitoring host, each table behind a {@code # <ISO time>} line: topic {@value #TOPIC},
 * {@value #PARTITIONS} partitions on three brokers, consumer group {@value #GROUP}. Every
 * partition's latest offset grows by {@value #PRODUCE_RATE} messages per second; the consumer lags
 * by a flat 200–500 messages, except partition {@value #GROWING_PARTITION}, whose lag is {@value
 * #GROWING_BASE} plus {@value #GROWTH_PER_HOUR} per hour since the scenario start: the planted
 * growing partition. A row counts as three records (lag, latest and consumer offsets).
 */
final class KafkaLagWriter implements FormatWriter {
  static final String HOST = "dc0-mon01";
  static final String TOPIC = "events";
  static final String GROUP = "indexer";
  static final int PARTITIONS = 8;
  static final int GROWING_PARTITION = 5;
  static final long GROWING_BASE = 1_000;
  static final long GROWTH_PER_HOUR = 18_000;
  static final long PRODUCE_RATE = 150;
  static final int INTERVAL_SECONDS = 300;
  static final int DATAPOINTS_PER_ROW = 3;
  private static final String HEADER = """
      Broker       | Topic  | P | Earliest  | Latest    | Consumer | Current   | Delta
      -------------+--------+---+-----------+-----------+----------+-----------+--------""";

  private final ScenarioPlan plan;

  KafkaLagWriter(ScenarioPlan plan) {
    this.plan = plan;
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.KAFKA_LAG;
  }

  @Override
  public List<String> hosts(int day) {
    return List.of(HOST);
  }

  @Override
  public FileContent render(String host, int day) {
    List<Rendered> rows = new ArrayList<>();
    long seed = plan.options().seed();
    for (int snapshot = 0; snapshot < 86_400 / INTERVAL_SECONDS; snapshot++) {
      long at = plan.dayStartMillis(day) + snapshot * INTERVAL_SECONDS * 1000L;
      long elapsedSeconds = (at - plan.startMillis()) / 1000;
      long index = elapsedSeconds / INTERVAL_SECONDS;
      for (int partition = 0; partition < PARTITIONS; partition++) {
        long latest = 40_000_000L + partition * 1_000_000L + PRODUCE_RATE * elapsedSeconds
            + Math.round(PRODUCE_RATE * 10 * RandomStreams.uniform(seed, "kafka-latest", partition, index));
        long lag = partition == GROWING_PARTITION
            ? GROWING_BASE + GROWTH_PER_HOUR * elapsedSeconds / 3600
            : 200 + Math.round(300 * RandomStreams.uniform(seed, "kafka-lag", partition, index));
        long earliest = latest - 30_000_000L;
        String row = String.format(Locale.ROOT, "%-12s | %-6s | %d | %-9d | %-9d | %-8s | %-9d | %s",
            "kafka0" + (1 + partition % 3) + ":9092", TOPIC, partition, earliest, latest, GROUP, latest - lag,
            SnapshotLines.monitorBytes(lag));
        StringBuilder text = new StringBuilder();
        if (partition == 0) {
          text.append("# ");
          Text.appendIsoSeconds(text, at);
          text.append('\n').append(HEADER).append('\n');
        }
        rows.add(new Rendered(at, text.append(row).toString()));
      }
    }
    return new FileContent(rows, DATAPOINTS_PER_ROW, List.of());
  }

  @Override
  public Malformer malformer() {
    return SnapshotLines.tableRows();
  }
}
