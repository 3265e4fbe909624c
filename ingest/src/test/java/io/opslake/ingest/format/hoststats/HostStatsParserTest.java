package io.opslake.ingest.format.hoststats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ListRecordSink.Rejection;
import io.opslake.ingest.format.MetricKind;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.ingest.format.TimestampPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostStatsParserTest {
  private static final long T0 = TimestampPolicy.toMicros(Instant.parse("2026-10-01T00:05:00Z"));
  private static final long GIB = 1L << 30;

  private static ListRecordSink parse(String fileName, String text) {
    return ListRecordSink.parse(new HostStatsParser(ParseContext.forTests(fileName)), text);
  }

  private static Optional<ParsedMetric> metric(ListRecordSink sink, String name, Map<String, String> labels) {
    return sink.metrics.stream()
        .filter(metric -> metric.name().equals(name))
        .filter(metric -> metric.labels().entrySet().containsAll(labels.entrySet()))
        .findFirst();
  }

  private static double value(ListRecordSink sink, String name, Map<String, String> labels) {
    return metric(sink, name, labels).orElseThrow(() -> new AssertionError(name + " " + labels + " in " + sink.metrics)).value();
  }

  @Test
  void vmstatRowsBecomeOneMetricPerColumnWithKibAsBytesAndRowsIntervalApart() {
    ListRecordSink sink = parse("dc0-web01.vmstat.txt", """
        # host=dc0-web01 time=2026-10-01T00:05:00Z tool=vmstat interval=5
        procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
         r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
         2  0      0 812344  94212 9871236    0    0     3    41  512  987 12  3 84  1  0
         1  0      0 811020  94212 9871300    0    0     0    12  498  940  9  2 88  1  0
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.metrics).hasSize(34);
    ParsedMetric free = sink.metrics.get(3);
    assertThat(free).isEqualTo(new ParsedMetric(T0, "host.vmstat.memory.free", 812_344d * 1024, "bytes", MetricKind.GAUGE,
        "dc0-web01", Map.of("tool", "vmstat")));
    assertThat(sink.metrics.get(12).name()).isEqualTo("host.vmstat.cpu.user");
    assertThat(sink.metrics.get(12).value()).isEqualTo(12d);
    assertThat(sink.metrics.get(17 + 12).tsMicros()).isEqualTo(T0 + 5_000_000L);
    assertThat(sink.metrics.get(17 + 12).value()).isEqualTo(9d);
    assertThat(sink.lines).containsOnly(4L, 5L);
  }

  @Test
  void vmstatColumnsInAnotherOrderAndWithTimestampsAreReadByName() {
    ListRecordSink sink = parse("capture.txt", """
        # host=dc0-api01 tool=vmstat
        procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu----- -----timestamp-----
         b  r   swpd   free  inact active   si   so    bi    bo   in   cs us sy id wa st                 UTC
         0  3      0 812344  94212 9871236    0    0     3    41  512  987 12  3 84  1  0 2026-10-01 00:05:00
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(value(sink, "host.vmstat.procs.runnable", Map.of())).isEqualTo(3d);
    assertThat(value(sink, "host.vmstat.procs.blocked", Map.of())).isZero();
    assertThat(value(sink, "host.vmstat.memory.active", Map.of())).isEqualTo(9_871_236d * 1024);
    assertThat(sink.metrics).allMatch(metric -> metric.tsMicros() == T0).allMatch(m -> "dc0-api01".equals(m.hostname()));
  }

  @Test
  void freeInEveryUnitFormItPrints() {
    ListRecordSink human = parse("dc0-web01.free.txt", """
        # time=2026-10-01T00:05:00Z
                       total        used        free      shared  buff/cache   available
        Mem:            15Gi       3.2Gi       8.1Gi       512Mi       3.7Gi        11Gi
        Swap:          2.0Gi          0B       2.0Gi
        """);
    assertThat(human.rejections).isEmpty();
    assertThat(human.metrics).hasSize(9).allMatch(m -> "dc0-web01".equals(m.hostname()) && m.tsMicros() == T0);
    assertThat(value(human, "host.mem.total", Map.of("tool", "free"))).isEqualTo(15d * GIB);
    assertThat(value(human, "host.mem.used", Map.of())).isEqualTo(Math.round(3.2 * GIB));
    assertThat(value(human, "host.mem.shared", Map.of())).isEqualTo(512d * 1024 * 1024);
    assertThat(value(human, "host.mem.buff_cache", Map.of())).isEqualTo(Math.round(3.7 * GIB));
    assertThat(value(human, "host.swap.used", Map.of())).isZero();

    ListRecordSink kib = parse("dc0-web01.free.20261001T000500Z.txt", """
                     total       used       free     shared    buffers     cached
        Mem:      16333764   15896212     437552          0     211404   12004812
        -/+ buffers/cache:    3679996   12653768
        Swap:      2097148          0    2097148
        """);
    assertThat(kib.rejections).isEmpty();
    assertThat(kib.metrics).hasSize(11).allMatch(m -> m.tsMicros() == T0);
    assertThat(value(kib, "host.mem.total", Map.of())).isEqualTo(16_333_764d * 1024);
    assertThat(value(kib, "host.mem.cached", Map.of())).isEqualTo(12_004_812d * 1024);
    assertThat(value(kib, "host.mem.without_buffers_cache.used", Map.of())).isEqualTo(3_679_996d * 1024);
    assertThat(value(kib, "host.swap.free", Map.of())).isEqualTo(2_097_148d * 1024);

    ListRecordSink old = parse("dc0-web01.free.txt", """
        # time=2026-10-01T00:05:00Z
                     total       used       free     shared    buffers     cached
        Mem:           15G        15G       427M         0B       206M        11G
        """);
    assertThat(value(old, "host.mem.free", Map.of())).isEqualTo(427d * 1024 * 1024);
  }

  @Test
  void dfHumanSizesFillTheLabelsAndPercentages() {
    ListRecordSink sink = parse("dc0-web01.df.txt", """
        # host=dc0-web01 time=2026-10-01T00:05:00Z tool=df
        Filesystem      Size  Used Avail Use% Mounted on
        /dev/nvme0n1p1   20G  3.8G   16G  20% /
        tmpfs           7.8G     0  7.8G   0% /dev/shm
        /dev/nvme1n1    1.5T  980K  1.5T   1% /data
        /dev/mapper/vg0-very-long-logical-volume-name
                         50G   12G   36G  25% /var/log
        tmpfs           512M   12K  512M   1% /run/user/1000
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.metrics).hasSize(20);
    Map<String, String> root = Map.of("filesystem", "/dev/nvme0n1p1", "mount", "/", "tool", "df");
    assertThat(value(sink, "host.df.size", root)).isEqualTo(20d * GIB);
    assertThat(value(sink, "host.df.used", root)).isEqualTo(4_080_218_931d);
    assertThat(value(sink, "host.df.use_percent", root)).isEqualTo(20d);
    assertThat(value(sink, "host.df.used", Map.of("mount", "/dev/shm"))).isZero();
    assertThat(value(sink, "host.df.size", Map.of("mount", "/data"))).isEqualTo(1_649_267_441_664d);
    assertThat(value(sink, "host.df.used", Map.of("mount", "/data"))).isEqualTo(1_003_520d);
    Map<String, String> wrapped = Map.of("filesystem", "/dev/mapper/vg0-very-long-logical-volume-name", "mount", "/var/log");
    assertThat(value(sink, "host.df.used", wrapped)).isEqualTo(12d * GIB);
    assertThat(metric(sink, "host.df.used", wrapped).orElseThrow().labels()).containsEntry("tool", "df");
    assertThat(value(sink, "host.df.size", Map.of("mount", "/run/user/1000"))).isEqualTo(512d * 1024 * 1024);
  }

  @Test
  void dfColumnsReorderedWithOutputAndBlocksInKib() {
    ListRecordSink sink = parse("dc0-web02.df.20261001T000500Z.txt", """
        Mounted on Type     1K-blocks    Used Available Use% Filesystem
        /var/log   ext4      52403200 8388608  44014592  17% /dev/sdb1
        /proc      proc             -       -         -    - proc
        """);

    assertThat(sink.metrics).hasSize(4).allMatch(m -> m.tsMicros() == T0 && "dc0-web02".equals(m.hostname()));
    assertThat(value(sink, "host.df.used", Map.of("mount", "/var/log", "filesystem", "/dev/sdb1", "fstype", "ext4")))
        .isEqualTo(8_388_608d * 1024);
    assertThat(sink.rejections).containsExactly(new Rejection(3, "df row has no values", "/proc      proc             -       -         -    - proc"));
  }

  @Test
  void topSummaryLinesOfBothProcpsGenerationsAndNotTheProcessTable() {
    ListRecordSink sink = parse("dc0-api01.top.txt", """
        # host=dc0-api01 time=2026-10-01T00:05:00Z tool=top
        top - 00:05:01 up 12 days,  3:04,  2 users,  load average: 0.52, 0.58, 0.59
        Tasks: 231 total,   1 running, 230 sleeping,   0 stopped,   0 zombie
        %Cpu(s):  3.1 us,  1.0 sy,  0.0 ni, 95.6 id,  0.2 wa,  0.0 hi,  0.1 si,  0.0 st
        MiB Mem :  15896.2 total,   1204.5 free,   5120.3 used,   9571.4 buff/cache
        MiB Swap:   2048.0 total,   2048.0 free,      0.0 used.  10388.6 avail Mem

            PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
           4242 app       20   0 8123456 4.1g  21340 S   3.0  26.4  12:01.33 java
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.metrics).hasSize(4 + 5 + 8 + 4 + 4);
    assertThat(value(sink, "host.load.1m", Map.of("tool", "top"))).isEqualTo(0.52);
    assertThat(value(sink, "host.load.15m", Map.of())).isEqualTo(0.59);
    assertThat(value(sink, "host.users", Map.of())).isEqualTo(2d);
    assertThat(value(sink, "host.tasks.running", Map.of())).isEqualTo(1d);
    assertThat(value(sink, "host.tasks.zombie", Map.of())).isZero();
    assertThat(value(sink, "host.cpu.idle", Map.of())).isEqualTo(95.6);
    assertThat(value(sink, "host.cpu.steal", Map.of())).isZero();
    assertThat(value(sink, "host.mem.used", Map.of())).isEqualTo(Math.round(5120.3 * 1024 * 1024));
    assertThat(value(sink, "host.mem.buff_cache", Map.of())).isEqualTo(Math.round(9571.4 * 1024 * 1024));
    assertThat(value(sink, "host.mem.available", Map.of())).isEqualTo(Math.round(10388.6 * 1024 * 1024));
    assertThat(value(sink, "host.swap.total", Map.of())).isEqualTo(2048d * 1024 * 1024);

    ListRecordSink old = parse("dc0-api01.top.20261001T000500Z.txt", """
        top - 00:05:01 up 40 days,  1 user,  load average: 1,25, 0,90, 0,80
        Cpu(s):  3.1%us,  1.0%sy,  0.0%ni, 95.6%id,  0.2%wa,  0.0%hi,  0.1%si,  0.0%st
        Mem:  16333764k total, 15896212k used,   437552k free,   211404k buffers
        """);
    assertThat(old.rejections).isEmpty();
    assertThat(value(old, "host.load.1m", Map.of())).isEqualTo(1.25);
    assertThat(value(old, "host.users", Map.of())).isEqualTo(1d);
    assertThat(value(old, "host.cpu.user", Map.of())).isEqualTo(3.1);
    assertThat(value(old, "host.mem.buffers", Map.of())).isEqualTo(211_404d * 1024);
  }

  @Test
  void lsofIsReducedToDescriptorsPerPidTypeAndProtocol() {
    ListRecordSink sink = parse("dc0-api01.lsof.txt", """
        # host=dc0-api01 time=2026-10-01T00:05:00Z tool=lsof
        COMMAND    PID USER   FD      TYPE             DEVICE SIZE/OFF     NODE NAME
        java      4242 app   cwd       DIR              259,1     4096        2 /opt/api
        java      4242 app   txt       REG              259,1    17344  1311022 /usr/lib/jvm/bin/java
        java      4242 app    3r      FIFO               0,13      0t0    41234 pipe
        java      4242 app   12u      IPv4             123456      0t0      TCP 10.0.1.5:8080 (LISTEN)
        java      4242 app   13u      IPv4             123457      0t0      UDP 10.0.1.5:41234->10.0.0.2:53
        java      4242 app   14u      IPv4             123458      0t0      UDP 10.0.1.5:41235->10.0.0.2:53
        java      4242 app   15u      IPv6             123459      0t0      UDP *:5353
        java      4242 app   16u      unix 0xffff8a2b3c4d5e6f      0t0    41240 type=STREAM
        java      4242 app   17u  a_inode               0,14               9317 [eventpoll]
        sshd       812 root    3u     IPv4              21234      0t0      TCP *:22 (LISTEN)
        """);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.metrics)
        .extracting(m -> m.labels().get("pid"), m -> m.labels().get("type"), m -> m.labels().get("protocol"), ParsedMetric::value)
        .containsExactly(
            tuple("4242", "FIFO", null, 1d),
            tuple("4242", "IPv4", "TCP", 1d),
            tuple("4242", "IPv4", "UDP", 2d),
            tuple("4242", "IPv6", "UDP", 1d),
            tuple("4242", "unix", null, 1d),
            tuple("4242", "a_inode", null, 1d),
            tuple("812", "IPv4", "TCP", 1d));
    assertThat(sink.metrics.get(2)).isEqualTo(new ParsedMetric(T0, "host.lsof.descriptors", 2d, "count", MetricKind.GAUGE,
        "dc0-api01", Map.of("pid", "4242", "command", "java", "type", "IPv4", "protocol", "UDP", "tool", "lsof")));
    assertThat(sink.lines).containsExactly(5L, 6L, 7L, 9L, 10L, 11L, 12L);
  }

  @Test
  void aTruncatedFileKeepsWhatIsWholeAndRejectsTheCutLine() {
    ListRecordSink lsof = parse("dc0-api01.lsof.txt", """
        # host=dc0-api01 time=2026-10-01T00:05:00Z tool=lsof
        COMMAND    PID USER   FD      TYPE             DEVICE SIZE/OFF     NODE NAME
        java      4242 app   13u      IPv4             123457      0t0      UDP 10.0.1.5:41234->10.0.0.2:53
        java      4242 app   14u      IPv4             123458      0t0      UD""");
    assertThat(lsof.metrics).singleElement().extracting(ParsedMetric::value).isEqualTo(1d);
    assertThat(lsof.rejections).containsExactly(
        new Rejection(4, "lsof line has no NAME", "java      4242 app   14u      IPv4             123458      0t0      UD"));

    ListRecordSink vmstat = parse("dc0-web01.vmstat.txt", """
        # host=dc0-web01 time=2026-10-01T00:05:00Z tool=vmstat
        procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
         r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
         2  0      0 812344  94212 98""");
    assertThat(vmstat.metrics).isEmpty();
    assertThat(vmstat.rejections).containsExactly(
        new Rejection(4, "vmstat row has 6 values, the column line names 17", " 2  0      0 812344  94212 98"));

    ListRecordSink df = parse("dc0-web01.df.txt", """
        # host=dc0-web01 time=2026-10-01T00:05:00Z tool=df
        Filesystem      Size  Used Avail Use% Mounted on
        /dev/nvme0n1p1   20G  3.8G   16G  20% /
        /dev/mapper/vg0-data""");
    assertThat(df.metrics).hasSize(4);
    assertThat(df.rejections).containsExactly(
        new Rejection(4, "df row has only a file system name and no values", "/dev/mapper/vg0-data"));

    ListRecordSink top = parse("dc0-web01.top.txt", """
        # host=dc0-web01 time=2026-10-01T00:05:00Z tool=top
        top - 00:05:01 up 12 days,  3:04,  2 users,  load average: 0.52, 0.58, 0.59
        MiB Swap:""");
    assertThat(top.metrics).hasSize(4);
    assertThat(top.rejections).containsExactly(new Rejection(3, "top MiB Swap line has no values", "MiB Swap:"));
  }

  @Test
  void aHeaderOnlyOrEmptyCaptureHasNoRecords() {
    assertThat(parse("dc0-web01.df.txt", "# host=dc0-web01 time=2026-10-01T00:05:00Z tool=df\n").calls()).isZero();
    assertThat(parse("dc0-web01.df.txt", """
        # host=dc0-web01 time=2026-10-01T00:05:00Z tool=df
        Filesystem      Size  Used Avail Use% Mounted on
        """).calls()).isZero();
    assertThat(parse("dc0-web01.df.txt", "").calls()).isZero();
  }

  @Test
  void aSnapshotWithoutTimeHasEachRowRejectedNamingBothWaysToGiveIt() {
    ListRecordSink sink = parse("dc0-web01.free.txt", """
        # host=dc0-web01 tool=free
                       total        used        free      shared  buff/cache   available
        Mem:            15Gi       3.2Gi       8.1Gi       512Mi       3.7Gi        11Gi
        Swap:          2.0Gi          0B       2.0Gi
        """);

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::line).containsExactly(3L, 4L);
    assertThat(sink.rejections.get(0).reason()).isEqualTo("snapshot has no time: pass --capture-time, write a header line"
        + " '# host=<host> time=<ISO-8601> tool=<tool>' before it, or put the time in the file name"
        + " (<tool>_<host>_2025-11-15T10-00-00Z.txt or <host>.<tool>.20251115T100000Z.txt)");
    assertThat(HostStatsParser.NO_TIME).isEqualTo(sink.rejections.get(1).reason());
  }

  @Test
  void anImplausibleTimeRejectsTheRowsWithThePolicysReason() {
    ListRecordSink sink = parse("dc0-web01.lsof.txt", """
        # host=dc0-web01 time=2090-10-01T00:05:00Z tool=lsof
        COMMAND    PID USER   FD      TYPE             DEVICE SIZE/OFF     NODE NAME
        sshd       812 root    3u     IPv4              21234      0t0      TCP *:22 (LISTEN)
        """);

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(tuple(3L,
        "snapshot time: timestamp 2090-10-01T00:05:00Z is after the plausible window (ends 2027-01-01T00:00:00Z)"));
  }

  @Test
  void aSnapshotTakenTwiceIsReadOnceAndTheRepeatRejected() {
    String snapshot = """
        # host=dc0-web01 time=2026-10-01T00:05:00Z tool=df
        Filesystem      Size  Used Avail Use% Mounted on
        /dev/nvme0n1p1   20G  3.8G   16G  20% /
        """;
    ListRecordSink sink = parse("dc0-web01.df.txt", snapshot + snapshot + snapshot.replace("00:05:00", "00:20:00"));

    assertThat(sink.metrics).hasSize(8);
    assertThat(sink.metrics.subList(4, 8)).allMatch(m -> m.tsMicros() == T0 + 15 * 60_000_000L);
    assertThat(sink.rejections).containsExactly(new Rejection(6,
        "snapshot repeats the df snapshot of dc0-web01 at 2026-10-01T00:05:00Z read at line 1",
        "/dev/nvme0n1p1   20G  3.8G   16G  20% /"));
  }

  @Test
  void concatenatedCapturesWithoutHeadersSplitAtEachTitleAndTakeTheFileName() {
    ListRecordSink sink = parse("web01.example.com.top.20261001T000500Z.txt", """
        top - 00:05:01 up 12 days,  3:04,  2 users,  load average: 0.52, 0.58, 0.59
        top - 00:20:01 up 12 days,  3:19,  2 users,  load average: 0.50, 0.58, 0.59
        """);

    assertThat(sink.metrics).hasSize(4).allMatch(m -> "web01.example.com".equals(m.hostname()) && m.tsMicros() == T0);
    assertThat(sink.rejections).extracting(Rejection::reason)
        .containsExactly("snapshot repeats the top snapshot of web01.example.com at 2026-10-01T00:05:00Z read at line 1");
  }

  @Test
  void rowsThatNoToolClaimsAreRejected() {
    ListRecordSink sink = parse("capture.txt", """
         2  0      0 812344  94212 9871236    0    0     3    41  512  987 12  3 84  1  0
        # just a comment
        """);

    assertThat(sink.rejections).containsExactly(new Rejection(1, HostStatsParser.NO_TOOL,
        " 2  0      0 812344  94212 9871236    0    0     3    41  512  987 12  3 84  1  0"));
  }

  @Test
  void badValuesRejectTheirRowAlone() {
    ListRecordSink sink = parse("dc0-web01.df.txt", """
        # host=dc0-web01 time=2026-10-01T00:05:00Z tool=df
        Filesystem      Size  Used Avail Use% Mounted on
        /dev/nvme0n1p1   20X  3.8G   16G  20% /
        /dev/nvme0n1p2   20G  3.8G   16G  20  /boot
        /dev/nvme0n1p3   20G  3.8G   16G  20% /srv
        """);

    assertThat(sink.metrics).hasSize(4).allMatch(m -> m.labels().get("mount").equals("/srv"));
    assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        tuple(3L, "df size '20X' is not a number"),
        tuple(4L, "df percentage '20' does not end with %"));
  }
}
