package io.opslake.ingest.format.appevents;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordParser;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.RecordSink;
import io.opslake.ingest.format.json.JsonLines;
import java.util.Map;
import us.bpsm.edn.parser.Parseable;
import us.bpsm.edn.parser.Parser;
import us.bpsm.edn.parser.Parsers;

/**
 * Parses app events written as EDN maps, one per line, as Clojure services emit them:
 *
 * <pre>{@code
 * {:md5 "…" :type "page_load" :hostname "dc0-web01"
 *  :timestamp #inst "2026-10-01T00:00:01.234-00:00" :tags ["metrics"] :additional_info {:url "…"}}
 * }</pre>
 *
 * <p>Each map is read with edn-java, written as the equivalent JSON ({@link EdnJson}) and mapped
 * by {@link AppEventJsonParser}, so both formats share one set of field rules. That costs a second
 * pass per line, which is fine for EDN's volumes; rejections show the original EDN line.
 */
public final class AppEventEdnParser implements RecordParser {
  private final Parser edn = Parsers.newParser(Parsers.defaultConfiguration());
  private final AppEventJsonParser mapping;

  public AppEventEdnParser(ParseContext context) {
    this.mapping = new AppEventJsonParser(context);
  }

  @Override
  public void accept(String line, long lineNumber, RecordSink sink) {
    String json;
    try {
      json = toJson(line);
    } catch (RecordRejectedException e) {
      sink.reject(lineNumber, e.getMessage(), line);
      return;
    }
    mapping.read(json, lineNumber, line, sink);
  }

  @Override
  public void finish(RecordSink sink) {
    // single-line format: nothing is ever buffered
  }

  private String toJson(String line) {
    // edn-java reads recursively: bound the nesting before it can exhaust the stack
    if (EdnDepth.exceeds(line, JsonLines.MAX_DEPTH)) {
      throw new RecordRejectedException("EDN nests deeper than " + JsonLines.MAX_DEPTH + " levels");
    }
    Object value;
    Object trailing;
    try {
      Parseable input = Parsers.newParseable(line);
      value = edn.nextValue(input);
      trailing = value == Parser.END_OF_INPUT ? Parser.END_OF_INPUT : edn.nextValue(input);
    } catch (RuntimeException | AssertionError e) {
      // edn-java checks some symbol syntax with assert statements, so with assertions enabled
      // (as in tests) malformed symbols surface as AssertionError
      throw new RecordRejectedException("malformed EDN: " + firstLine(e.getMessage()));
    }
    if (value == Parser.END_OF_INPUT) {
      throw new RecordRejectedException("not an EDN map: the line is empty");
    }
    if (!(value instanceof Map)) {
      throw new RecordRejectedException("not an EDN map: the line holds " + describe(value));
    }
    if (trailing != Parser.END_OF_INPUT) {
      throw new RecordRejectedException("trailing data after the EDN map");
    }
    try {
      return EdnJson.toJson(value);
    } catch (java.io.IOException | RuntimeException e) {
      throw new RecordRejectedException("EDN map cannot be represented as an event: " + e.getMessage());
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nil";
    } else if (value instanceof java.util.List) {
      return "a vector or list";
    } else if (value instanceof java.util.Set) {
      return "a set";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    String first = newline >= 0 ? message.substring(0, newline) : message;
    return first.length() <= 160 ? first : first.substring(0, 160) + "…";
  }
}
