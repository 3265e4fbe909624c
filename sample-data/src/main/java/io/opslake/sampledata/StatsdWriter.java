package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes DogStatsD lines with timestamps for the web and API hosts: a sampled timer per page load
 * ({@code page.load.time}, the same milliseconds as the app event, sample rate 0.5), a sampled
 * request counter ({@code http.requests}, rate 0.1), and a heap gauge per minute in service.
 */
final class StatsdWriter implements FormatWriter {
  private static final String[] NON_NUMERIC = {"abc", "twelve", "12ms", "1,5", "--"};
  private static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28};

  private final ScenarioPlan plan;

  StatsdWriter(ScenarioPlan plan) {
    this.plan = plan;
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.STATSD;
  }

  @Override
  public List<String> hosts(int day) {
    return plan.webAndApiHostsOnDay(day);
  }

  @Override
  public FileContent render(String host, int day) {
    SplittableRandom random = RandomStreams.stream(plan.options().seed(), format().id(), host, day);
    String tags = "|#env:prod,service:" + (plan.isWebHost(host) ? "web" : "api") + ",host:" + host + "|T";
    List<Rendered> records = new ArrayList<>();
    for (PageLoad load : plan.pageLoads(host, day)) {
      long seconds = load.epochMillis() / 1000;
      if (random.nextInt(2) == 0) {
        records.add(new Rendered(load.epochMillis(), "page.load.time:" + load.executionMillis() + "|ms|@0.5" + tags + seconds));
      }
      if (random.nextInt(10) == 0) {
        records.add(new Rendered(load.epochMillis(), "http.requests:1|c|@0.1" + tags + seconds));
      }
    }
    long dayStart = plan.dayStartMillis(day);
    for (int minute = 0; minute < 1440; minute++) {
      long at = dayStart + minute * 60_000L + 30_000L;
      if (plan.inService(host, plan.hourIndexOf(at))) {
        long heap = 1_200_000_000L + random.nextLong(2_000_000_000L);
        records.add(new Rendered(at, "jvm.heap.used:" + heap + "|g" + tags + at / 1000));
      }
    }
    records.sort(Comparator.comparingLong(Rendered::epochMillis));
    return FileContent.of(records);
  }

  @Override
  public Malformer malformer() {
    return new Malformer() {
      @Override
      public List<MalformedKind> kinds() {
        return List.of(MalformedKind.GARBAGE, MalformedKind.INVALID_UTF8, MalformedKind.TIMESTAMP_2090,
            MalformedKind.NON_NUMERIC_VALUE);
      }

      @Override
      public byte[] malform(MalformedKind kind, Rendered neighbour, SplittableRandom random) {
        String line = neighbour.text();
        int colon = line.indexOf(':');
        int pipe = line.indexOf('|');
        int timestamp = line.lastIndexOf("|T") + 2;
        return switch (kind) {
          case GARBAGE -> TimestampFieldMalformer.bytes(TimestampFieldMalformer.garbage(random));
          case TIMESTAMP_2090 -> TimestampFieldMalformer.bytes(line.substring(0, timestamp)
              + TimestampFieldMalformer.epochSecondsTo2090(line.substring(timestamp)));
          case NON_NUMERIC_VALUE -> TimestampFieldMalformer.bytes(line.substring(0, colon + 1)
              + NON_NUMERIC[random.nextInt(NON_NUMERIC.length)] + line.substring(pipe));
          case INVALID_UTF8 -> {
            byte[] head = TimestampFieldMalformer.bytes(line.substring(0, colon + 2));
            byte[] tail = TimestampFieldMalformer.bytes(line.substring(colon + 2));
            byte[] out = new byte[head.length + INVALID_UTF8.length + tail.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(INVALID_UTF8, 0, out, head.length, INVALID_UTF8.length);
            System.arraycopy(tail, 0, out, head.length + INVALID_UTF8.length, tail.length);
            yield out;
          }
          default -> throw new IllegalArgumentException(kind + " is not planted in StatsD");
        };
      }
    };
  }
}
