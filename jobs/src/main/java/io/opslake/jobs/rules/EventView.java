package io.opslake.jobs.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of one raw event that rules can match on, as plain Java values, so rules run and are
 * tested without Spark.
 *
 * @param type type as emitted, or null
 * @param tags never null
 * @param labels never null
 * @param attributes never null
 */
public record EventView(
    String type,
    String hostname,
    String source,
    String level,
    String message,
    List<String> tags,
    Map<String, String> labels,
    Map<String, String> attributes,
    Double durationMs,
    Integer httpStatus,
    String url) {

  public EventView {
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(attributes, "attributes");
  }

  /** The stack trace: attribute {@code backtrace} (app events, plain-text logs), else {@code stacktrace} (zap). */
  public String backtrace() {
    String backtrace = attributes.get("backtrace");
    return backtrace != null ? backtrace : attributes.get("stacktrace");
  }
}
