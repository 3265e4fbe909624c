package io.opslake.sampledata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes host statistics captures, one file per host, day and tool ({@code <host>.<tool>.txt}),
 * each snapshot behind a {@code # host=... time=... tool=...} header: {@code vmstat}, {@code free
 * -h}, {@code df -h} and {@code top -b -n 1} summaries every 15 minutes while the host is in
 * service (web and API hosts), and {@code lsof -n -P} every hour at half past on the API hosts.
 * The planted facts ({@link HostStatsFacts}) are the filling {@code /var/log} of the first web
 * host and the UDP descriptor leak of the API service. A snapshot counts as many records as the
 * parser emits metrics for it; that number is the same for every snapshot of a tool ({@link
 * #recordsPerSnapshot}).
 */
final class HostStatsWriter implements FormatWriter {
  static final List<String> TOOLS = List.of("vmstat", "free", "df", "top", "lsof");
  private static final long KIB = 1024;
  private static final long MEMORY_KIB = 16_273_800L;
  private static final String LSOF_FORMAT = "%-9s %6s %-6s %5s %-7s %18s %8s %7s %s";

  private final ScenarioPlan plan;
  private final HostStatsFacts facts;

  HostStatsWriter(ScenarioPlan plan) {
    this.plan = plan;
    this.facts = new HostStatsFacts(plan);
  }

  @Override
  public SampleFormat format() {
    return SampleFormat.HOST_STATS;
  }

  @Override
  public List<String> hosts(int day) {
    return plan.webAndApiHostsOnDay(day);
  }

  /** The tools captured on {@code host}: one file each ({@code dc0-web01.df.txt}). */
  List<String> variants(String host) {
    return plan.isApiHost(host) ? TOOLS : TOOLS.subList(0, 4);
  }

  @Override
  public int fileCount(String host, int day) {
    return variants(host).size();
  }

  @Override
  public String fileName(String host, int day, int file) {
    return host + "." + variants(host).get(file);
  }

  @Override
  public FileContent render(String host, int day, int file) {
    return render(host, variants(host).get(file), day);
  }

  @Override
  public FileContent render(String host, int day) {
    throw new IllegalStateException("host statistics are written one file per tool: render(host, day, file)");
  }

  /** Metrics the parser emits per snapshot of {@code tool}. */
  static int recordsPerSnapshot(String tool) {
    return switch (tool) {
      case "vmstat" -> 17;
      case "free" -> 9;
      case "df" -> 16;
      case "top" -> 25;
      case "lsof" -> 14;
      default -> throw new IllegalArgumentException("unknown tool " + tool);
    };
  }

  /** The valid records of {@code host}'s capture of {@code tool} on {@code day}. */
  FileContent render(String host, String tool, int day) {
    SplittableRandom random = RandomStreams.stream(plan.options().seed(), format().id(), tool, host, day);
    List<Long> times = tool.equals("lsof") ? facts.lsofTimes(day) : quarterHours(host, day);
    List<Rendered> records = new ArrayList<>(times.size());
    StringBuilder out = new StringBuilder(4096);
    for (long at : times) {
      out.setLength(0);
      out.append("# host=").append(host).append(" time=").append(Text.isoInstant(at).replace(".000Z", "Z"))
          .append(" tool=").append(tool).append('\n');
      double busy = busy(host, at);
      switch (tool) {
        case "vmstat" -> vmstat(out, busy, random);
        case "free" -> free(out, busy, random);
        case "df" -> df(out, host, at, random);
        case "top" -> top(out, at, busy, random);
        default -> lsof(out, host, at, random);
      }
      out.setLength(out.length() - 1);
      records.add(new Rendered(at, out.toString()));
    }
    return new FileContent(records, recordsPerSnapshot(tool), List.of());
  }

  private List<Long> quarterHours(String host, int day) {
    List<Long> times = new ArrayList<>();
    long dayStart = plan.dayStartMillis(day);
    for (long at = dayStart; at < dayStart + ScenarioPlan.DAY_MILLIS; at += HostStatsFacts.SNAPSHOT_MILLIS) {
      if (plan.inService(host, plan.hourIndexOf(at))) {
        times.add(at);
      }
    }
    return times;
  }

  private double busy(String host, long at) {
    double reference = plan.options().pageLoadsPerHostHour() * 1.5;
    return Math.min(1.0, plan.expectedPageLoads(host, plan.hourIndexOf(at)) / reference);
  }

  private static void vmstat(StringBuilder out, double busy, SplittableRandom random) {
    long usedKib = (long) (MEMORY_KIB * (0.25 + 0.35 * busy + 0.03 * random.nextDouble()));
    long cacheKib = MEMORY_KIB * 3 / 10;
    long buffKib = 94_212 + random.nextInt(2000);
    int user = (int) Math.round(4 + 60 * busy + 3 * random.nextDouble());
    int system = 1 + random.nextInt(4);
    int wait = random.nextInt(3);
    out.append("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n");
    out.append(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n");
    out.append(String.format(Locale.ROOT, "%2d %2d %6d %6d %6d %6d %4d %4d %5d %5d %4d %4d %2d %2d %2d %2d %2d%n",
        (int) Math.round(busy * 4 + random.nextDouble()), 0, 0, MEMORY_KIB - usedKib - cacheKib - buffKib, buffKib, cacheKib,
        0, 0, random.nextInt(20), 10 + random.nextInt(70), 400 + (int) (800 * busy) + random.nextInt(100),
        800 + (int) (1700 * busy) + random.nextInt(200), user, system, 100 - user - system - wait, wait, 0)
        .replace(System.lineSeparator(), "\n"));
  }

  private static void free(StringBuilder out, double busy, SplittableRandom random) {
    long total = MEMORY_KIB * KIB;
    long used = (long) (total * (0.25 + 0.35 * busy + 0.03 * random.nextDouble()));
    long cache = total * 3 / 10;
    long shared = 512L << 20;
    long free = total - used - cache;
    out.append("               total        used        free      shared  buff/cache   available\n");
    out.append(String.format(Locale.ROOT, "Mem:      %10s  %10s  %10s  %10s  %10s  %10s%n", HumanSizes.free(total),
        HumanSizes.free(used), HumanSizes.free(free), HumanSizes.free(shared), HumanSizes.free(cache),
        HumanSizes.free(free + cache * 9 / 10)).replace(System.lineSeparator(), "\n"));
    out.append(String.format(Locale.ROOT, "Swap:     %10s  %10s  %10s%n", HumanSizes.free(2L << 30), HumanSizes.free(0),
        HumanSizes.free(2L << 30)).replace(System.lineSeparator(), "\n"));
  }

  private void df(StringBuilder out, String host, long at, SplittableRandom random) {
    long logs = host.equals(facts.fillingHost())
        ? facts.fillingUsedBytes(at)
        : (2L << 30) + RandomStreams.stream(plan.options().seed(), "var_log", host).nextLong(1L << 30) + random.nextInt(1 << 20);
    out.append("Filesystem      Size  Used Avail Use% Mounted on\n");
    dfRow(out, "/dev/nvme0n1p1", 20L << 30, (41L << 29) / 5 + random.nextInt(50 << 20), "/");
    dfRow(out, "tmpfs", 8_332_000_000L, 0, "/dev/shm");
    dfRow(out, HostStatsFacts.FILLING_FILESYSTEM, HostStatsFacts.FILLING_SIZE_BYTES, logs, HostStatsFacts.FILLING_MOUNT);
    dfRow(out, "/dev/nvme2n1", 500L << 30, (120L << 30) + random.nextInt(1 << 30), "/data");
  }

  private static void dfRow(StringBuilder out, String filesystem, long size, long used, String mount) {
    long avail = size - used;
    long percent = (used * 100 + size - 1) / size;
    out.append(String.format(Locale.ROOT, "%-15s %5s %5s %5s %3d%% %s%n", filesystem, HumanSizes.df(size),
        HumanSizes.df(used), HumanSizes.df(avail), percent, mount).replace(System.lineSeparator(), "\n"));
  }

  private void top(StringBuilder out, long at, double busy, SplittableRandom random) {
    long uptimeMinutes = 12 * 24 * 60 + (at - plan.startMillis()) / 60_000L;
    double load = 0.2 + 3.5 * busy + 0.2 * random.nextDouble();
    String clock = Text.isoInstant(at).substring(11, 19);
    out.append(String.format(Locale.ROOT, "top - %s up %d days, %2d:%02d,  2 users,  load average: %.2f, %.2f, %.2f%n",
        clock, uptimeMinutes / 1440, uptimeMinutes % 1440 / 60, uptimeMinutes % 60, load, load * 0.95, load * 0.9));
    int running = 1 + (int) Math.round(busy * 3);
    out.append(String.format(Locale.ROOT, "Tasks: %3d total, %3d running, %3d sleeping,   0 stopped,   0 zombie%n",
        231 + running, running, 231));
    double user = 4 + 60 * busy + 3 * random.nextDouble();
    double system = 1 + 3 * random.nextDouble();
    double wait = random.nextDouble();
    out.append(String.format(Locale.ROOT,
        "%%Cpu(s): %4.1f us, %4.1f sy,  0.0 ni, %4.1f id, %4.1f wa,  0.0 hi,  0.1 si,  0.0 st%n",
        user, system, 100 - user - system - wait - 0.1, wait));
    double totalMib = MEMORY_KIB / 1024.0;
    double usedMib = totalMib * (0.25 + 0.35 * busy + 0.03 * random.nextDouble());
    double cacheMib = totalMib * 0.3;
    out.append(String.format(Locale.ROOT, "MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache%n",
        totalMib, totalMib - usedMib - cacheMib, usedMib, cacheMib));
    out.append(String.format(Locale.ROOT, "MiB Swap: %8.1f total, %8.1f free, %8.1f used. %8.1f avail Mem%n",
        2048.0, 2048.0, 0.0, totalMib - usedMib));
    String text = out.toString().replace(System.lineSeparator(), "\n");
    out.setLength(0);
    out.append(text);
  }

  private void lsof(StringBuilder out, String host, long at, SplittableRandom random) {
    int pid = plan.apiPidAt(host, at);
    String address = "10.0.1." + (10 + plan.apiHosts().indexOf(host));
    lsofLine(out, "COMMAND", "PID", "USER", "FD", "TYPE", "DEVICE", "SIZE/OFF", "NODE", "NAME");
    lsofLine(out, "rsyslogd", "640", "syslog", "3u", "unix", "0xffff8a2b10000640", "0t0", "17021", "/run/systemd/journal/syslog type=DGRAM");
    lsofLine(out, "rsyslogd", "640", "syslog", "7w", "REG", "259,1", "4817201", "393231", "/var/log/syslog");
    lsofLine(out, "rsyslogd", "640", "syslog", "8w", "REG", "259,1", "91022", "393232", "/var/log/auth.log");
    lsofLine(out, "rsyslogd", "640", "syslog", "9u", "IPv4", "17044", "0t0", "UDP", "*:514");
    lsofLine(out, "sshd", "812", "root", "cwd", "DIR", "259,1", "4096", "2", "/");
    lsofLine(out, "sshd", "812", "root", "3u", "IPv4", "21234", "0t0", "TCP", "*:22 (LISTEN)");
    lsofLine(out, "sshd", "812", "root", "4u", "IPv6", "21236", "0t0", "TCP", "*:22 (LISTEN)");
    lsofLine(out, "sshd", "812", "root", "5u", "unix", "0xffff8a2b10000812", "0t0", "21240", "type=STREAM");
    String java = Integer.toString(pid);
    lsofLine(out, "java", java, "app", "cwd", "DIR", "259,1", "4096", "1311001", "/opt/api");
    lsofLine(out, "java", java, "app", "txt", "REG", "259,1", "17344", "1311022", "/usr/lib/jvm/java-17/bin/java");
    lsofLine(out, "java", java, "app", "0r", "CHR", "1,3", "0t0", "6", "/dev/null");
    lsofLine(out, "java", java, "app", "1w", "REG", "259,1", "1048576", "393300", "/var/log/api/stdout.log");
    lsofLine(out, "java", java, "app", "2w", "REG", "259,1", "524288", "393301", "/var/log/api/stderr.log");
    lsofLine(out, "java", java, "app", "3r", "FIFO", "0,13", "0t0", "41234", "pipe");
    lsofLine(out, "java", java, "app", "4w", "FIFO", "0,13", "0t0", "41234", "pipe");
    lsofLine(out, "java", java, "app", "5u", "a_inode", "0,14", "0", "9317", "[eventpoll]");
    lsofLine(out, "java", java, "app", "6u", "unix", "0xffff8a2b20000006", "0t0", "41240", "type=STREAM");
    lsofLine(out, "java", java, "app", "7u", "unix", "0xffff8a2b20000007", "0t0", "41241", "type=STREAM");
    lsofLine(out, "java", java, "app", "8r", "REG", "259,1", "48213771", "1311100", "/opt/api/api-2.4.1-standalone.jar");
    lsofLine(out, "java", java, "app", "9u", "IPv6", "41250", "0t0", "TCP", "*:8080 (LISTEN)");
    int fd = 10;
    int pool = 8 + random.nextInt(5);
    for (int i = 0; i < pool; i++) {
      lsofLine(out, "java", java, "app", (fd++) + "u", "IPv4", Integer.toString(50_000 + i), "0t0", "TCP",
          address + ":" + (40_000 + i) + "->10.0.2.10:5432 (ESTABLISHED)");
    }
    int udp = facts.udpDescriptors(host, at);
    for (int i = 0; i < udp; i++) {
      lsofLine(out, "java", java, "app", (fd++) + "u", "IPv4", Integer.toString(60_000 + i), "0t0", "UDP",
          address + ":" + (32_768 + i % 28_000) + "->10.0.0.2:53");
    }
  }

  private static void lsofLine(StringBuilder out, String... fields) {
    out.append(String.format(Locale.ROOT, LSOF_FORMAT, (Object[]) fields)).append('\n');
  }

  @Override
  public Malformer malformer() {
    return new HostStatsMalformer();
  }
}
