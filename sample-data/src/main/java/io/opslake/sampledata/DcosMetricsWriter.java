package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes one DC/OS metrics document per host and minute in service (at the minute's start), with three datapoints:
 * {@code cpu.total} (percent, following the host's page loads per hour), {@code memory.free}
 * (bytes) and {@code filesystem.capacity.used} (bytes, path "/", slowly growing). A document
 * counts as three records.
 */
final class DcosMetricsWriter implements FormatWriter {
  static final int DATAPOINTS_PER_DOCUMENT = 3;
  private static final long MEMORY_TOTAL = 16L * 1024 * 1024 * 1024;

  private final ScenarioPlan plan;

  DcosMetricsWriter(ScenarioPlan plan) {
    this.plan = plan;
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.DCOS_METRICS;
  }

  @Override
  public List<String> hosts(int day) {
    return plan.allHostsOnDay(day);
  }

  @Override
  public FileContent render(String host, int day) {
    SplittableRandom random = RandomStreams.stream(plan.options().seed(), format().id(), host, day);
    long seed = plan.options().seed();
    String clusterId = Text.hex(RandomStreams.stream(seed, "cluster").nextLong(), 16);
    String mesosId = Text.hex(RandomStreams.stream(seed, "mesos", host).nextLong(), 16) + "-S" + (host.hashCode() & 0xff);
    double referenceRate = plan.options().pageLoadsPerHostHour() * 1.5;
    List<Rendered> records = new ArrayList<>();
    StringBuilder out = new StringBuilder(600);
    long dayStart = plan.dayStartMillis(day);
    for (int minute = 0; minute < 1440; minute++) {
      long at = dayStart + minute * 60_000L;
      int hour = plan.hourIndexOf(at);
      if (!plan.inService(host, hour)) {
        continue;
      }
      double busy = Math.min(1.0, plan.expectedPageLoads(host, hour) / referenceRate);
      long cpuTenths = Math.round(10 * (4 + 80 * busy + 4 * random.nextDouble()));
      long memoryFree = (long) (MEMORY_TOTAL * (0.55 - 0.3 * busy + 0.05 * random.nextDouble()));
      long minutesSinceStart = (at - plan.startMillis()) / 60_000L;
      long diskUsed = 20_000_000_000L + minutesSinceStart * 40_960L + random.nextInt(1_000_000);
      out.setLength(0);
      StringBuilder cpu = new StringBuilder(8);
      Text.appendFixed(cpu, cpuTenths, 1);
      out.append("{\"datapoints\":[");
      datapoint(out, "cpu.total", cpu, "percent", at, "");
      out.append(',');
      datapoint(out, "memory.free", Long.toString(memoryFree), "bytes", at, "");
      out.append(',');
      datapoint(out, "filesystem.capacity.used", Long.toString(diskUsed), "bytes", at, ",\"tags\":{\"path\":\"/\"}");
      out.append("],\"dimensions\":{\"mesos_id\":\"").append(mesosId)
          .append("\",\"cluster_id\":\"").append(clusterId)
          .append("\",\"hostname\":\"").append(host).append("\"}}");
      records.add(new Rendered(at, out.toString()));
    }
    return new FileContent(records, DATAPOINTS_PER_DOCUMENT, List.of());
  }

  private static void datapoint(StringBuilder out, String name, CharSequence value, String unit, long at, String tags) {
    out.append("{\"name\":\"").append(name).append("\",\"value\":").append(value)
        .append(",\"unit\":\"").append(unit).append("\",\"timestamp\":\"");
    Text.appendIsoSeconds(out, at);
    out.append('"').append(tags).append('}');
  }

  @Override
  public Malformer malformer() {
    return new Malformer() {
      @Override
      public List<MalformedKind> kinds() {
        return List.of(MalformedKind.TRUNCATED);
      }

      @Override
      public byte[] malform(MalformedKind kind, Rendered neighbour, SplittableRandom random) {
        String document = neighbour.text();
        return TimestampFieldMalformer.bytes(document.substring(0, document.length() / 2));
      }
    };
  }
}
