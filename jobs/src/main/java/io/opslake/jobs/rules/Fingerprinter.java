package io.opslake.jobs.rules;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Computes {@code events.fingerprint}: the hex md5 of the event's normalized text, so the same
 * failure from different hosts and requests groups together. The text is the backtrace if the
 * event has one, else the message, cut to {@code maxChars}; each normalizer then rewrites it in
 * order. An event with neither gets the md5 of {@code "type:" + original type} (page loads, GC),
 * and null when it has no type either.
 */
public record Fingerprinter(List<Normalizer> normalizers, int maxChars) implements Serializable {
  public static final int DEFAULT_MAX_CHARS = 4096;

  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  });

  public Fingerprinter {
    normalizers = List.copyOf(normalizers);
  }

  /** The built-in normalizers in their documented order. */
  public static Fingerprinter defaults() {
    return new Fingerprinter(List.copyOf(Normalizer.BUILT_IN.values()), DEFAULT_MAX_CHARS);
  }

  public String fingerprint(EventView event) {
    String text = event.backtrace();
    if (text == null) {
      text = event.message();
    }
    if (text == null) {
      return event.type() == null ? null : md5("type:" + event.type());
    }
    return md5(normalize(text));
  }

  /** The text the md5 is taken of. */
  public String normalize(String text) {
    String normalized = text.length() > maxChars ? text.substring(0, maxChars) : text;
    for (Normalizer normalizer : normalizers) {
      normalized = normalizer.apply(normalized);
    }
    return normalized;
  }

  static String md5(String text) {
    return md5Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static String md5Hex(byte[] bytes) {
    return HexFormat.of().formatHex(MD5.get().digest(bytes));
  }
}
