package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the instrumentation events of an event indexer's writer threads every {@value
 * #INTERVAL_SECONDS} seconds: host {@value #HOST}, process {@value #PID}, {@value #THREADS}
 * threads named {@code EventIndexer@<identity>}, each with {@code Interval} (10 s), {@code
 * MultiInterval} (60 s) and {@code LifeTime} windows over the counters {@link #COUNTERS}. Thread
 * {@code i} receives {@code 80 + 20 i} events per second; window counts are Poisson draws, lifetime
 * counts grow with the time since the process started (one day before the scenario). No
 * per-process event is written: per-process totals are the sum over the threads. An event counts
 * as 24 records (4 counters × 3 windows × cnt and rate).
 */
final class WriterMetricsWriter implements FormatWriter {
  static final String HOST = "dc0-idx01";
  static final int PID = 3100;
  static final int THREADS = 2;
  static final int INTERVAL_SECONDS = 300;
  static final List<String> COUNTERS = List.of("EventReceived", "EventIndexed", "EventIndexedBytes", "BulkExecOK");
  private static final double[] SHARE = {1.0, 0.99, 0.99 * 850, 0.0099};

  private final ScenarioPlan plan;

  WriterMetricsWriter(ScenarioPlan plan) {
    this.plan = plan;
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.WRITER_METRICS;
  }

  @Override
  public List<String> hosts(int day) {
    return List.of(HOST);
  }

  static String threadName(long seed, int thread) {
    return "EventIndexer@" + Text.hex(RandomStreams.stream(seed, "writer-thread", thread).nextLong(), 8);
  }

  @Override
  public FileContent render(String host, int day) {
    SplittableRandom random = RandomStreams.stream(plan.options().seed(), format().id(), host, day);
    List<Rendered> records = new ArrayList<>();
    StringBuilder out = new StringBuilder(1200);
    for (int snapshot = 0; snapshot < 86_400 / INTERVAL_SECONDS; snapshot++) {
      long at = plan.dayStartMillis(day) + snapshot * INTERVAL_SECONDS * 1000L;
      double lifetimeSeconds = (at - plan.startMillis()) / 1000.0 + 86_400;
      for (int thread = 0; thread < THREADS; thread++) {
        double received = 80 + 20 * thread;
        out.setLength(0);
        out.append("{\"ts\":\"");
        Text.appendIsoSeconds(out, at);
        out.append("\",\"pid\":").append(PID).append(",\"host\":\"").append(HOST)
            .append("\",\"name\":\"").append(threadName(plan.options().seed(), thread)).append('"');
        window(out, "Interval", 10, received, random, false, 0);
        window(out, "MultiInterval", 60, received, random, false, 0);
        window(out, "LifeTime", 0, received, random, true, lifetimeSeconds);
        out.append('}');
        records.add(new Rendered(at, out.toString()));
      }
    }
    return new FileContent(records, COUNTERS.size() * 3 * 2, List.of());
  }

  private static void window(StringBuilder out, String name, int seconds, double received, SplittableRandom random,
      boolean lifetime, double lifetimeSeconds) {
    out.append(",\"").append(name).append("\":{");
    if (!lifetime) {
      out.append("\"tSecs\":").append(seconds).append(',');
    }
    for (int i = 0; i < COUNTERS.size(); i++) {
      double rate = received * SHARE[i];
      long count = lifetime ? Math.round(rate * lifetimeSeconds) : RandomStreams.poisson(random, rate * seconds);
      double window = lifetime ? lifetimeSeconds : seconds;
      out.append(i == 0 ? "" : ",").append('"').append(COUNTERS.get(i)).append("\":{\"cnt\":").append(count)
          .append(",\"rate\":");
      Text.appendFixed(out, Math.round(count / window * 10), 1);
      out.append('}');
    }
    out.append('}');
  }

  @Override
  public Malformer malformer() {
    Malformer timestamps = new TimestampFieldMalformer("", "\"ts\":\"", true, TimestampFieldMalformer::isoTo2090);
    // One file a day of a few hundred events: few enough kinds that every one is planted.
    return new Malformer() {
      @Override
      public List<MalformedKind> kinds() {
        return List.of(MalformedKind.TRUNCATED, MalformedKind.GARBAGE, MalformedKind.MISSING_TIMESTAMP);
      }

      @Override
      public byte[] malform(MalformedKind kind, Rendered neighbour, SplittableRandom random) {
        return timestamps.malform(kind, neighbour, random);
      }
    };
  }
}
