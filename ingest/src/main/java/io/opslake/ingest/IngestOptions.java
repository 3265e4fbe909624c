package io.opslake.ingest;

import io.opslake.errors.OpslakeException;
import io.opslake.ingest.format.InputFormat;
import io.opslake.ingest.format.capture.CaptureOptions;
import io.opslake.ingest.format.plaintext.LineFormatLogParser;
import io.opslake.schemas.MetricTypeDeclarations;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of one ingest run, validated on construction.
 *
 * @param inputs files, directories (read recursively, skipping names that start with {@code _} or
 *     {@code .}) or globs, as URIs or local paths
 * @param format the format of every input, or empty to detect it per file
 * @param warehouse warehouse root URI or local path
 * @param maxBadRatio the run fails when quarantined / read exceeds this (0..1)
 * @param maxLineBytes lines longer than this are quarantined
 * @param startedAt the run's start, which also ends the plausible timestamp window (+1 day)
 * @param lineFormat a plain-text line layout ({@link LineFormatLogParser#validate}), only with
 *     format plaintext; empty for the built-in Logback/Log4j layouts
 * @param capture {@code --capture-time}, {@code --host}, {@code --year}: what the user says about
 *     a one-off capture; they win over header lines and file names (docs/metrics.md)
 * @param metricTypes declared kinds of metrics ({@code --metric-type}, then {@code metric_types:}
 *     in opslake.yaml); they replace the parser's kind in {@code raw_metrics.kind}
 */
public record IngestOptions(
    List<String> inputs,
    Optional<InputFormat> format,
    String warehouse,
    double maxBadRatio,
    int maxLineBytes,
    Instant startedAt,
    Optional<String> lineFormat,
    CaptureOptions capture,
    MetricTypeDeclarations metricTypes) {

  public static final double DEFAULT_MAX_BAD_RATIO = 0.01;
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  public IngestOptions {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(lineFormat, "lineFormat");
    Objects.requireNonNull(capture, "capture");
    Objects.requireNonNull(metricTypes, "metricTypes");
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw OpslakeException.usage("Cannot ingest: no --input given");
    }
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage("Cannot ingest: --warehouse is empty");
    }
    if (!(maxBadRatio >= 0 && maxBadRatio <= 1)) {
      throw OpslakeException.usage(
          "Cannot ingest: --max-bad-ratio " + maxBadRatio + " is not between 0 and 1");
    }
    if (maxLineBytes < 1024) {
      throw OpslakeException.usage(
          "Cannot ingest: --max-line-bytes " + maxLineBytes + " is below 1024");
    }
    if (lineFormat.isPresent()) {
      if (!format.equals(Optional.of(InputFormat.PLAINTEXT))) {
        throw OpslakeException.usage("Cannot ingest: --line-format needs --format plaintext");
      }
      LineFormatLogParser.validate(lineFormat.get());
    }
  }

  public IngestOptions(
      List<String> inputs, Optional<InputFormat> format, String warehouse, double maxBadRatio,
      int maxLineBytes, Instant startedAt) {
    this(inputs, format, warehouse, maxBadRatio, maxLineBytes, startedAt, Optional.empty(), CaptureOptions.NONE,
        MetricTypeDeclarations.NONE);
  }

  public IngestOptions(
      List<String> inputs, Optional<InputFormat> format, String warehouse, double maxBadRatio,
      int maxLineBytes, Instant startedAt, Optional<String> lineFormat) {
    this(inputs, format, warehouse, maxBadRatio, maxLineBytes, startedAt, lineFormat, CaptureOptions.NONE,
        MetricTypeDeclarations.NONE);
  }

  /** Options with defaults for everything but the inputs and the warehouse. */
  public static IngestOptions of(List<String> inputs, String warehouse) {
    return new IngestOptions(
        inputs, Optional.empty(), warehouse, DEFAULT_MAX_BAD_RATIO, DEFAULT_MAX_LINE_BYTES, Instant.now());
  }

  public IngestOptions withFormat(InputFormat newFormat) {
    return new IngestOptions(inputs, Optional.of(newFormat), warehouse, maxBadRatio, maxLineBytes, startedAt, lineFormat, capture, metricTypes);
  }

  public IngestOptions withMaxBadRatio(double ratio) {
    return new IngestOptions(inputs, format, warehouse, ratio, maxLineBytes, startedAt, lineFormat, capture, metricTypes);
  }

  public IngestOptions withStartedAt(Instant start) {
    return new IngestOptions(inputs, format, warehouse, maxBadRatio, maxLineBytes, start, lineFormat, capture, metricTypes);
  }

  public IngestOptions withMaxLineBytes(int bytes) {
    return new IngestOptions(inputs, format, warehouse, maxBadRatio, bytes, startedAt, lineFormat, capture, metricTypes);
  }

  /** These options reading plain text with the given line layout (format becomes plaintext). */
  public IngestOptions withLineFormat(String layout) {
    return new IngestOptions(
        inputs, Optional.of(InputFormat.PLAINTEXT), warehouse, maxBadRatio, maxLineBytes, startedAt,
        Optional.of(layout), capture, metricTypes);
  }

  /** These options with what the user says about the capture ({@code --capture-time}, {@code --host}, {@code --year}). */
  public IngestOptions withCapture(CaptureOptions newCapture) {
    return new IngestOptions(inputs, format, warehouse, maxBadRatio, maxLineBytes, startedAt, lineFormat, newCapture, metricTypes);
  }

  /** These options with the user's metric type declarations ({@code --metric-type}, {@code metric_types:}). */
  public IngestOptions withMetricTypes(MetricTypeDeclarations declarations) {
    return new IngestOptions(inputs, format, warehouse, maxBadRatio, maxLineBytes, startedAt, lineFormat, capture, declarations);
  }
}
