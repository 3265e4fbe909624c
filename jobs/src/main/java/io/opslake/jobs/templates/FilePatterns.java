package io.opslake.jobs.templates;

import io.opslake.errors.OpslakeException;
import com.univocity.parsers.csv.CsvWriter;
import io.opslake.ingest.format.plaintext.LineFormat;
import io.opslake.jobs.csv.CsvFormat;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Mines one log file the way log-parsing benchmarks evaluate parsers (no Spark): every line's
 * {@code <Content>} (per the line format, or the whole line) is mined with {@link TemplateMiner},
 * and a CSV {@code line,template_id,template} ({@link CsvFormat}) gets one row per input line. A
 * line that does not match the line format, or whose message is blank, gets an empty id and
 * template and is counted.
 *
 * <p>Cost: two reads of the file (count the distinct masked messages, then assign); memory holds
 * the distinct masked messages only. Gzip input is recognized by its magic bytes; invalid UTF-8 is
 * replaced, never fatal.
 */
public final class FilePatterns {
  private FilePatterns() {}

  /**
   * @param lines input lines
   * @param unmatched lines that did not match the line format
   * @param blank lines whose message was blank
   * @param templates distinct templates found
   */
  public record Result(long lines, long unmatched, long blank, int templates) {}

  public static Result run(Path input, LineFormat format, Path output) throws IOException {
    if (!Files.isRegularFile(input)) {
      throw OpslakeException.usage("Cannot mine patterns: --input " + input + " is not a file");
    }
    Masker masker = new Masker();
    Map<String, Long> counts = new HashMap<>();
    try (BufferedReader reader = open(input)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String message = format == null ? line : format.content(line);
        if (message != null && !message.isBlank()) {
          counts.merge(masker.mask(message), 1L, Long::sum);
        }
      }
    }
    TemplateMiner.MiningResult mined = TemplateMiner.withDefaults().mineMasked(counts);
    long lines = 0;
    long unmatched = 0;
    long blank = 0;
    try (BufferedReader reader = open(input);
        Writer file = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
      CsvWriter out = CsvFormat.writer(file);
      out.writeHeaders("line", "template_id", "template");
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines++;
        String message = format == null ? line : format.content(line);
        MinedTemplate template = null;
        if (message == null) {
          unmatched++;
        } else if (message.isBlank()) {
          blank++;
        } else {
          template = mined.byMaskedMessage().get(masker.mask(message));
        }
        out.writeRow(Long.toString(lines), template == null ? null : template.id(),
            template == null ? null : template.template());
      }
      out.flush();
    }
    return new Result(lines, unmatched, blank, mined.templates().size());
  }

  private static BufferedReader open(Path input) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(input));
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    if (first == 0x1f && second == 0x8b) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
  }
}
