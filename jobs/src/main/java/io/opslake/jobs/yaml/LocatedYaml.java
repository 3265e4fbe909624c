package io.opslake.jobs.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML document as SnakeYAML {@link Node}s, which keep the line of every key and value, so
 * the rules file, the job descriptors and {@code opslake.yaml} can say {@code file:line} in their
 * errors. Jackson's tree drops locations, and its YAML parser only gives them token by token; this
 * is the one place that composes the document (SnakeYAML, the copy jackson-dataformat-yaml
 * brings) and answers with locations. {@link #json()} is the same document as a Jackson tree, for
 * JSON Schema validation and data binding; {@link #lineOf(String)} finds the line of a JSON
 * pointer in it.
 *
 * <p>Scalars are read the way Jackson's YAML parser reads them, so the tree and the schema agree
 * with what the files meant before: a quoted value is text; a plain one is null ({@code ~},
 * {@code null}, nothing), a boolean ({@code true}, {@code yes}, {@code on} and their opposites,
 * in lower, capitalized or upper case; not {@code y} or {@code n}), an integer or a decimal number, else text
 * (dates and {@code 1:30} stay text).
 */
public final class LocatedYaml {
  private final String file;
  private final Node root;
  private final Map<String, Integer> lines;

  private LocatedYaml(String file, Node root) {
    this.file = file;
    this.root = root;
    Map<String, Integer> pointers = new LinkedHashMap<>();
    if (root != null) {
      collectLines(root, "", pointers);
    }
    this.lines = Collections.unmodifiableMap(pointers);
  }

  /**
   * Composes {@code text}; {@code file} is how messages name it.
   *
   * @throws SyntaxError when the text is not YAML, holds more than one document or repeats a key
   */
  public static LocatedYaml parse(String text, String file) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new SyntaxError(file, lineOf(e, text), reasonLines(e.getMessage()), null);
    } catch (YAMLException e) {
      throw new SyntaxError(file, 1, reasonLines(e.getMessage()), null);
    }
    if (root != null) {
      rejectDuplicateKeys(file, root);
    }
    return new LocatedYaml(file, root);
  }

  public String file() {
    return file;
  }

  /** The document's root node; empty when the document is empty (or only comments). */
  public Optional<Node> root() {
    return Optional.ofNullable(root);
  }

  /** {@code file:line} of {@code node}, for messages. */
  public String at(Node node) {
    return file + ":" + line(node);
  }

  /** The 1-based line where {@code node} starts. */
  public static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  /**
   * The line of the key or list item at JSON pointer {@code pointer} ({@code /rules/0/id}); for a
   * pointer that is not in the document, the line of its nearest ancestor that is; 1 at the top.
   */
  public int lineOf(String pointer) {
    return lineOf(lines, pointer);
  }

  /**
   * The same lookup in a map of {@link #lines()} kept without the document (a loaded job
   * descriptor keeps only its lines for later messages).
   */
  public static int lineOf(Map<String, Integer> lines, String pointer) {
    String current = pointer;
    while (!current.isEmpty()) {
      Integer line = lines.get(current);
      if (line != null) {
        return line;
      }
      current = current.substring(0, Math.max(0, current.lastIndexOf('/')));
    }
    return 1;
  }

  /** Lines of every key and list item by JSON pointer (the root itself is not listed). */
  public Map<String, Integer> lines() {
    return lines;
  }

  /** The document as a Jackson tree ({@code null} for an empty document). */
  public JsonNode json() {
    return root == null ? null : json(root);
  }

  /** A mapping's entries in file order by key (keys are unique: {@link #parse} rejects repeats). */
  public static Map<String, NodeTuple> entries(MappingNode mapping) {
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      entries.put(keyText(tuple), tuple);
    }
    return entries;
  }

  /** A scalar's text, {@code null} for YAML's null; booleans ({@code yes}, {@code On}) spelt {@code true}/{@code false}. */
  public static String text(ScalarNode scalar) {
    if (isPlain(scalar) && scalar.getTag().equals(Tag.NULL)) {
      return null;
    }
    if (isPlain(scalar)) {
      Boolean value = jsonBoolean(scalar.getValue());
      if (value != null) {
        return value.toString();
      }
    }
    return scalar.getValue();
  }

  /** Whether {@code node} is a scalar YAML reads as null. */
  public static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && text(scalar) == null;
  }

  /** Whether {@code scalar} is unquoted text YAML reads as a number, boolean or null (not as a string). */
  public static boolean isTyped(ScalarNode scalar) {
    return !(json(scalar).isTextual());
  }

  /** How messages show a node: {@code a mapping}, {@code a list}, {@code empty} or {@code 'value'}. */
  public static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    String text = text((ScalarNode) node);
    return text == null ? "empty" : "'" + text + "'";
  }

  private static boolean isPlain(ScalarNode scalar) {
    return scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
  }

  private static String keyText(NodeTuple tuple) {
    return ((ScalarNode) tuple.getKeyNode()).getValue();
  }

  private static JsonNode json(Node node) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (node instanceof MappingNode mapping) {
      ObjectNode object = nodes.objectNode();
      mapping.getValue().forEach(tuple -> object.set(keyText(tuple), json(tuple.getValueNode())));
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = nodes.arrayNode();
      sequence.getValue().forEach(item -> array.add(json(item)));
      return array;
    }
    ScalarNode scalar = (ScalarNode) node;
    String value = scalar.getValue();
    if (!isPlain(scalar)) {
      return nodes.textNode(value);
    }
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return nodes.nullNode();
    }
    if (jsonBoolean(value) != null) {
      return nodes.booleanNode(jsonBoolean(value));
    }
    try {
      if (tag.equals(Tag.INT) && value.matches("[-+]?[0-9]+")) {
        BigInteger number = new BigInteger(value.startsWith("+") ? value.substring(1) : value);
        return number.bitLength() < 32 ? nodes.numberNode(number.intValue())
            : number.bitLength() < 64 ? nodes.numberNode(number.longValue()) : nodes.numberNode(number);
      }
      if (tag.equals(Tag.FLOAT) && value.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
        return nodes.numberNode(Double.parseDouble(value));
      }
    } catch (NumberFormatException e) {
      // Not a number Java reads: text, as Jackson's YAML parser does.
    }
    return nodes.textNode(value);
  }

  /** The plain words Jackson's YAML parser (and YAML 1.1) reads as booleans. */
  private static Boolean jsonBoolean(String value) {
    return switch (value) {
      case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" -> Boolean.TRUE;
      case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static void collectLines(Node node, String pointer, Map<String, Integer> lines) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        String child = pointer + "/" + keyText(tuple);
        lines.putIfAbsent(child, line(tuple.getKeyNode()));
        collectLines(tuple.getValueNode(), child, lines);
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        String child = pointer + "/" + i;
        lines.putIfAbsent(child, line(items.get(i)));
        collectLines(items.get(i), child, lines);
      }
    }
  }

  /** SnakeYAML composes repeated keys silently (the last wins); a config file must not. */
  private static void rejectDuplicateKeys(String file, Node node) {
    if (node instanceof MappingNode mapping) {
      Map<String, Node> seen = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode)) {
          throw new SyntaxError(file, line(tuple.getKeyNode()), List.of("a key must be a single value"), null);
        }
        String key = keyText(tuple);
        if (seen.put(key, tuple.getKeyNode()) != null) {
          throw new SyntaxError(file, line(tuple.getKeyNode()), List.of("duplicate key '" + key + "'"), key);
        }
        rejectDuplicateKeys(file, tuple.getValueNode());
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(item -> rejectDuplicateKeys(file, item));
    }
  }

  /**
   * The line of a syntax error: where SnakeYAML found the problem, but a problem found at the end
   * of the text (an unclosed bracket or quote) is reported at the last line that holds anything.
   */
  private static int lineOf(MarkedYAMLException e, String text) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    if (mark == null) {
      return 1;
    }
    int line = mark.getLine() + 1;
    List<String> textLines = text.lines().toList();
    int lastFilled = textLines.size();
    while (lastFilled > 1 && textLines.get(lastFilled - 1).isBlank()) {
      lastFilled--;
    }
    return Math.max(1, Math.min(line, lastFilled));
  }

  /** SnakeYAML's message without its indented source excerpts (the line is reported separately). */
  private static List<String> reasonLines(String message) {
    if (message == null) {
      return List.of("unreadable");
    }
    return message.lines().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).toList();
  }

  /** Text that is not one YAML document, or a repeated key; with the file and line. */
  public static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final List<String> reasons;
    private final String duplicateKey;

    SyntaxError(String file, int line, List<String> reasons, String duplicateKey) {
      super(file + ":" + line + ": not valid YAML: " + String.join("; ", reasons));
      this.file = file;
      this.line = line;
      this.reasons = List.copyOf(reasons);
      this.duplicateKey = duplicateKey;
    }

    public String file() {
      return file;
    }

    public int line() {
      return line;
    }

    /** SnakeYAML's reason, its parts (context, problem) joined by {@code separator}. */
    public String reason(String separator) {
      return String.join(separator, reasons);
    }

    /** The key that was repeated, when that is the error. */
    public Optional<String> duplicateKey() {
      return Optional.ofNullable(duplicateKey);
    }
  }
}
