package io.opslake.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids: {@code 20261120T010203Z-3fa9c1} (ingest) or {@code 20261120T010203Z-rates-3fa9c1} (a
 * derived-table job). They sort by start time, name staging directories, commit records and
 * Parquet file names, and differ between two runs started in the same second.
 */
public final class RunIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunIds() {}

  /** A new id for an ingest run started at {@code started}. */
  public static String ingest(Instant started) {
    return STAMP.format(started) + "-" + randomSuffix();
  }

  /** A new id for a run of {@code job} (lower case, e.g. {@code rates}) started at {@code started}. */
  public static String derived(String job, Instant started) {
    return STAMP.format(started) + "-" + job.toLowerCase(Locale.ROOT) + "-" + randomSuffix();
  }

  private static String randomSuffix() {
    return String.format(Locale.ROOT, "%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }
}
