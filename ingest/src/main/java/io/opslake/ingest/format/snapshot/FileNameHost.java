package io.opslake.ingest.format.snapshot;

import java.util.regex.Pattern;

/**
 * The host named by a file called {@code <host>.<anything>} ({@code dc0-kwanza01.expvar.jsonl.gz}
 * → {@code dc0-kwanza01}), for formats whose records carry no host. The first dot-separated part
 * counts as a host when it is a DNS label (letters, digits, hyphens, at most 63, with a letter)
 * and holds no capture time (so {@code es-shards-20261001T000500Z.txt} names no host).
 */
public final class FileNameHost {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[A-Za-z].*");
  private static final Pattern HAS_TIME = Pattern.compile(".*\\d{8}T\\d{4,6}.*");

  private FileNameHost() {}

  /** The host, or null. */
  public static String of(String fileName) {
    int dot = fileName.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    String first = fileName.substring(0, dot);
    boolean host = LABEL.matcher(first).matches() && HAS_LETTER.matcher(first).matches() && !HAS_TIME.matcher(first).matches();
    return host ? first : null;
  }
}
