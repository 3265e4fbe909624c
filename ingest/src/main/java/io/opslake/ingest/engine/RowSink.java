package io.opslake.ingest.engine;

import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Turns parser output of one file split into table rows and hands them to the staging writers:
 * adds the context columns (event_id, source, lineage, run id), promotes hot fields, and picks the
 * partition from the event time. Counts everything into the format's {@link FormatStats}.
 */
final class RowSink implements SplitSink {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final StagingWriters writers;
  private final IngestSettings settings;
  private final SplitTask.Split split;
  private final String source;
  private final FormatStats stats;
  private final MessageDigest md5 = BlockScanner.md5();
  private final byte[] fingerprintPrefix;
  private long lastDay = Long.MIN_VALUE;
  private String lastDt;
  private long lastEventLine = -1;
  private int eventsOnLastLine;

  RowSink(StagingWriters writers, IngestSettings settings, SplitTask.Split split, FormatStats stats) {
    this.writers = writers;
    this.settings = settings;
    this.split = split;
    this.source = split.format() == null ? "unknown" : split.format().id();
    this.stats = stats;
    this.fingerprintPrefix = (split.fingerprint() + ':').getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void event(long line, ParsedEvent event) {
    stats.recordsRead++;
    stats.eventsWritten++;
    Object[] row = new Object[Tables.RAW_EVENTS.dataColumns().size()];
    row[0] = eventId(line);
    row[1] = event.tsMicros();
    row[2] = event.receivedAtMicros();
    row[3] = source;
    row[4] = event.hostname();
    row[5] = event.type();
    row[6] = event.level();
    row[7] = event.message();
    row[8] = event.tags();
    row[9] = event.labels();
    row[10] = event.attributes();
    row[11] = HotFields.durationMs(event.attributes());
    row[12] = HotFields.httpStatus(event.attributes());
    row[13] = HotFields.url(event.attributes());
    row[14] = event.md5();
    row[15] = split.uri();
    row[16] = line;
    row[17] = settings.runId();
    write(Tables.RAW_EVENTS, dt(event.tsMicros()), row);
  }

  @Override
  public void metric(long line, ParsedMetric metric) {
    stats.recordsRead++;
    stats.metricsWritten++;
    Object[] row = new Object[Tables.RAW_METRICS.dataColumns().size()];
    row[0] = metric.tsMicros();
    row[1] = metric.name();
    row[2] = metric.value();
    row[3] = metric.unit();
    row[4] = settings.metricTypes().kindOf(metric.name()).orElse(metric.kind().columnValue());
    row[5] = metric.hostname();
    row[6] = metric.labels();
    row[7] = source;
    row[8] = split.uri();
    row[9] = line;
    row[10] = settings.runId();
    write(Tables.RAW_METRICS, dt(metric.tsMicros()), row);
  }

  @Override
  public void reject(long line, String reason, String raw) {
    reject(line, reason, raw, raw == null ? 0 : raw.getBytes(StandardCharsets.UTF_8).length);
  }

  @Override
  public void blankLine() {
    stats.blankLines++;
  }

  @Override
  public void reject(long line, String reason, String raw, long rawBytes) {
    stats.recordsRead++;
    stats.quarantined++;
    String kept = raw == null ? "" : raw;
    if (kept.length() > Tables.QUARANTINE_RAW_MAX_CHARS) {
      kept = kept.substring(0, Tables.QUARANTINE_RAW_MAX_CHARS);
    }
    Object[] row = new Object[Tables.QUARANTINE.dataColumns().size()];
    row[0] = split.uri();
    row[1] = line;
    row[2] = source;
    row[3] = reason == null ? "rejected without a reason (a parser bug)" : reason;
    row[4] = kept;
    row[5] = rawBytes;
    row[6] = settings.runId();
    write(Tables.QUARANTINE, settings.runDate(), row);
  }

  @Override
  public long recordsSoFar() {
    return stats.recordsRead;
  }

  private String eventId(long line) {
    // Two events from one line (rare: a parser splitting a record) get distinct ids.
    if (line == lastEventLine) {
      eventsOnLastLine++;
    } else {
      lastEventLine = line;
      eventsOnLastLine = 0;
    }
    md5.reset();
    md5.update(fingerprintPrefix);
    String suffix = eventsOnLastLine == 0 ? Long.toString(line) : line + "#" + eventsOnLastLine;
    md5.update(suffix.getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(md5.digest());
  }

  private String dt(long micros) {
    long day = Math.floorDiv(micros, MICROS_PER_DAY);
    if (day != lastDay) {
      lastDay = day;
      lastDt = LocalDate.ofEpochDay(day).toString();
    }
    return lastDt;
  }

  private void write(io.opslake.schemas.TableDefinition table, String dt, Object[] row) {
    try {
      writers.write(table, dt, row);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write staging file for " + table.name() + " dt=" + dt, e);
    }
  }

  static String sourceOf(InputFormat format) {
    return format == null ? "unknown" : format.id();
  }
}
