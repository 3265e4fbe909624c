package io.opslake.ingest.format.hoststats;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.Mutations;
import io.opslake.ingest.format.ParseContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged captures never make the parser throw, and every reported record has a line and a reason. */
class HostStatsParserPropertyTest {
  private static final List<String> CAPTURES = List.of("""
      # host=dc0-web01 time=2026-10-01T00:05:00Z tool=vmstat
      procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
       r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
       2  0      0 812344  94212 9871236    0    0     3    41  512  987 12  3 84  1  0""", """
      # host=dc0-web01 time=2026-10-01T00:05:00Z tool=free
                     total        used        free      shared  buff/cache   available
      Mem:            15Gi       3.2Gi       8.1Gi       512Mi       3.7Gi        11Gi
      Swap:          2.0Gi          0B       2.0Gi""", """
      # host=dc0-web01 time=2026-10-01T00:05:00Z tool=df
      Filesystem      Size  Used Avail Use% Mounted on
      /dev/nvme0n1p1   20G  3.8G   16G  20% /
      /dev/mapper/vg0-logs
                       50G   12G   36G  25% /var/log""", """
      # host=dc0-api01 time=2026-10-01T00:05:00Z tool=top
      top - 00:05:01 up 12 days,  3:04,  2 users,  load average: 0.52, 0.58, 0.59
      Tasks: 231 total,   1 running, 230 sleeping,   0 stopped,   0 zombie
      %Cpu(s):  3.1 us,  1.0 sy,  0.0 ni, 95.6 id,  0.2 wa,  0.0 hi,  0.1 si,  0.0 st
      MiB Mem :  15896.2 total,   1204.5 free,   5120.3 used,   9571.4 buff/cache
      MiB Swap:   2048.0 total,   2048.0 free,      0.0 used.  10388.6 avail Mem""", """
      # host=dc0-api01 time=2026-10-01T00:05:00Z tool=lsof
      COMMAND    PID USER   FD      TYPE             DEVICE SIZE/OFF     NODE NAME
      java      4242 app   12u      IPv4             123456      0t0      TCP 10.0.1.5:8080 (LISTEN)
      java      4242 app   13u      IPv4             123457      0t0      UDP 10.0.1.5:41234->10.0.0.2:53
      java      4242 app   17u  a_inode               0,14               9317 [eventpoll]""");

  @Test
  void damagedCapturesNeverThrow() {
    Mutations mutations = new Mutations(20261001L);
    Random random = new Random(7);
    int metrics = 0;
    int rejections = 0;
    for (int i = 0; i < 3_000; i++) {
      List<String> lines = new ArrayList<>(List.of(CAPTURES.get(random.nextInt(CAPTURES.size())).split("\n")));
      int damaged = random.nextInt(lines.size());
      lines.set(damaged, mutations.mutate(List.of(lines.get(damaged))));
      String text = String.join("\n", lines);
      ListRecordSink sink = ListRecordSink.parse(new HostStatsParser(ParseContext.forTests("dc0-web01.df.txt")), text);

      assertThat(sink.lines).as(text).allMatch(line -> line >= 1 && line <= lines.size());
      assertThat(sink.rejections).as(text).allMatch(rejection -> !rejection.reason().isBlank());
      metrics += sink.metrics.size();
      rejections += sink.rejections.size();
    }
    assertThat(metrics).isPositive();
    assertThat(rejections).isPositive();
  }
}
