package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes {@code journalctl -o json} lines for every host: hourly cron runs, a few kernel messages,
 * service starts and stops that match the plan (web hosts joining and leaving service as the fleet
 * autoscales, API restarts), and the kernel OOM killer followed by a restart of the web service.
 */
final class JournaldWriter implements FormatWriter {
  private static final String[] KERNEL_MESSAGES = {
    "TCP: request_sock_TCP: Possible SYN flooding on port 8080. Sending cookies.  Check SNMP counters.",
    "EXT4-fs (nvme0n1p1): re-mounted. Opts: (null). Quota mode: none.",
    "nf_conntrack: nf_conntrack: table full, dropping packet",
    "perf: interrupt took too long (2503 > 2500), lowering kernel.perf_event_max_sample_rate to 79750",
  };

  private record Entry(long millis, String unit, String priority, String identifier, Integer pid, String transport, String message) {}

  private final ScenarioPlan plan;

  JournaldWriter(ScenarioPlan plan) {
    this.plan = plan;
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.JOURNALD;
  }

  @Override
  public List<String> hosts(int day) {
    return plan.allHostsOnDay(day);
  }

  @Override
  public FileContent render(String host, int day) {
    SplittableRandom random = RandomStreams.stream(plan.options().seed(), format().id(), host, day);
    List<Entry> entries = new ArrayList<>();
    long dayStart = plan.dayStartMillis(day);
    for (int hour = day * 24; hour < day * 24 + 24; hour++) {
      long hourStart = plan.startMillis() + hour * ScenarioPlan.HOUR_MILLIS;
      boolean inService = plan.inService(host, hour);
      if (inService) {
        entries.add(new Entry(hourStart + 17 * 60_000L + random.nextInt(2000), "cron.service", "6", "CRON",
            3000 + random.nextInt(60_000), "syslog", "(root) CMD (   cd / && run-parts --report /etc/cron.hourly)"));
      }
      if (plan.isWebHost(host) && hour > 0) {
        boolean wasInService = plan.inService(host, hour - 1);
        int pid = 2000 + Math.floorMod((host + hour).hashCode(), 30_000);
        if (inService && !wasInService) {
          entries.add(new Entry(hourStart + random.nextInt(3000), "webapp.service", "6", "webapp", pid, "journal",
              "Started webapp.service."));
        } else if (!inService && wasInService) {
          long at = hourStart - 5000 + random.nextInt(2000);
          entries.add(new Entry(at, "webapp.service", "6", "webapp", pid, "journal", "Stopping webapp.service..."));
          entries.add(new Entry(at + 1500, "webapp.service", "6", "webapp", pid, "journal", "Stopped webapp.service."));
        }
      }
    }
    int kernelMessages = random.nextInt(1, 4);
    for (int i = 0; i < kernelMessages; i++) {
      entries.add(new Entry(dayStart + random.nextLong(ScenarioPlan.DAY_MILLIS), null, "4", "kernel", null, "kernel",
          KERNEL_MESSAGES[random.nextInt(KERNEL_MESSAGES.length)]));
    }
    for (Restart restart : plan.restartsOn(host, day)) {
      long at = restart.epochMillis();
      entries.add(new Entry(at - 2500, "api.service", "6", "api", restart.previousPid(), "journal", "Stopping api.service..."));
      entries.add(new Entry(at - 1200, "api.service", "6", "api", restart.previousPid(), "journal", "Stopped api.service."));
      entries.add(new Entry(at, "api.service", "6", "api", restart.pid(), "journal", "Started api.service."));
    }
    for (OomKill kill : plan.oomKills()) {
      if (kill.host().equals(host) && kill.epochMillis() >= dayStart && kill.epochMillis() < dayStart + ScenarioPlan.DAY_MILLIS) {
        addOomKill(entries, kill);
      }
    }
    // Entries are kept within the day (a stop just before midnight belongs to the day before).
    entries.removeIf(entry -> entry.millis() < dayStart || entry.millis() >= dayStart + ScenarioPlan.DAY_MILLIS);
    entries.sort(Comparator.comparingLong(Entry::millis));
    return FileContent.of(renderAll(host, day, entries, random));
  }

  private static void addOomKill(List<Entry> entries, OomKill kill) {
    long at = kill.epochMillis();
    entries.add(new Entry(at - 40, null, "4", "kernel", null, "kernel",
        "java invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0"));
    entries.add(new Entry(at, null, "3", "kernel", null, "kernel",
        "Out of memory: Killed process " + kill.killedPid()
            + " (java) total-vm:8123456kB, anon-rss:4012345kB, file-rss:0kB, shmem-rss:0kB, UID:1001 pgtables:9876kB oom_score_adj:0"));
    entries.add(new Entry(at + 150, "webapp.service", "5", "webapp", kill.killedPid(), "journal",
        "webapp.service: Main process exited, code=killed, status=9/KILL"));
    entries.add(new Entry(at + 160, "webapp.service", "4", "webapp", kill.killedPid(), "journal",
        "webapp.service: Failed with result 'oom-kill'."));
    entries.add(new Entry(at + 5200, "webapp.service", "6", "webapp", kill.newPid(), "journal", "Started webapp.service."));
  }

  private List<Rendered> renderAll(String host, int day, List<Entry> entries, SplittableRandom random) {
    String bootId = Text.hex(RandomStreams.stream(plan.options().seed(), "boot", host).nextLong(), 16)
        + Text.hex(RandomStreams.stream(plan.options().seed(), "boot2", host).nextLong(), 16);
    long sequence = 0x1000L + day * 100_000L;
    List<Rendered> records = new ArrayList<>(entries.size());
    StringBuilder out = new StringBuilder(400);
    for (Entry entry : entries) {
      long micros = entry.millis() * 1000 + random.nextInt(1000);
      out.setLength(0);
      out.append("{\"__CURSOR\":\"s=").append(bootId).append(";i=").append(Long.toHexString(sequence++))
          .append(";b=").append(bootId)
          .append("\",\"__REALTIME_TIMESTAMP\":\"").append(micros)
          .append("\",\"_BOOT_ID\":\"").append(bootId)
          .append("\",\"_HOSTNAME\":\"").append(host).append('"');
      if (entry.unit() != null) {
        out.append(",\"_SYSTEMD_UNIT\":\"").append(entry.unit()).append('"');
      }
      out.append(",\"PRIORITY\":\"").append(entry.priority())
          .append("\",\"SYSLOG_IDENTIFIER\":\"").append(entry.identifier()).append('"');
      if (entry.pid() != null) {
        out.append(",\"_PID\":\"").append(entry.pid()).append('"');
      }
      out.append(",\"_TRANSPORT\":\"").append(entry.transport()).append("\",\"MESSAGE\":");
      Text.appendQuoted(out, entry.message());
      out.append('}');
      records.add(new Rendered(entry.millis(), out.toString()));
    }
    return records;
  }

  @Override
  public Malformer malformer() {
    return new TimestampFieldMalformer("", "\"__REALTIME_TIMESTAMP\":\"", true, TimestampFieldMalformer.epochNumberTo2090(3));
  }
}
