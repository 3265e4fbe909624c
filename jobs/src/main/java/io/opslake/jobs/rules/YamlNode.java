package io.opslake.jobs.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small tree that remembers the line of every node, so rule errors can say
 * {@code rules.yaml:12}. Jackson's tree model drops locations; this reads the YAML token stream
 * (Jackson YAML, the version Spark ships) and keeps each token's line.
 */
sealed interface YamlNode {
  int line();

  /** A mapping, keys in file order. */
  record Mapping(int line, Map<String, YamlNode> entries, Map<String, Integer> keyLines) implements YamlNode {}

  /** A sequence. */
  record Sequence(int line, List<YamlNode> items) implements YamlNode {}

  /**
   * A scalar as written; {@code quotedOrText} is false for plain numbers, booleans and null, so
   * {@code 404} and {@code "404"} can be told apart where it matters.
   */
  record Scalar(int line, String text, boolean quotedOrText) implements YamlNode {
    boolean isNull() {
      return text == null;
    }
  }

  static String describe(YamlNode node) {
    if (node instanceof Mapping) {
      return "a mapping";
    }
    if (node instanceof Sequence) {
      return "a list";
    }
    return ((Scalar) node).isNull() ? "empty" : "'" + ((Scalar) node).text() + "'";
  }

  /** Parses one YAML document; syntax errors become {@link RulesException}s with the line. */
  static YamlNode parse(String yaml, String fileName) {
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Scalar(1, null, false);
      }
      return read(parser, fileName);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      int line = location == null ? 1 : Math.max(1, location.getLineNr());
      // SnakeYAML's message interleaves the reason with indented location and caret lines.
      String reason = e.getOriginalMessage() == null ? "unreadable"
          : String.join("; ", e.getOriginalMessage().lines()
              .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList());
      throw new RulesException(fileName, line, "not valid YAML: " + reason);
    } catch (IOException e) {
      throw new RulesException(fileName, 1, "not readable: " + e.getMessage());
    }
  }

  private static YamlNode read(JsonParser parser, String fileName) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyLine = parser.currentTokenLocation().getLineNr();
          if (entries.containsKey(key)) {
            throw new RulesException(fileName, keyLine, "duplicate key '" + key + "'");
          }
          parser.nextToken();
          entries.put(key, read(parser, fileName));
          keyLines.put(key, keyLine);
        }
        return new Mapping(line, entries, keyLines);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser, fileName));
        }
        return new Sequence(line, items);
      }
      case VALUE_NULL -> {
        return new Scalar(line, null, false);
      }
      case VALUE_STRING -> {
        return new Scalar(line, parser.getText(), true);
      }
      default -> {
        return new Scalar(line, parser.getText(), false);
      }
    }
  }
}
