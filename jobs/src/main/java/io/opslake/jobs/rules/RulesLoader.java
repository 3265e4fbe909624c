package io.opslake.jobs.rules;

import io.opslake.errors.OpslakeException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.opslake.jobs.yaml.LocatedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rules file (format in docs/rules.md) into a validated {@link RuleSet}: every error is a
 * {@link RulesException} naming the file, the line and the reason, raised before any data is
 * touched. The file is composed once ({@link LocatedYaml}) and checked in two steps: its keys and
 * shapes against {@code rules.schema.json} (bundled next to the default rules), then, by hand,
 * what a schema cannot say: match fields and operators, regexes and expressions (compiled and
 * parsed here, once), normalizer names, unique ids, at least one action per rule. The first
 * problem in the file is reported (unknown keys before missing ones, as a reader fixes them).
 */
public final class RulesLoader {
  /** The shipped default rules, inside the jar (source: jobs/src/main/resources/...). */
  public static final String DEFAULT_RESOURCE = "/io/opslake/rules/default-rules.yaml";
  public static final String DEFAULT_NAME = "default-rules.yaml";
  /** The JSON Schema of rules files, inside the jar next to the default rules. */
  public static final String SCHEMA_RESOURCE = "/io/opslake/rules/rules.schema.json";

  private static final JsonSchema SCHEMA = loadSchema();
  private static final List<String> RULE_FIELDS = propertyNames("/$defs/rule");
  private static final List<String> ACTIONS = RULE_FIELDS.subList(RULE_FIELDS.indexOf("set_type"), RULE_FIELDS.size());
  private static final List<String> OPERATORS = List.of("equals", "in", "contains", "regex", "exists", "gt", "gte",
      "lt", "lte", "not");
  private static final Map<String, List<String>> FIELDS_BY_PLACE = Map.of(
      "", propertyNames(""),
      "rule", RULE_FIELDS,
      "fingerprint", propertyNames("/properties/fingerprint"),
      "normalizer", propertyNames("/properties/fingerprint/properties/normalizers/items/oneOf/1"));
  private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final Pattern NUMERIC_SHORTHAND =
      Pattern.compile("^\\s*(>=|<=|==|!=|>|<)\\s*(-?\\d+(?:\\.\\d+)?)\\s*$");

  private final String file;

  private RulesLoader(String file) {
    this.file = file;
  }

  /** Loads a rules file; the name in messages is the file name as given. */
  public static RuleSet load(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw OpslakeException.usage("Cannot load rules: " + path + " cannot be read (" + e.getMessage() + ")");
    }
    return parse(bytes, path.getFileName() == null ? path.toString() : path.getFileName().toString());
  }

  /** The shipped default rules. */
  public static RuleSet loadDefault() {
    return parse(defaultRulesBytes(), DEFAULT_NAME);
  }

  public static byte[] defaultRulesBytes() {
    try (InputStream in = RulesLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("default rules missing from the jar: " + DEFAULT_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("default rules unreadable: " + DEFAULT_RESOURCE, e);
    }
  }

  /** Parses rules from bytes; {@code fileName} is used in messages. */
  public static RuleSet parse(byte[] bytes, String fileName) {
    LocatedYaml yaml;
    try {
      yaml = LocatedYaml.parse(new String(bytes, StandardCharsets.UTF_8), fileName);
    } catch (LocatedYaml.SyntaxError e) {
      throw new RulesException(fileName, e.line(),
          e.duplicateKey().map(key -> "duplicate key '" + key + "'").orElse("not valid YAML: " + e.reason("; ")));
    }
    return new RulesLoader(fileName).ruleSet(yaml, Fingerprinter.md5Hex(bytes));
  }

  private RuleSet ruleSet(LocatedYaml yaml, String version) {
    Node root = yaml.root().orElse(null);
    if (!(root instanceof MappingNode top)) {
      throw error(root == null ? 1 : LocatedYaml.line(root),
          "expected a mapping with 'rules' at the top, found " + (root == null ? "empty" : LocatedYaml.describe(root)));
    }
    checkSchema(yaml);
    Map<String, NodeTuple> entries = LocatedYaml.entries(top);
    Fingerprinter fingerprinter = entries.containsKey("fingerprint")
        ? fingerprinter((MappingNode) entries.get("fingerprint").getValueNode())
        : Fingerprinter.defaults();
    List<Rule> rules = new ArrayList<>();
    Map<String, Integer> idLines = new HashMap<>();
    for (Node item : ((SequenceNode) entries.get("rules").getValueNode()).getValue()) {
      Rule rule = rule((MappingNode) item);
      Integer first = idLines.putIfAbsent(rule.id(), rule.line());
      if (first != null) {
        throw error(rule.line(), "duplicate rule id '" + rule.id() + "' (first at line " + first + ")");
      }
      rules.add(rule);
    }
    return new RuleSet(file, version, rules, fingerprinter);
  }

  /** Keys and shapes against rules.schema.json; the first problem, unknown keys first. */
  private void checkSchema(LocatedYaml yaml) {
    JsonNode tree = yaml.json();
    SCHEMA.validate(tree).stream()
        .map(message -> schemaProblem(message, yaml, tree))
        .min(Comparator.comparing((RulesException e) -> !e.reason().contains("unknown field"))
            .thenComparingInt(RulesException::line))
        .ifPresent(problem -> {
          throw problem;
        });
  }

  private RulesException schemaProblem(ValidationMessage message, LocatedYaml yaml, JsonNode tree) {
    String path = pointer(message.getInstanceLocation());
    String[] steps = path.isEmpty() ? new String[0] : path.substring(1).split("/");
    String place = steps.length == 0 ? ""
        : steps[0].equals("rules") && steps.length == 2 ? "rule"
        : steps[0].equals("fingerprint") && steps.length == 1 ? "fingerprint"
        : steps[0].equals("fingerprint") && steps.length == 3 ? "normalizer" : null;
    String context = steps.length >= 2 && steps[0].equals("rules") && tree.at("/rules/" + steps[1] + "/id").isValueNode()
        ? "rule '" + tree.at("/rules/" + steps[1] + "/id").asText() + "': "
        : steps.length > 0 && steps[0].equals("fingerprint") ? "fingerprint: " : "";
    switch (message.getType()) {
      case "additionalProperties":
        if (place != null) {
          return error(yaml.lineOf(path + "/" + message.getProperty()), (place.equals("rule") ? "" : context)
              + "unknown field '" + message.getProperty() + "' (expected " + String.join(", ", FIELDS_BY_PLACE.get(place)) + ")");
        }
        break;
      case "required":
        if (path.isEmpty() && message.getProperty().equals("rules")) {
          return error(yaml.lineOf(path), "missing 'rules' (a list of rules)");
        }
        return error(yaml.lineOf(path), (message.getProperty().equals("id") ? "" : context)
            + "missing '" + message.getProperty() + "'");
      case "oneOf":
        if (place == null && path.endsWith("/add_tags")) {
          return error(yaml.lineOf(path), context + "'add_tags' must be a tag or a non-empty list of tags");
        }
        if ("normalizer".equals(place)) {
          return error(yaml.lineOf(path),
              "fingerprint: a normalizer is a built-in name or a mapping with name, regex, replace");
        }
        break;
      case "enum":
        if (path.equals("/version")) {
          return error(yaml.lineOf(path), "unsupported version '" + message.getInstanceNode().asText() + "' (expected 1)");
        }
        break;
      default:
        break;
    }
    String text = message.getMessage();
    String prefix = message.getInstanceLocation().toString() + ": ";
    if (text.startsWith(prefix)) {
      text = text.substring(prefix.length());
    }
    String key = steps.length >= 2 && steps[0].equals("rules")
        ? String.join(".", java.util.Arrays.copyOfRange(steps, 2, steps.length))
        : String.join(".", steps);
    if (context.equals("fingerprint: ") && key.startsWith("fingerprint")) {
      key = key.substring("fingerprint".length()).replaceFirst("^\\.", "");
    }
    return error(yaml.lineOf(path), context + (key.isEmpty() ? "" : key + ": ") + text);
  }

  private Rule rule(MappingNode rule) {
    Map<String, NodeTuple> entries = LocatedYaml.entries(rule);
    String id = scalar(entries.get("id").getValueNode(), "id");
    if (!RULE_ID.matcher(id).matches()) {
      throw error(LocatedYaml.line(entries.get("id").getKeyNode()),
          "rule id '" + id + "' may only contain letters, digits and _ . : -");
    }
    String context = "rule '" + id + "': ";
    List<Matcher> matchers = new ArrayList<>();
    LocatedYaml.entries((MappingNode) entries.get("match").getValueNode()).forEach((name, condition) -> {
      Field field = Field.parse(name).orElseThrow(() -> error(LocatedYaml.line(condition.getKeyNode()),
          context + "unknown field '" + name + "' in match (expected " + String.join(", ", Field.NAMES) + ")"));
      matchers.add(new Matcher(field, condition(condition.getValueNode(), context + name + ": ")));
    });
    if (ACTIONS.stream().noneMatch(entries::containsKey)) {
      throw error(LocatedYaml.line(rule), context + "no action (expected one of " + String.join(", ", ACTIONS) + ")");
    }
    return new Rule(id, optionalText(entries, "description"), LocatedYaml.line(rule), List.copyOf(matchers),
        optionalText(entries, "set_type"), optionalText(entries, "set_subtype"), tags(entries, context),
        literalAttributes(entries, context), computedAttributes(entries, context));
  }

  private Condition condition(Node node, String context) {
    if (node instanceof ScalarNode scalar) {
      String text = LocatedYaml.text(scalar);
      if (text == null) {
        throw error(LocatedYaml.line(node), context + "empty condition");
      }
      if (LocatedYaml.isTyped(scalar) && Field.parseNumber(text) != null) {
        return new Condition.Compare(Condition.Operator.EQ, Field.parseNumber(text));
      }
      java.util.regex.Matcher shorthand = NUMERIC_SHORTHAND.matcher(text);
      if (shorthand.matches()) {
        return new Condition.Compare(operator(shorthand.group(1)), Double.parseDouble(shorthand.group(2)));
      }
      return new Condition.Equals(text);
    }
    if (node instanceof SequenceNode list) {
      return new Condition.In(Set.copyOf(scalars(list, context)));
    }
    Map<String, NodeTuple> operators = LocatedYaml.entries((MappingNode) node);
    if (operators.isEmpty()) {
      throw error(LocatedYaml.line(node), context + "empty condition");
    }
    List<Condition> all = new ArrayList<>();
    operators.forEach((operator, tuple) -> {
      int line = LocatedYaml.line(tuple.getKeyNode());
      Node value = tuple.getValueNode();
      all.add(switch (operator) {
        case "equals" -> new Condition.Equals(scalar(value, context + operator));
        case "in" -> value instanceof SequenceNode list
            ? new Condition.In(Set.copyOf(scalars(list, context)))
            : fail(line, context + "'in' needs a list, found " + LocatedYaml.describe(value));
        case "contains" -> new Condition.Contains(scalar(value, context + operator));
        case "regex" -> new Condition.Regex(regex(scalar(value, context + operator), LocatedYaml.line(value), context));
        case "exists" -> new Condition.Exists(bool(value, context + operator));
        case "gt", "gte", "lt", "lte" -> new Condition.Compare(
            Condition.Operator.valueOf(operator.toUpperCase(java.util.Locale.ROOT)), number(value, context + operator));
        case "not" -> new Condition.Not(condition(value, context + "not: "));
        default -> fail(line, context + "unknown operator '" + operator + "' (expected "
            + String.join(", ", OPERATORS) + ")");
      });
    });
    return all.size() == 1 ? all.get(0) : new Condition.All(List.copyOf(all));
  }

  private static Condition.Operator operator(String symbol) {
    for (Condition.Operator operator : Condition.Operator.values()) {
      if (operator.symbol.equals(symbol)) {
        return operator;
      }
    }
    throw new IllegalStateException("no operator " + symbol);
  }

  private Pattern regex(String regex, int line, String context) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw error(line, context + "bad regex '" + regex + "': " + e.getDescription());
    }
  }

  /** The schema allows one tag or a non-empty list of them. */
  private List<String> tags(Map<String, NodeTuple> rule, String context) {
    NodeTuple tuple = rule.get("add_tags");
    if (tuple == null) {
      return List.of();
    }
    if (tuple.getValueNode() instanceof SequenceNode list) {
      return List.copyOf(new LinkedHashSet<>(scalars(list, context + "add_tags: ")));
    }
    return List.of(scalar(tuple.getValueNode(), context + "add_tags"));
  }

  private Map<String, String> literalAttributes(Map<String, NodeTuple> rule, String context) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributeEntries(rule, "set_attributes").forEach((key, tuple) ->
        attributes.put(key, scalar(tuple.getValueNode(), context + "set_attributes." + key)));
    return Collections.unmodifiableMap(attributes);
  }

  private Map<String, Expression> computedAttributes(Map<String, NodeTuple> rule, String context) {
    Map<String, Expression> attributes = new LinkedHashMap<>();
    attributeEntries(rule, "compute_attributes").forEach((key, tuple) -> {
      String text = scalar(tuple.getValueNode(), context + "compute_attributes." + key);
      String[] reason = new String[1];
      Expression expression = Expression.parse(text, reason).orElseThrow(() -> error(
          LocatedYaml.line(tuple.getValueNode()),
          context + "compute_attributes." + key + ": bad expression '" + text + "': " + reason[0]));
      attributes.put(key, expression);
    });
    return Collections.unmodifiableMap(attributes);
  }

  /** The schema makes both attribute keys mappings of single values. */
  private static Map<String, NodeTuple> attributeEntries(Map<String, NodeTuple> rule, String key) {
    NodeTuple tuple = rule.get(key);
    return tuple == null ? Map.of() : LocatedYaml.entries((MappingNode) tuple.getValueNode());
  }

  /** The schema makes {@code fingerprint} a mapping of a normalizer list and a positive max_chars. */
  private Fingerprinter fingerprinter(MappingNode config) {
    Map<String, NodeTuple> entries = LocatedYaml.entries(config);
    int maxChars = entries.containsKey("max_chars")
        ? Integer.parseInt(LocatedYaml.text((ScalarNode) entries.get("max_chars").getValueNode()))
        : Fingerprinter.DEFAULT_MAX_CHARS;
    NodeTuple list = entries.get("normalizers");
    if (list == null) {
      return new Fingerprinter(Fingerprinter.defaults().normalizers(), maxChars);
    }
    List<Normalizer> normalizers = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Node item : ((SequenceNode) list.getValueNode()).getValue()) {
      Normalizer normalizer = normalizer(item);
      if (!names.add(normalizer.name())) {
        throw error(LocatedYaml.line(item), "fingerprint: normalizer '" + normalizer.name() + "' listed twice");
      }
      normalizers.add(normalizer);
    }
    return new Fingerprinter(normalizers, maxChars);
  }

  /** The schema makes a normalizer a name or a mapping of name, regex and replace. */
  private Normalizer normalizer(Node item) {
    if (item instanceof ScalarNode scalar) {
      String name = LocatedYaml.text(scalar);
      return Normalizer.builtIn(name).orElseThrow(() -> error(LocatedYaml.line(item), "fingerprint: unknown normalizer '"
          + name + "' (built-in: " + String.join(", ", Normalizer.BUILT_IN.keySet())
          + "; or a mapping with name, regex, replace)"));
    }
    Map<String, NodeTuple> custom = LocatedYaml.entries((MappingNode) item);
    String name = scalar(custom.get("name").getValueNode(), "name");
    String regex = scalar(custom.get("regex").getValueNode(), "regex");
    String replace = scalar(custom.get("replace").getValueNode(), "replace");
    Pattern pattern = regex(regex, LocatedYaml.line(custom.get("regex").getValueNode()),
        "fingerprint: normalizer '" + name + "': ");
    try {
      pattern.matcher("").replaceAll(replace);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw error(LocatedYaml.line(custom.get("replace").getValueNode()),
          "fingerprint: normalizer '" + name + "': bad replacement '" + replace + "': " + e.getMessage());
    }
    return new Normalizer(name, pattern, replace);
  }

  private static String optionalText(Map<String, NodeTuple> mapping, String key) {
    NodeTuple tuple = mapping.get(key);
    return tuple == null ? null : LocatedYaml.text((ScalarNode) tuple.getValueNode());
  }

  private String scalar(Node node, String what) {
    if (node instanceof ScalarNode scalar && LocatedYaml.text(scalar) != null) {
      return LocatedYaml.text(scalar);
    }
    throw error(LocatedYaml.line(node), what + " must be a single value, found " + LocatedYaml.describe(node));
  }

  private List<String> scalars(SequenceNode list, String context) {
    List<String> values = new ArrayList<>();
    for (Node item : list.getValue()) {
      values.add(scalar(item, context + "list item"));
    }
    if (values.isEmpty()) {
      throw error(LocatedYaml.line(list), context + "empty list");
    }
    return values;
  }

  private double number(Node node, String what) {
    String text = scalar(node, what);
    Double value = Field.parseNumber(text);
    if (value == null) {
      throw error(LocatedYaml.line(node), what + " needs a number, found '" + text + "'");
    }
    return value;
  }

  private boolean bool(Node node, String what) {
    String text = scalar(node, what);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw error(LocatedYaml.line(node), what + " needs true or false, found '" + text + "'");
  }

  private <T> T fail(int line, String reason) {
    throw error(line, reason);
  }

  private RulesException error(int line, String reason) {
    return new RulesException(file, line, reason);
  }

  private static String pointer(JsonNodePath path) {
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(path.getElement(i));
    }
    return pointer.toString();
  }

  private static JsonNode schemaTree() {
    try (InputStream in = RulesLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("rules schema missing from the jar: " + SCHEMA_RESOURCE);
      }
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonSchema loadSchema() {
    SchemaValidatorsConfig config = new SchemaValidatorsConfig();
    config.setPathType(PathType.JSON_POINTER);
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree(), config);
  }

  /** The keys the schema allows at {@code pointer}, in its order (the order messages list them). */
  private static List<String> propertyNames(String pointer) {
    List<String> names = new ArrayList<>();
    schemaTree().at(pointer + "/properties").fieldNames().forEachRemaining(names::add);
    return List.copyOf(names);
  }
}
