package io.opslake.ingest.engine;

import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.ParsedEvent;
import io.opslake.ingest.format.ParsedMetric;
import io.opslake.schemas.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Turns parser output of one file split into table rows and hands them to the staging writers:
 * adds the context columns (event_id, source, lineage, run id), promotes hot fields, and picks the
 * partition from the event time. Counts everything into the format's {@link FormatStats}.
 */
final class RowSink implements SplitSink {
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final int MAX_LONG_DIGITS = 19; // and a sign
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final StagingWriters writers;
  private final IngestSettings settings;
  private final SplitTask.Split split;
  private final String source;
  private final FormatStats stats;
  private final MessageDigest md5 = BlockScanner.md5();
  /** {@code <fingerprint>:} followed by room for the line number, {@code #n} and the digest. */
  private final byte[] idInput;
  private final int prefixLength;
  private final byte[] digest = new byte[16];
  private final byte[] hex = new byte[32];
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
    byte[] prefix = (split.fingerprint() + ':').getBytes(StandardCharsets.US_ASCII);
    this.prefixLength = prefix.length;
    this.idInput = Arrays.copyOf(prefix, prefix.length + 2 * MAX_LONG_DIGITS + 3);
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
    // md5 of "<fingerprint>:<line>" or "<fingerprint>:<line>#<n>", hex: built in reused arrays,
    // one String per id
    int length = putDigits(line, prefixLength);
    if (eventsOnLastLine > 0) {
      idInput[length++] = '#';
      length = putDigits(eventsOnLastLine, length);
    }
    md5.update(idInput, 0, length);
    try {
      md5.digest(digest, 0, digest.length);
    } catch (DigestException e) {
      throw new IllegalStateException("md5 digest of 16 bytes", e);
    }
    for (int i = 0; i < digest.length; i++) {
      hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
    }
    return new String(hex, StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code value} in decimal as {@link Long#toString} does, at {@code at}; returns the end. */
  private int putDigits(long value, int at) {
    if (value < 0) {
      byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(text, 0, idInput, at, text.length);
      return at + text.length;
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    long rest = value;
    for (int i = at + digits - 1; i >= at; i--) {
      idInput[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    return at + digits;
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
