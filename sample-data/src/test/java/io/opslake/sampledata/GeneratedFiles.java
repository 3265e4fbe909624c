package io.opslake.sampledata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads generated files back independently of the generator and tells valid records from
 * malformed ones with strict checks: strict UTF-8, Jackson for JSON, a timestamp that exists and
 * lies before 2080. Used to count back what _scenario.json claims.
 */
final class GeneratedFiles {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant LATEST = Instant.parse("2080-01-01T00:00:00Z");
  private static final Pattern STATSD = Pattern.compile(
      "^[a-z.]+:(-?\\d+(?:\\.\\d+)?)\\|(ms|c|g)(?:\\|@[0-9.]+)?\\|#[^|]+\\|T(\\d+)$");
  private static final Pattern PLAINTEXT_HEADER = Pattern.compile("^(\\d{4})-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} ");
  private static final Pattern EDN_TIMESTAMP = Pattern.compile(":timestamp #inst \"([^\"]*)\"");

  private GeneratedFiles() {}

  /** A line or a record, as written and (when strictly decodable) as text. */
  record Entry(String text, boolean valid, int records, long epochMillis) {}

  static List<byte[]> lines(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      byte[] all = in.readAllBytes();
      List<byte[]> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == '\n') {
          byte[] line = new byte[i - start];
          System.arraycopy(all, start, line, 0, line.length);
          lines.add(line);
          start = i + 1;
        }
      }
      if (start != all.length) {
        throw new IllegalStateException(file + " does not end with a newline");
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The records of a file: one per line, except plain text where stack trace lines join their record. */
  static List<Entry> entries(SampleFormat format, Path file) {
    List<byte[]> lines = lines(file);
    if (format == SampleFormat.HOST_STATS) {
      return HostStatsFiles.entries(lines);
    }
    List<Entry> entries = new ArrayList<>();
    if (format == SampleFormat.PLAINTEXT) {
      for (byte[] bytes : lines) {
        String line = new String(bytes, StandardCharsets.UTF_8);
        Matcher header = PLAINTEXT_HEADER.matcher(line);
        if (header.find()) {
          boolean valid = Integer.parseInt(header.group(1)) < 2080;
          entries.add(new Entry(line, valid, 1, 0));
        } else {
          Entry last = entries.remove(entries.size() - 1);
          entries.add(new Entry(last.text() + "\n" + line, last.valid(), 1, 0));
        }
      }
      return entries;
    }
    for (byte[] bytes : lines) {
      if (format == SampleFormat.ES_SHARDS || format == SampleFormat.KAFKA_LAG) {
        String line = new String(bytes, StandardCharsets.UTF_8);
        // Capture times, headers and separators are not records.
        if (line.startsWith("# ") || line.startsWith("index ") || line.startsWith("Broker ") || line.startsWith("-------")) {
          continue;
        }
      }
      entries.add(classify(format, bytes));
    }
    return entries;
  }

  static Entry classify(SampleFormat format, byte[] bytes) {
    String text = strictUtf8(bytes);
    if (text == null) {
      return new Entry(new String(bytes, StandardCharsets.UTF_8), false, 1, 0);
    }
    try {
      return switch (format) {
        case APP_EVENTS -> json(text, JSON.readTree(text), "timestamp", 1);
        case JOURNALD -> {
          JsonNode node = JSON.readTree(text);
          JsonNode micros = node.get("__REALTIME_TIMESTAMP");
          yield micros == null || !micros.asText().matches("\\d+")
              ? invalid(text)
              : timed(text, Long.parseLong(micros.asText()) / 1000, 1);
        }
        case ZAP -> {
          // Behind the plain or the ANSI-coloured docker-compose prefix.
          String json = text.substring(text.indexOf("kwanza_1    |") + 13).replaceFirst("^\u001B\\[0m", "").substring(1);
          JsonNode node = JSON.readTree(json);
          JsonNode ts = node.get("ts");
          yield ts == null || !ts.isNumber() ? invalid(text) : timed(text, (long) (ts.asDouble() * 1000), 1);
        }
        case DCOS_METRICS -> {
          JsonNode node = JSON.readTree(text);
          JsonNode points = node.get("datapoints");
          long at = OffsetDateTime.parse(points.get(0).get("timestamp").asText()).toInstant().toEpochMilli();
          yield timed(text, at, points.size());
        }
        case STATSD -> {
          Matcher matcher = STATSD.matcher(text);
          yield matcher.matches() ? timed(text, Long.parseLong(matcher.group(3)) * 1000, 1) : invalid(text);
        }
        case APP_EVENTS_EDN -> edn(text);
        case PLAINTEXT -> throw new IllegalArgumentException("plain text is read by entries()");
        case WRITER_METRICS -> {
          JsonNode node = JSON.readTree(text);
          yield node.has("ts") ? timed(text, OffsetDateTime.parse(node.get("ts").asText()).toInstant().toEpochMilli(), 24) : invalid(text);
        }
        case EXPVAR -> {
          int space = text.indexOf(' ');
          JSON.readTree(text.substring(space + 1));
          yield timed(text, OffsetDateTime.parse(text.substring(0, space)).toInstant().toEpochMilli(), 14);
        }
        // Valid rows have every column of the header; the time is in the file name or the '#' line.
        case ES_SHARDS -> text.trim().split("\\s+").length == 10 ? new Entry(text, true, 4, 0) : invalid(text);
        case KAFKA_LAG -> text.split("\\|", -1).length == 8 ? new Entry(text, true, 3, 0) : invalid(text);
        case HOST_STATS -> throw new IllegalArgumentException("host statistics are read by entries()");
      };
    } catch (IOException | RuntimeException e) {
      return invalid(text);
    }
  }

  private static Entry json(String text, JsonNode node, String field, int records) {
    JsonNode ts = node.get(field);
    return ts == null || !ts.isIntegralNumber() ? invalid(text) : timed(text, ts.asLong(), records);
  }

  /** Balanced braces outside strings, and a readable #inst: the structure a correct EDN reader needs. */
  private static Entry edn(String text) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth < 0) {
          return invalid(text);
        }
      }
    }
    if (depth != 0 || inString || !text.startsWith("{:md5 ")) {
      return invalid(text);
    }
    Matcher matcher = EDN_TIMESTAMP.matcher(text);
    if (!matcher.find()) {
      return invalid(text);
    }
    return timed(text, OffsetDateTime.parse(matcher.group(1)).toInstant().toEpochMilli(), 1);
  }

  private static Entry timed(String text, long epochMillis, int records) {
    return Instant.ofEpochMilli(epochMillis).isBefore(LATEST)
        ? new Entry(text, true, records, epochMillis)
        : invalid(text);
  }

  private static Entry invalid(String text) {
    return new Entry(text, false, 1, 0);
  }

  static String dateOf(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
