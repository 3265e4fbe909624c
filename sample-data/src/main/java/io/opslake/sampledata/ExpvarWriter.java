package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the Go service's expvar document ({@code /debug/vars}) every {@value #INTERVAL_SECONDS}
 * seconds as a polling loop captures it: the ISO capture time, a space, the compact document with
 * {@code cmdline}, the application variables {@code Streams}, {@code NotificationsPrSec}, {@code
 * Requests}, {@code AuthenticationFailures}, the map {@code PerSubscriberStreams} (three
 * subscribers) and a {@code memstats} subset (seven numbers and the {@code PauseNs} array). A
 * document counts as {@value #DATAPOINTS} records.
 */
final class ExpvarWriter implements FormatWriter {
  static final int INTERVAL_SECONDS = 60;
  static final int DATAPOINTS = 14;
  static final List<String> SUBSCRIBERS = List.of("sub-alpha", "sub-beta", "sub-gamma");

  private final ScenarioPlan plan;

  ExpvarWriter(ScenarioPlan plan) {
    this.plan = plan;
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.EXPVAR;
  }

  @Override
  public List<String> hosts(int day) {
    return List.of(ScenarioPlan.GO_HOST);
  }

  @Override
  public FileContent render(String host, int day) {
    SplittableRandom random = RandomStreams.stream(plan.options().seed(), format().id(), host, day);
    List<Rendered> records = new ArrayList<>();
    StringBuilder out = new StringBuilder(600);
    for (int snapshot = 0; snapshot < 86_400 / INTERVAL_SECONDS; snapshot++) {
      long at = plan.dayStartMillis(day) + snapshot * INTERVAL_SECONDS * 1000L;
      long uptime = (at - plan.startMillis()) / 1000 + 3_600;
      long requests = uptime * 25;
      long numGc = uptime / 45;
      out.setLength(0);
      Text.appendIsoSeconds(out, at);
      out.append(" {\"cmdline\":[\"/srv/kwanza\",\"-listen=:8080\"],\"Streams\":").append(30 + random.nextInt(20))
          .append(",\"NotificationsPrSec\":");
      Text.appendFixed(out, 100 + random.nextInt(60), 1);
      out.append(",\"Requests\":").append(requests)
          .append(",\"AuthenticationFailures\":").append(uptime / 600)
          .append(",\"PerSubscriberStreams\":{");
      for (int i = 0; i < SUBSCRIBERS.size(); i++) {
        out.append(i == 0 ? "" : ",").append('"').append(SUBSCRIBERS.get(i)).append("\":").append(1 + random.nextInt(9));
      }
      long heap = 40_000_000L + random.nextInt(20_000_000);
      out.append("},\"memstats\":{\"Alloc\":").append(heap)
          .append(",\"TotalAlloc\":").append(uptime * 2_500_000L)
          .append(",\"Sys\":").append(120_000_000L)
          .append(",\"HeapAlloc\":").append(heap)
          .append(",\"HeapInuse\":").append(heap + 4_000_000L)
          .append(",\"NumGC\":").append(numGc)
          .append(",\"PauseTotalNs\":").append(numGc * 350_000L)
          .append(",\"PauseNs\":[350000,341000,362000]}}");
      records.add(new Rendered(at, out.toString()));
    }
    return new FileContent(records, DATAPOINTS, List.of());
  }

  @Override
  public Malformer malformer() {
    return new Malformer() {
      @Override
      public List<MalformedKind> kinds() {
        return List.of(MalformedKind.TRUNCATED, MalformedKind.GARBAGE, MalformedKind.MISSING_TIMESTAMP, MalformedKind.TIMESTAMP_2090);
      }

      @Override
      public byte[] malform(MalformedKind kind, Rendered neighbour, SplittableRandom random) {
        String line = neighbour.text();
        String text = switch (kind) {
          case TRUNCATED -> line.substring(0, (int) (line.length() * (0.3 + 0.4 * random.nextDouble())));
          case GARBAGE -> TimestampFieldMalformer.garbage(random);
          case MISSING_TIMESTAMP -> line.substring(line.indexOf(' ') + 1);
          case TIMESTAMP_2090 -> TimestampFieldMalformer.isoTo2090(line);
          default -> throw new IllegalArgumentException(kind + " is not planted in expvar snapshots");
        };
        return TimestampFieldMalformer.bytes(text);
      }
    };
  }
}
