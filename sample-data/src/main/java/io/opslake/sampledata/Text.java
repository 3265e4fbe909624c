package io.opslake.sampledata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;

/**
 * Fast, allocation-light text rendering shared by the writers: timestamps in the layouts the
 * formats use, fixed-point decimals, JSON/EDN string escaping and MD5 hex digests. The generator
 * writes millions of lines, so it avoids {@code String.format} and {@code DateTimeFormatter}.
 */
final class Text {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Text() {}

  /** {@code 2026-10-01T00:00:01.234} (no zone) for epoch milliseconds. */
  static void appendIsoLocal(StringBuilder out, long epochMillis, char dateTimeSeparator, char fractionSeparator) {
    long day = Math.floorDiv(epochMillis, 86_400_000L);
    long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
    LocalDate date = LocalDate.ofEpochDay(day);
    appendPadded(out, date.getYear(), 4);
    out.append('-');
    appendPadded(out, date.getMonthValue(), 2);
    out.append('-');
    appendPadded(out, date.getDayOfMonth(), 2);
    out.append(dateTimeSeparator);
    appendPadded(out, (int) (millisOfDay / 3_600_000L), 2);
    out.append(':');
    appendPadded(out, (int) (millisOfDay / 60_000L % 60), 2);
    out.append(':');
    appendPadded(out, (int) (millisOfDay / 1000L % 60), 2);
    out.append(fractionSeparator);
    appendPadded(out, (int) (millisOfDay % 1000L), 3);
  }

  /** {@code 2026-10-01T00:00:01.234Z}. */
  static String isoInstant(long epochMillis) {
    StringBuilder out = new StringBuilder(24);
    appendIsoLocal(out, epochMillis, 'T', '.');
    return out.append('Z').toString();
  }

  /** {@code 2026-10-01T00:01:00Z} (whole seconds, as DC/OS writes them). */
  static void appendIsoSeconds(StringBuilder out, long epochMillis) {
    appendIsoLocal(out, epochMillis, 'T', '.');
    out.setLength(out.length() - 4);
    out.append('Z');
  }

  static void appendPadded(StringBuilder out, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }

  /** {@code value / 10^decimals} written with exactly {@code decimals} digits, e.g. 547,3 → 0.547. */
  static void appendFixed(StringBuilder out, long scaled, int decimals) {
    if (scaled < 0) {
      out.append('-');
      scaled = -scaled;
    }
    long factor = 1;
    for (int i = 0; i < decimals; i++) {
      factor *= 10;
    }
    out.append(scaled / factor);
    if (decimals > 0) {
      out.append('.');
      appendPadded(out, scaled % factor, decimals);
    }
  }

  /** Appends {@code value} as a quoted JSON string; EDN strings use the same escapes. */
  static void appendQuoted(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00");
            out.append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every Java runtime", e);
    }
  }

  /** Hex MD5 of the UTF-8 bytes of {@code text}. */
  static String md5Hex(MessageDigest md5, CharSequence text) {
    byte[] digest = md5.digest(text.toString().getBytes(StandardCharsets.UTF_8));
    char[] hex = new char[32];
    for (int i = 0; i < 16; i++) {
      hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(hex);
  }

  static String hex(long value, int digits) {
    char[] out = new char[digits];
    for (int i = digits - 1; i >= 0; i--) {
      out[i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    return new String(out);
  }
}
