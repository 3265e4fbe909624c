package io.opslake.jobs.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * A field of {@link EventView} a rule can match on or an expression can read. Names as written in
 * rules files: {@code type}, {@code hostname}, {@code source}, {@code level}, {@code message},
 * {@code backtrace}, {@code url}, {@code duration_ms}, {@code http_status}, {@code tags}, {@code
 * labels.<key>}, {@code attributes.<key>}.
 */
record Field(Kind kind, String key) implements Serializable {
  enum Kind { TYPE, HOSTNAME, SOURCE, LEVEL, MESSAGE, BACKTRACE, URL, DURATION_MS, HTTP_STATUS, TAGS, LABEL, ATTRIBUTE }

  static final List<String> NAMES = List.of("type", "hostname", "source", "level", "message", "backtrace", "url",
      "duration_ms", "http_status", "tags", "labels.<key>", "attributes.<key>");

  static Optional<Field> parse(String name) {
    Kind kind = switch (name) {
      case "type" -> Kind.TYPE;
      case "hostname" -> Kind.HOSTNAME;
      case "source" -> Kind.SOURCE;
      case "level" -> Kind.LEVEL;
      case "message" -> Kind.MESSAGE;
      case "backtrace" -> Kind.BACKTRACE;
      case "url" -> Kind.URL;
      case "duration_ms" -> Kind.DURATION_MS;
      case "http_status" -> Kind.HTTP_STATUS;
      case "tags" -> Kind.TAGS;
      default -> null;
    };
    if (kind != null) {
      return Optional.of(new Field(kind, null));
    }
    if (name.startsWith("labels.") && name.length() > "labels.".length()) {
      return Optional.of(new Field(Kind.LABEL, name.substring("labels.".length())));
    }
    if (name.startsWith("attributes.") && name.length() > "attributes.".length()) {
      return Optional.of(new Field(Kind.ATTRIBUTE, name.substring("attributes.".length())));
    }
    return Optional.empty();
  }

  /** The field's value as text, or null when absent; tags are handled by the caller. */
  String text(EventView event) {
    return switch (kind) {
      case TYPE -> event.type();
      case HOSTNAME -> event.hostname();
      case SOURCE -> event.source();
      case LEVEL -> event.level();
      case MESSAGE -> event.message();
      case BACKTRACE -> event.backtrace();
      case URL -> event.url();
      case DURATION_MS -> event.durationMs() == null ? null : event.durationMs().toString();
      case HTTP_STATUS -> event.httpStatus() == null ? null : event.httpStatus().toString();
      case TAGS -> null;
      case LABEL -> event.labels().get(key);
      case ATTRIBUTE -> event.attributes().get(key);
    };
  }

  /** The field's value as a number, or null when absent or not a number. */
  Double number(EventView event) {
    return switch (kind) {
      case DURATION_MS -> event.durationMs();
      case HTTP_STATUS -> event.httpStatus() == null ? null : event.httpStatus().doubleValue();
      default -> parseNumber(text(event));
    };
  }

  static Double parseNumber(String text) {
    if (text == null || text.isEmpty() || text.length() > 40) {
      return null;
    }
    char first = text.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
      return null; // cheap rejection before the exception path
    }
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
