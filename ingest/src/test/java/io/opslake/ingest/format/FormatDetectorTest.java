package io.opslake.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {
  private static Optional<InputFormat> detect(String text) {
    return FormatDetector.detect(Arrays.asList(text.split("\n", -1)));
  }

  @Test
  void accessLogsApacheNginxAndVirtualHosts() {
    assertThat(detect("""
        83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /presentations/ HTTP/1.1" 200 203023 "http://semicomplete.com/" "Mozilla/5.0"
        10.0.0.7 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
        45.155.205.233 - - [17/May/2015:10:06:00 +0000] "\\x16\\x03\\x01" 400 226 "-" "-"
        """)).contains(InputFormat.ACCESS_LOG);
    assertThat(detect("""
        www.example.com:443 192.0.2.10 - - [17/May/2015:10:05:03 +0000] "POST /api HTTP/2.0" 502 157 "-" "curl/8.4.0" 0.412
        www.example.com:80 192.0.2.11 - - [17/May/2015:10:05:04 +0000] "GET / HTTP/1.1" 301 0 "-" "curl/8.4.0" 0.001
        """)).contains(InputFormat.ACCESS_LOG);
  }

  @Test
  void prettyPrintedExpvarCapturesGoOrJq() {
    String vars = IntStream.rangeClosed(1, 30).mapToObj(i -> "\"Var" + i + "\": " + i + ",")
        .collect(Collectors.joining("\n"));
    assertThat(detect("{\n\"cmdline\": [\"/srv/kwanza\"],\n" + vars + "\n\"memstats\": {\"Alloc\":1}\n}\n"))
        .contains(InputFormat.EXPVAR);
    assertThat(detect("2026-10-01T00:05:00Z {\n  \"memstats\": {\n    \"Alloc\": 1\n  }\n}\n"))
        .contains(InputFormat.EXPVAR);
    // an opening brace alone is not enough
    assertThat(detect("{\n  \"a\": 1\n}\n")).isEmpty();
  }

  @Test
  void appEvents() {
    assertThat(detect("""
        {"type":"http_request","hostname":"dc0-web01","received_at":"2026-10-01T00:00:01Z","tags":["prod"],"additional_info":{"url":"/"},"md5":"9e10"}
        {"type":"deploy","hostname":"dc0-web02","tags":[],"md5":"77ab"}
        {"type":"http_request","hostname":"dc0-web01","received_at":"2026-10-01T00:00:02Z","addit
        """)).contains(InputFormat.APP_EVENTS);
  }

  @Test
  void appEventsEdn() {
    assertThat(detect("""
        {:type "http_request" :hostname "dc0-web01" :received-at #inst "2026-10-01T00:00:01Z"}
        {:type "deploy", :hostname "dc0-web02"}
        """)).contains(InputFormat.APP_EVENTS_EDN);
  }

  @Test
  void journald() {
    assertThat(detect("""
        {"__CURSOR":"s=abc;i=1","__REALTIME_TIMESTAMP":"1790812801000000","_HOSTNAME":"dc0-web01","MESSAGE":"Started nginx"}
        {"_HOSTNAME":"dc0-web01","MESSAGE":"reload","PRIORITY":"6"}
        """)).contains(InputFormat.JOURNALD);
  }

  @Test
  void zapPlainAndBehindADockerComposePrefixWithColours() {
    assertThat(detect("""
        {"level":"info","ts":1790812801.123,"caller":"server/main.go:42","msg":"listening","port":8080}
        {"level":"error","ts":1790812802.5,"msg":"request failed","error":"EOF"}
        """)).contains(InputFormat.ZAP);
    assertThat(detect("""
        \u001b[36mcheckout_1    |\u001b[0m {"level":"info","ts":1790812801.123,"msg":"listening"}
        \u001b[33mpayments_1    |\u001b[0m {"level":"warn","ts":1790812801.5,"msg":"slow"}
        checkout_1    | {"level":"info","ts":1790812802,"msg":"ok"}
        """)).contains(InputFormat.ZAP);
  }

  @Test
  void plaintextWithLongStackTraces() {
    assertThat(detect("""
        2026-10-01 00:00:01,234 ERROR [http-nio-8080-exec-1] c.e.CheckoutController - payment failed
        java.lang.IllegalStateException: card declined
        \tat com.example.PaymentService.charge(PaymentService.java:88)
        \tat com.example.CheckoutController.pay(CheckoutController.java:41)
        \tat java.base/java.lang.Thread.run(Thread.java:833)
        Caused by: java.io.IOException: connection reset
        \tat com.example.GatewayClient.post(GatewayClient.java:12)
        \t... 3 more
        [2026-10-01T00:00:02.5+02:00] INFO  [main] c.e.Application - started
        """)).contains(InputFormat.PLAINTEXT);
  }

  @Test
  void statsdWithAndWithoutLeadingTimestamps() {
    assertThat(detect("""
        1790812801.123 page.load:547|ms
        2026-10-01T00:00:01Z requests:1|c|@0.1|#env:prod
        2026-10-01 00:00:01.5 users.online:alice|s
        queue.depth:-4|g|T1790812801
        _e{5,4}:Title|text|d:1790812801
        _sc|redis.can_connect|0|d:1790812801
        """)).contains(InputFormat.STATSD);
  }

  @Test
  void dcosMetrics() {
    assertThat(detect("""
        {"datapoints":[{"name":"cpu.total","value":4.2,"unit":"percent","timestamp":"2026-10-01T00:00:00Z"}],"dimensions":{"hostname":"10.0.0.1","mesos_id":"a"}}
        {"dimensions":{"hostname":"10.0.0.2"},"datapoints":[]}
        """)).contains(InputFormat.DCOS_METRICS);
  }

  @Test
  void aMajorityFormatWinsOverGarbageAndStrayLinesOfOtherFormats() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add("1790812801." + i + " page.load:" + (500 + i) + "|ms");
    }
    lines.addAll(List.of(
        "\u0000\u0001garbage\u00ff", "<<<truncated>>>", "%%%%", "",
        "{\"level\":\"info\",\"ts\":1,\"msg\":\"stray zap line\"}",
        "2026-10-01 00:00:01,234 INFO [main] a.B - stray log line"));
    Collections.shuffle(lines, new Random(7));

    assertThat(FormatDetector.detect(lines)).contains(InputFormat.STATSD);
  }

  @Test
  void garbageNoMajorityAndEmptySamplesDetectNothing() {
    Random random = new Random(11);
    List<String> garbage = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < 40; j++) {
        line.append((char) (random.nextInt(0x3000)));
      }
      garbage.add(line.toString());
    }
    assertThat(FormatDetector.detect(garbage)).isEmpty();
    assertThat(FormatDetector.detect(List.of())).isEmpty();
    assertThat(FormatDetector.detect(List.of("", "   "))).isEmpty();
    assertThat(FormatDetector.detect(null)).isEmpty();
    assertThat(FormatDetector.detect(Arrays.asList("page.load:1|ms", null, "{\"datapoints\":[]}"))).isEmpty();
    // One readable line among many unreadable ones is not enough.
    List<String> mostlyGarbage = new ArrayList<>(garbage.subList(0, 10));
    mostlyGarbage.add("page.load:1|ms");
    assertThat(FormatDetector.detect(mostlyGarbage)).isEmpty();
  }

  @Test
  void looksOnlyAtTheFirstFiftyLines() {
    List<String> lines = new ArrayList<>(Collections.nCopies(50, "page.load:1|ms"));
    lines.addAll(Collections.nCopies(100, "{:type \"deploy\"}"));

    assertThat(FormatDetector.detect(lines)).contains(InputFormat.STATSD);
  }

  @Test
  void hostStatisticsCapturesByTheirHeaderOrTitleLine() {
    assertThat(detect("""
        # host=dc0-web01 time=2026-10-01T00:05:00Z tool=vmstat
        procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
         r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
         2  0      0 812344  94212 9871236    0    0     3    41  512  987 12  3 84  1  0
        """)).contains(InputFormat.HOST_STATS);
    assertThat(detect("""

        Filesystem      Size  Used Avail Use% Mounted on
        /dev/nvme0n1p1   20G  3.8G   16G  20% /
        """)).contains(InputFormat.HOST_STATS);
    assertThat(detect("COMMAND    PID USER   FD      TYPE             DEVICE SIZE/OFF     NODE NAME\n"))
        .contains(InputFormat.HOST_STATS);
    assertThat(detect("top - 00:05:01 up 12 days,  3:04,  2 users,  load average: 0.52, 0.58, 0.59\n"))
        .contains(InputFormat.HOST_STATS);
    assertThat(detect("               total        used        free      shared  buff/cache   available\n"))
        .contains(InputFormat.HOST_STATS);
    assertThat(detect("""
        java      4242
        # host=dc0-api01 time=2026-10-01T00:05:00Z tool=lsof
        COMMAND    PID USER   FD      TYPE             DEVICE SIZE/OFF     NODE NAME
        """)).as("a damaged first line").contains(InputFormat.HOST_STATS);
    // A comment that names no known tool is not a capture header.
    assertThat(detect("# tool=sar\nnothing else\n")).isEmpty();
  }
}
