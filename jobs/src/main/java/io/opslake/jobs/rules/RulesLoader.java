package io.opslake.jobs.rules;

import io.opslake.jobs.rules.YamlNode.Mapping;
import io.opslake.jobs.rules.YamlNode.Scalar;
import io.opslake.jobs.rules.YamlNode.Sequence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a rules file (format in docs/rules.md) into a validated {@link RuleSet}: every error is a
 * {@link RulesException} naming the file, the line and the reason, raised before any data is
 * touched. Regexes are compiled and expressions parsed here, once.
 */
public final class RulesLoader {
  /** The shipped default rules, inside the jar (source: jobs/src/main/resources/...). */
  public static final String DEFAULT_RESOURCE = "/io/opslake/rules/default-rules.yaml";
  public static final String DEFAULT_NAME = "default-rules.yaml";

  private static final List<String> TOP_FIELDS = List.of("version", "fingerprint", "rules");
  private static final List<String> RULE_FIELDS = List.of("id", "description", "match", "set_type", "set_subtype",
      "add_tags", "set_attributes", "compute_attributes");
  private static final List<String> ACTIONS = RULE_FIELDS.subList(3, RULE_FIELDS.size());
  private static final List<String> OPERATORS = List.of("equals", "in", "contains", "regex", "exists", "gt", "gte",
      "lt", "lte", "not");
  private static final List<String> FINGERPRINT_FIELDS = List.of("normalizers", "max_chars");
  private static final List<String> NORMALIZER_FIELDS = List.of("name", "regex", "replace");
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
      throw new IllegalArgumentException("Cannot load rules: " + path + " cannot be read (" + e.getMessage() + ")");
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
    String yaml = new String(bytes, StandardCharsets.UTF_8);
    return new RulesLoader(fileName).ruleSet(YamlNode.parse(yaml, fileName), Fingerprinter.md5Hex(bytes));
  }

  private RuleSet ruleSet(YamlNode root, String version) {
    if (!(root instanceof Mapping top)) {
      throw error(root.line(), "expected a mapping with 'rules' at the top, found " + YamlNode.describe(root));
    }
    checkFields(top, TOP_FIELDS, "");
    YamlNode formatVersion = top.entries().get("version");
    if (formatVersion != null && !(formatVersion instanceof Scalar s && "1".equals(s.text()))) {
      throw error(formatVersion.line(), "unsupported version " + YamlNode.describe(formatVersion) + " (expected 1)");
    }
    Fingerprinter fingerprinter = top.entries().containsKey("fingerprint")
        ? fingerprinter(top.entries().get("fingerprint"))
        : Fingerprinter.defaults();
    YamlNode rulesNode = top.entries().get("rules");
    if (rulesNode == null) {
      throw error(top.line(), "missing 'rules' (a list of rules)");
    }
    if (!(rulesNode instanceof Sequence list)) {
      throw error(rulesNode.line(), "'rules' must be a list, found " + YamlNode.describe(rulesNode));
    }
    List<Rule> rules = new ArrayList<>();
    Map<String, Integer> idLines = new HashMap<>();
    for (YamlNode item : list.items()) {
      Rule rule = rule(item);
      Integer first = idLines.putIfAbsent(rule.id(), rule.line());
      if (first != null) {
        throw error(rule.line(), "duplicate rule id '" + rule.id() + "' (first at line " + first + ")");
      }
      rules.add(rule);
    }
    return new RuleSet(file, version, rules, fingerprinter);
  }

  private Rule rule(YamlNode node) {
    if (!(node instanceof Mapping rule)) {
      throw error(node.line(), "a rule must be a mapping with id, match and actions, found " + YamlNode.describe(node));
    }
    checkFields(rule, RULE_FIELDS, "");
    String id = text(rule, "id", true);
    if (!RULE_ID.matcher(id).matches()) {
      throw error(rule.keyLines().get("id"), "rule id '" + id + "' may only contain letters, digits and _ . : -");
    }
    String context = "rule '" + id + "': ";
    YamlNode matchNode = rule.entries().get("match");
    if (matchNode == null) {
      throw error(rule.line(), context + "missing 'match'");
    }
    if (!(matchNode instanceof Mapping match) || match.entries().isEmpty()) {
      throw error(matchNode.line(), context + "'match' must be a non-empty mapping of field: condition");
    }
    List<Matcher> matchers = new ArrayList<>();
    match.entries().forEach((name, condition) -> {
      Field field = Field.parse(name).orElseThrow(() -> error(match.keyLines().get(name),
          context + "unknown field '" + name + "' in match (expected " + String.join(", ", Field.NAMES) + ")"));
      matchers.add(new Matcher(field, condition(condition, context + name + ": ")));
    });
    if (ACTIONS.stream().noneMatch(rule.entries()::containsKey)) {
      throw error(rule.line(), context + "no action (expected one of " + String.join(", ", ACTIONS) + ")");
    }
    return new Rule(id, text(rule, "description", false), rule.line(), List.copyOf(matchers),
        text(rule, "set_type", false), text(rule, "set_subtype", false), tags(rule, context),
        literalAttributes(rule, context), computedAttributes(rule, context));
  }

  private Condition condition(YamlNode node, String context) {
    if (node instanceof Scalar scalar) {
      if (scalar.isNull()) {
        throw error(node.line(), context + "empty condition");
      }
      if (!scalar.quotedOrText() && Field.parseNumber(scalar.text()) != null) {
        return new Condition.Compare(Condition.Operator.EQ, Field.parseNumber(scalar.text()));
      }
      java.util.regex.Matcher shorthand = NUMERIC_SHORTHAND.matcher(scalar.text());
      if (shorthand.matches()) {
        return new Condition.Compare(operator(shorthand.group(1)), Double.parseDouble(shorthand.group(2)));
      }
      return new Condition.Equals(scalar.text());
    }
    if (node instanceof Sequence list) {
      return new Condition.In(Set.copyOf(scalars(list, context)));
    }
    Mapping operators = (Mapping) node;
    if (operators.entries().isEmpty()) {
      throw error(node.line(), context + "empty condition");
    }
    List<Condition> all = new ArrayList<>();
    operators.entries().forEach((operator, value) -> {
      int line = operators.keyLines().get(operator);
      all.add(switch (operator) {
        case "equals" -> new Condition.Equals(scalar(value, context + operator));
        case "in" -> value instanceof Sequence list
            ? new Condition.In(Set.copyOf(scalars(list, context)))
            : fail(line, context + "'in' needs a list, found " + YamlNode.describe(value));
        case "contains" -> new Condition.Contains(scalar(value, context + operator));
        case "regex" -> new Condition.Regex(regex(scalar(value, context + operator), value.line(), context));
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

  private List<String> tags(Mapping rule, String context) {
    YamlNode node = rule.entries().get("add_tags");
    if (node == null) {
      return List.of();
    }
    if (node instanceof Scalar) {
      return List.of(scalar(node, context + "add_tags"));
    }
    if (node instanceof Sequence list) {
      return List.copyOf(new LinkedHashSet<>(scalars(list, context + "add_tags: ")));
    }
    throw error(node.line(), context + "'add_tags' must be a list of tags");
  }

  private Map<String, String> literalAttributes(Mapping rule, String context) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributeMapping(rule, "set_attributes", context)
        .entries().forEach((key, value) -> attributes.put(key, scalar(value, context + "set_attributes." + key)));
    return java.util.Collections.unmodifiableMap(attributes);
  }

  private Map<String, Expression> computedAttributes(Mapping rule, String context) {
    Map<String, Expression> attributes = new LinkedHashMap<>();
    attributeMapping(rule, "compute_attributes", context).entries().forEach((key, value) -> {
      String text = scalar(value, context + "compute_attributes." + key);
      String[] reason = new String[1];
      Expression expression = Expression.parse(text, reason).orElseThrow(() -> error(value.line(),
          context + "compute_attributes." + key + ": bad expression '" + text + "': " + reason[0]));
      attributes.put(key, expression);
    });
    return java.util.Collections.unmodifiableMap(attributes);
  }

  private Mapping attributeMapping(Mapping rule, String key, String context) {
    YamlNode node = rule.entries().get(key);
    if (node == null) {
      return new Mapping(rule.line(), Map.of(), Map.of());
    }
    if (!(node instanceof Mapping mapping)) {
      throw error(node.line(), context + "'" + key + "' must be a mapping of attribute: value");
    }
    return mapping;
  }

  private Fingerprinter fingerprinter(YamlNode node) {
    if (!(node instanceof Mapping config)) {
      throw error(node.line(), "'fingerprint' must be a mapping with normalizers and max_chars");
    }
    checkFields(config, FINGERPRINT_FIELDS, "fingerprint: ");
    int maxChars = Fingerprinter.DEFAULT_MAX_CHARS;
    if (config.entries().containsKey("max_chars")) {
      double value = number(config.entries().get("max_chars"), "fingerprint: max_chars");
      if (value < 1 || value != Math.floor(value)) {
        throw error(config.entries().get("max_chars").line(), "fingerprint: max_chars must be a positive integer");
      }
      maxChars = (int) value;
    }
    YamlNode list = config.entries().get("normalizers");
    if (list == null) {
      return new Fingerprinter(Fingerprinter.defaults().normalizers(), maxChars);
    }
    if (!(list instanceof Sequence sequence)) {
      throw error(list.line(), "fingerprint: 'normalizers' must be a list");
    }
    List<Normalizer> normalizers = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (YamlNode item : sequence.items()) {
      Normalizer normalizer = normalizer(item);
      if (!names.add(normalizer.name())) {
        throw error(item.line(), "fingerprint: normalizer '" + normalizer.name() + "' listed twice");
      }
      normalizers.add(normalizer);
    }
    return new Fingerprinter(normalizers, maxChars);
  }

  private Normalizer normalizer(YamlNode item) {
    if (item instanceof Scalar scalar && !scalar.isNull()) {
      return Normalizer.builtIn(scalar.text()).orElseThrow(() -> error(item.line(), "fingerprint: unknown normalizer '"
          + scalar.text() + "' (built-in: " + String.join(", ", Normalizer.BUILT_IN.keySet())
          + "; or a mapping with name, regex, replace)"));
    }
    if (!(item instanceof Mapping custom)) {
      throw error(item.line(), "fingerprint: a normalizer is a built-in name or a mapping with name, regex, replace");
    }
    checkFields(custom, NORMALIZER_FIELDS, "fingerprint: ");
    String name = text(custom, "name", true);
    String regex = text(custom, "regex", true);
    String replace = text(custom, "replace", true);
    Pattern pattern = regex(regex, custom.entries().get("regex").line(), "fingerprint: normalizer '" + name + "': ");
    try {
      pattern.matcher("").replaceAll(replace);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw error(custom.entries().get("replace").line(),
          "fingerprint: normalizer '" + name + "': bad replacement '" + replace + "': " + e.getMessage());
    }
    return new Normalizer(name, pattern, replace);
  }

  private void checkFields(Mapping mapping, List<String> allowed, String context) {
    mapping.entries().keySet().forEach(key -> {
      if (!allowed.contains(key)) {
        throw error(mapping.keyLines().get(key),
            context + "unknown field '" + key + "' (expected " + String.join(", ", allowed) + ")");
      }
    });
  }

  private String text(Mapping mapping, String key, boolean required) {
    YamlNode node = mapping.entries().get(key);
    if (node == null) {
      if (required) {
        throw error(mapping.line(), "missing '" + key + "'");
      }
      return null;
    }
    return scalar(node, key);
  }

  private String scalar(YamlNode node, String what) {
    if (node instanceof Scalar scalar && !scalar.isNull()) {
      return scalar.text();
    }
    throw error(node.line(), what + " must be a single value, found " + YamlNode.describe(node));
  }

  private List<String> scalars(Sequence list, String context) {
    List<String> values = new ArrayList<>();
    for (YamlNode item : list.items()) {
      values.add(scalar(item, context + "list item"));
    }
    if (values.isEmpty()) {
      throw error(list.line(), context + "empty list");
    }
    return values;
  }

  private double number(YamlNode node, String what) {
    String text = scalar(node, what);
    Double value = Field.parseNumber(text);
    if (value == null) {
      throw error(node.line(), what + " needs a number, found '" + text + "'");
    }
    return value;
  }

  private boolean bool(YamlNode node, String what) {
    String text = scalar(node, what);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw error(node.line(), what + " needs true or false, found '" + text + "'");
  }

  private <T> T fail(int line, String reason) {
    throw error(line, reason);
  }

  private RulesException error(int line, String reason) {
    return new RulesException(file, line, reason);
  }
}
