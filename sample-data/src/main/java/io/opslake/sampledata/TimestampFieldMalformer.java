package io.opslake.sampledata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Malforms a one-line JSON or EDN record by editing its timestamp field, found by a marker such as
 * {@code "timestamp":} (an unquoted number ending at ',') or {@code "__REALTIME_TIMESTAMP":"} (a
 * quoted value ending at '"'), or by cutting the line or replacing it with garbage.
 *
 * @param linePrefix text kept before garbage (the docker-compose prefix of zap lines), or ""
 * @param marker the text just before the timestamp value (including an opening quote if quoted)
 * @param quoted whether the value is a quoted string
 * @param to2090 rewrites the value text to the same instant in 2090
 * @param dropFallbackTimes removes the other time fields a parser would fall back to when the
 *     timestamp is missing (app events fall back to {@code received_at}), so "missing timestamp"
 *     really leaves the record without a time
 */
record TimestampFieldMalformer(
    String linePrefix, String marker, boolean quoted, UnaryOperator<String> to2090,
    UnaryOperator<String> dropFallbackTimes)
    implements Malformer {
  TimestampFieldMalformer(String linePrefix, String marker, boolean quoted, UnaryOperator<String> to2090) {
    this(linePrefix, marker, quoted, to2090, UnaryOperator.identity());
  }

  static final List<MalformedKind> KINDS = List.of(
      MalformedKind.TRUNCATED, MalformedKind.GARBAGE, MalformedKind.INVALID_UTF8,
      MalformedKind.TIMESTAMP_2090, MalformedKind.MISSING_TIMESTAMP);
  private static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28};

  @Override
  public List<MalformedKind> kinds() {
    return KINDS;
  }

  @Override
  public byte[] malform(MalformedKind kind, Rendered neighbour, SplittableRandom random) {
    String line = neighbour.text();
    int valueStart = line.indexOf(marker) + marker.length();
    int valueEnd = line.indexOf(quoted ? '"' : ',', valueStart);
    String value = line.substring(valueStart, valueEnd);
    String before = line.substring(0, valueStart);
    String after = line.substring(valueEnd);
    return switch (kind) {
      case TRUNCATED -> {
        // Any cut strictly inside the line leaves the outer '{' unclosed.
        int cut = (int) (line.length() * (0.3 + 0.4 * random.nextDouble()));
        yield bytes(line.substring(0, cut));
      }
      case GARBAGE -> bytes(linePrefix + garbage(random));
      case TIMESTAMP_2090 -> bytes(before + to2090.apply(value) + after);
      case MISSING_TIMESTAMP -> {
        int memberStart = line.indexOf(marker);
        // Drop the value, its closing quote if any, and the one separator after it.
        int memberEnd = valueEnd + (quoted ? 1 : 0) + 1;
        yield bytes(dropFallbackTimes.apply(line.substring(0, memberStart) + line.substring(memberEnd)));
      }
      case INVALID_UTF8 -> {
        int middle = value.length() / 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length() + 4);
        out.writeBytes(bytes(before + (quoted ? "" : "\"") + value.substring(0, middle)));
        out.writeBytes(INVALID_UTF8);
        out.writeBytes(bytes(value.substring(middle) + (quoted ? "" : "\"") + after));
        yield out.toByteArray();
      }
      default -> throw new IllegalArgumentException(kind + " is not planted by " + marker);
    };
  }

  static String garbage(SplittableRandom random) {
    return "}#~ garbage " + Text.hex(random.nextLong(), 16) + " ~#{";
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The same UTC wall-clock instant in the year 2090. */
  static long millisIn2090(long epochMillis) {
    ZonedDateTime time = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
    return time.withYear(2090).toInstant().toEpochMilli();
  }

  /** For epoch numbers in milliseconds (or micro-/nanoseconds when {@code extraDigits} is 3/6). */
  static UnaryOperator<String> epochNumberTo2090(int extraDigits) {
    return value -> {
      String millis = value.substring(0, value.length() - extraDigits);
      return millisIn2090(Long.parseLong(millis)) + value.substring(value.length() - extraDigits);
    };
  }

  /** For epoch seconds with a fraction, e.g. {@code 1790812801.123456}. */
  static String epochSecondsTo2090(String value) {
    int dot = value.indexOf('.');
    long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
    return millisIn2090(seconds * 1000) / 1000 + (dot < 0 ? "" : value.substring(dot));
  }

  /** For ISO text starting with the year. */
  static String isoTo2090(String value) {
    return "2090" + value.substring(4);
  }
}
