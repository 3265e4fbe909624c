package io.opslake.ingest.format.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.ingest.DefaultFormats;
import io.opslake.ingest.format.FormatDetector;
import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.ListRecordSink;
import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.ParsedMetric;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Raw tool captures as operators save them, without opslake's header lines: detected by content,
 * host and time from the file name (one rule, {@link CaptureName}) or from the options.
 */
class CaptureFilesTest {
  private static final long TEN = Instant.parse("2025-11-15T10:00:00Z").getEpochSecond() * 1_000_000L;
  private static final String LSOF = """
      COMMAND    PID USER   FD      TYPE             DEVICE SIZE/OFF     NODE NAME
      java      4242 app   cwd       DIR              259,1     4096        2 /opt/api
      java      4242 app   13u      IPv4             123457      0t0      UDP 10.0.1.5:41234->10.0.0.2:53
      java      4242 app   14u      IPv4             123458      0t0      UDP 10.0.1.5:41235->10.0.0.2:53
      """;
  private static final String DF = """
      Filesystem      Size  Used Avail Use% Mounted on
      /dev/nvme0n1p1   20G  3.8G   16G  20% /
      """;
  private static final String VMSTAT = """
      procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
       r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
       3  0      0 812344  94212 9871236    0    0     3    41  512  987 12  3 84  1  0
      """;
  private static final String SHARDS = """
      index  shard prirep state      docs   store  ip        node indexing.index_total indexing.index_time
      events 0     p      STARTED    120345 12.3mb 10.0.3.11 es-n1 845112               3.1m
      """;

  private static ListRecordSink ingest(String fileName, String text, CaptureOptions options) {
    InputFormat format = FormatDetector.detect(Arrays.asList(text.split("\n"))).orElseThrow();
    ParseContext context = ParseContext.forTests(fileName, options);
    return ListRecordSink.parse(new DefaultFormats().create(format, context), text);
  }

  @Test
  void rawLsofDfAndVmstatTakeHostAndTimeFromTheFileName() {
    ListRecordSink lsof = ingest("lsof_app-3_2025-11-15T10-00-00Z.txt", LSOF, CaptureOptions.NONE);
    ListRecordSink df = ingest("df_app-3_20251115T100000Z.txt", DF, CaptureOptions.NONE);
    ListRecordSink vmstat = ingest("app-3.vmstat.2025-11-15_10-00-00.txt", VMSTAT, CaptureOptions.NONE);

    assertThat(lsof.rejections).isEmpty();
    assertThat(lsof.metrics).extracting(ParsedMetric::name, ParsedMetric::value, ParsedMetric::hostname, ParsedMetric::tsMicros)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("host.lsof.descriptors", 2d, "app-3", TEN));
    assertThat(lsof.metrics.get(0).labels()).containsEntry("tool", "lsof").containsEntry("protocol", "UDP");
    assertThat(df.rejections).isEmpty();
    assertThat(df.metrics).hasSize(4).allMatch(m -> m.hostname().equals("app-3") && m.tsMicros() == TEN
        && m.labels().get("tool").equals("df"));
    assertThat(vmstat.rejections).isEmpty();
    assertThat(vmstat.metrics).hasSize(17).allMatch(m -> m.hostname().equals("app-3") && m.tsMicros() == TEN);
  }

  @Test
  void optionsWinOverTheFileNameAndTheHeader() {
    CaptureOptions options = CaptureOptions.parse("2025-11-15T11:00:00Z", "app-9", null);
    ListRecordSink named = ingest("lsof_app-3_2025-11-15T10-00-00Z.txt", LSOF, options);
    ListRecordSink headed = ingest("capture.txt", "# host=app-3 time=2025-11-15T10:00:00Z tool=df\n" + DF, options);

    assertThat(named.metrics).allMatch(m -> m.hostname().equals("app-9") && m.tsMicros() == TEN + 3_600_000_000L);
    assertThat(headed.metrics).hasSize(4).allMatch(m -> m.hostname().equals("app-9") && m.tsMicros() == TEN + 3_600_000_000L);
  }

  @Test
  void withoutAnyTimeRowsAreRejectedNamingTheOption() {
    ListRecordSink sink = ingest("lsof.txt", LSOF, CaptureOptions.NONE);

    assertThat(sink.metrics).isEmpty();
    assertThat(sink.rejections).extracting(ListRecordSink.Rejection::reason).containsOnly(
        "snapshot has no time: pass --capture-time, write a header line '# host=<host> time=<ISO-8601> tool=<tool>'"
            + " before it, or put the time in the file name"
            + " (<tool>_<host>_2025-11-15T10-00-00Z.txt or <host>.<tool>.20251115T100000Z.txt)");
  }

  @Test
  void elasticsearchShardsAndExpvarTakeTheFileNamesTime() {
    ListRecordSink shards = ingest("es-cat-shards_es-n1_2025-11-15T10-01-00Z.txt", SHARDS, CaptureOptions.NONE);
    ListRecordSink expvar = ingest("expvar_kwanza-1_2025-11-15T10-00-00Z.json",
        "{\"cmdline\":[\"/srv/kwanza\"],\"Requests\":10234,\"memstats\":{\"NumGC\":17}}\n", CaptureOptions.NONE);

    assertThat(shards.rejections).isEmpty();
    assertThat(shards.metrics).isNotEmpty().allMatch(m -> m.hostname().equals("es-n1") && m.tsMicros() == TEN + 60_000_000L);
    assertThat(expvar.rejections).isEmpty();
    assertThat(expvar.metrics).extracting(ParsedMetric::name, ParsedMetric::hostname, ParsedMetric::tsMicros).containsExactly(
        org.assertj.core.groups.Tuple.tuple("expvar.Requests", "kwanza-1", TEN),
        org.assertj.core.groups.Tuple.tuple("expvar.memstats.NumGC", "kwanza-1", TEN));
  }

  @Test
  void badOptionValuesAreUsageErrorsNamingTheOption() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaptureOptions.parse("yesterday", null, null))
        .hasMessage("Cannot ingest: --capture-time yesterday is not an ISO 8601 time (e.g. 2025-11-15T10:00:00Z; no zone means UTC)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaptureOptions.parse(null, "web 1", null))
        .hasMessage("Cannot ingest: --host web 1 is not a host name (letters, digits, '.', '-', '_')");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaptureOptions.parse(null, null, "15"))
        .hasMessage("Cannot ingest: --year 15 is not a year between 2000 and 2999");
    assertThat(CaptureOptions.parse("2025-11-15T10:00:00", null, "2024"))
        .isEqualTo(new CaptureOptions(Instant.parse("2025-11-15T10:00:00Z"), null, 2024));
  }
}
