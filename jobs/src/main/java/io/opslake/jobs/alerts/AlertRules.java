package io.opslake.jobs.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.opslake.errors.OpslakeException;
import io.opslake.jobs.workflow.Durations;
import io.opslake.jobs.yaml.LocatedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an alert rules file (docs/alerts.md) into its rule variants, checking it strictly: an
 * unknown key, a missing or ill-typed value, a key that does not belong to the rule's kind, a
 * repeated id or a bad sweep is a usage error naming {@code file:line}. The file is composed once
 * by {@link LocatedYaml}, so every message can point at the line of the key at fault.
 */
public final class AlertRules {
  /** The variant name of a rule without sweep. */
  public static final String DEFAULT_VARIANT = "default";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final List<String> COMMON = List.of("id", "description", "kind", "for", "cooldown", "sweep");
  private static final Map<AlertRule.Kind, List<String>> KEYS = Map.of(
      AlertRule.Kind.EVENT_COUNT, List.of("type", "fingerprint", "per", "window", "threshold"),
      AlertRule.Kind.LATENCY, List.of("type", "url_group", "percentile", "threshold"),
      AlertRule.Kind.NEW_FINGERPRINT, List.of("type"),
      AlertRule.Kind.DISK_FULL, List.of("horizon", "window", "mount"));
  private static final Map<AlertRule.Kind, List<String>> SWEEPABLE = Map.of(
      AlertRule.Kind.EVENT_COUNT, List.of("threshold", "window", "for", "cooldown"),
      AlertRule.Kind.LATENCY, List.of("threshold", "for", "cooldown"),
      AlertRule.Kind.NEW_FINGERPRINT, List.of(),
      AlertRule.Kind.DISK_FULL, List.of("horizon", "window", "for", "cooldown"));
  private static final List<String> PERCENTILES = List.of("p50", "p95", "p99", "max");
  private static final int MAX_VARIANTS = 64;

  private final LocatedYaml yaml;

  private AlertRules(LocatedYaml yaml) {
    this.yaml = yaml;
  }

  /** The variants of every rule of {@code file}, in file order; {@code display} is how messages name the file. */
  public static List<AlertRule> load(Path file, String display) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw OpslakeException.usage("Cannot load alert rules: " + display + " cannot be read (" + e + ")");
    }
    return parse(text, display);
  }

  /** The variants of every rule of {@code text}, in file order. */
  public static List<AlertRule> parse(String text, String display) {
    LocatedYaml yaml;
    try {
      yaml = LocatedYaml.parse(text, display);
    } catch (LocatedYaml.SyntaxError e) {
      throw OpslakeException.usage("Cannot load alert rules: " + e.file() + ":" + e.line() + ": not valid YAML: "
          + e.reason("; "));
    }
    return new AlertRules(yaml).variants();
  }

  private List<AlertRule> variants() {
    JsonNode root = yaml.json();
    if (root == null || !root.isObject() || !root.has("rules")) {
      throw error("", "expected a mapping with 'rules' (a list of alert rules) at the top");
    }
    allowOnly(root, "", List.of("version", "rules"));
    if (root.has("version") && !root.get("version").asText().equals("1")) {
      throw error("/version", "unsupported version '" + root.get("version").asText() + "' (expected 1)");
    }
    JsonNode rules = root.get("rules");
    if (!rules.isArray() || rules.isEmpty()) {
      throw error("/rules", "'rules' must be a non-empty list of alert rules");
    }
    List<AlertRule> variants = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int index = 0; index < rules.size(); index++) {
      String at = "/rules/" + index;
      JsonNode rule = rules.get(index);
      if (!rule.isObject()) {
        throw error(at, "an alert rule must be a mapping");
      }
      AlertRule base = rule(rule, at);
      if (!ids.add(base.id())) {
        throw error(at + "/id", "repeated rule id '" + base.id() + "'");
      }
      variants.addAll(expand(base, rule.get("sweep"), at + "/sweep"));
    }
    return List.copyOf(variants);
  }

  private AlertRule rule(JsonNode rule, String at) {
    String id = requiredText(rule, at, "id");
    if (!ID.matcher(id).matches()) {
      throw error(at + "/id", "rule id '" + id + "' must be letters, digits, '_', '.' or '-'");
    }
    String context = "rule '" + id + "': ";
    String kindText = requiredText(rule, at, "kind");
    AlertRule.Kind kind = null;
    for (AlertRule.Kind candidate : AlertRule.Kind.values()) {
      if (candidate.text().equals(kindText)) {
        kind = candidate;
      }
    }
    if (kind == null) {
      throw error(at + "/kind", context + "unknown kind '" + kindText
          + "' (expected event_count, latency, new_fingerprint or disk_full)");
    }
    List<String> allowed = new ArrayList<>(COMMON);
    allowed.addAll(KEYS.get(kind));
    allowOnly(rule, at, allowed, context + "unknown key for kind " + kindText);
    String type = optionalText(rule, at, "type");
    String fingerprint = optionalText(rule, at, "fingerprint");
    String urlGroup = optionalText(rule, at, "url_group");
    String per = optionalText(rule, at, "per");
    if (per != null && !per.equals("host")) {
      throw error(at + "/per", context + "'per' must be 'host'");
    }
    String percentile = rule.has("percentile") ? requiredText(rule, at, "percentile") : "p95";
    if (!PERCENTILES.contains(percentile)) {
      throw error(at + "/percentile", context + "'percentile' must be one of " + String.join(", ", PERCENTILES));
    }
    switch (kind) {
      case EVENT_COUNT -> {
        if ((type == null) == (fingerprint == null)) {
          throw error(at, context + "an event_count rule needs exactly one of 'type' or 'fingerprint'");
        }
        if (fingerprint != null && per != null) {
          throw error(at + "/per", context + "'per: host' applies to 'type' only (no per-host fingerprint series)");
        }
      }
      case LATENCY -> {
        if ((type == null) == (urlGroup == null)) {
          throw error(at, context + "a latency rule needs exactly one of 'type' or 'url_group'");
        }
      }
      case NEW_FINGERPRINT -> {
        if (type == null) {
          throw error(at, context + "a new_fingerprint rule needs 'type'");
        }
      }
      default -> { }
    }
    boolean needsThreshold = kind == AlertRule.Kind.EVENT_COUNT || kind == AlertRule.Kind.LATENCY;
    if (needsThreshold && !rule.has("threshold") && !(rule.has("sweep") && rule.get("sweep").has("threshold"))) {
      throw error(at, context + "missing 'threshold' (the value to be above)");
    }
    double threshold = rule.has("threshold") ? number(rule.get("threshold"), at + "/threshold", context) : 0;
    Duration defaultWindow = kind == AlertRule.Kind.DISK_FULL ? Duration.ofHours(6) : Duration.ofMinutes(1);
    return new AlertRule(id, DEFAULT_VARIANT, optionalText(rule, at, "description"), kind, type, fingerprint, urlGroup,
        per == null ? AlertRule.Scope.ALL_HOSTS : AlertRule.Scope.PER_HOST, percentile,
        duration(rule, at, "window", defaultWindow, context), threshold,
        duration(rule, at, "for", Duration.ZERO, context), duration(rule, at, "cooldown", Duration.ZERO, context),
        duration(rule, at, "horizon", Duration.ofHours(24), context), optionalText(rule, at, "mount"),
        yaml.lineOf(at));
  }

  /** One variant per combination of the swept values, in file order (the first key varies slowest). */
  private List<AlertRule> expand(AlertRule base, JsonNode sweep, String at) {
    if (sweep == null) {
      return List.of(base);
    }
    String context = "rule '" + base.id() + "': ";
    List<String> sweepable = SWEEPABLE.get(base.kind());
    if (!sweep.isObject() || sweep.isEmpty()) {
      throw error(at, context + "'sweep' must map " + String.join(", ", sweepable) + " to lists of values");
    }
    allowOnly(sweep, at, sweepable, context + "cannot sweep for kind " + base.kind().text());
    List<AlertRule> variants = List.of(base);
    for (Iterator<Map.Entry<String, JsonNode>> fields = sweep.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode values = field.getValue();
      if (!values.isArray() || values.isEmpty()) {
        throw error(at + "/" + key, context + "sweep '" + key + "' must be a non-empty list");
      }
      List<AlertRule> next = new ArrayList<>();
      for (AlertRule variant : variants) {
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < values.size(); index++) {
          String where = at + "/" + key + "/" + index;
          String text = values.get(index).asText();
          if (!seen.add(text)) {
            throw error(where, context + "sweep '" + key + "' repeats " + text);
          }
          next.add(with(variant, key, values.get(index), where, context));
        }
      }
      variants = next;
      if (variants.size() > MAX_VARIANTS) {
        throw error(at, context + "the sweep makes more than " + MAX_VARIANTS + " variants");
      }
    }
    return variants;
  }

  private AlertRule with(AlertRule rule, String key, JsonNode value, String at, String context) {
    String name = (rule.variant().equals(DEFAULT_VARIANT) ? "" : rule.variant() + ",") + key + "=" + value.asText();
    double threshold = key.equals("threshold") ? number(value, at, context) : rule.threshold();
    Duration window = key.equals("window") ? durationValue(value, at, key, context) : rule.window();
    Duration forDuration = key.equals("for") ? durationValue(value, at, key, context) : rule.forDuration();
    Duration cooldown = key.equals("cooldown") ? durationValue(value, at, key, context) : rule.cooldown();
    Duration horizon = key.equals("horizon") ? durationValue(value, at, key, context) : rule.horizon();
    return new AlertRule(rule.id(), name, rule.description(), rule.kind(), rule.type(), rule.fingerprint(),
        rule.urlGroup(), rule.scope(), rule.percentile(), window, threshold, forDuration, cooldown, horizon,
        rule.mount(), rule.line());
  }

  private Duration duration(JsonNode rule, String at, String key, Duration fallback, String context) {
    return rule.has(key) ? durationValue(rule.get(key), at + "/" + key, key, context) : fallback;
  }

  private Duration durationValue(JsonNode value, String at, String key, String context) {
    Duration duration = null;
    if (value.isTextual()) {
      duration = Durations.parse(value.asText()).orElse(null);
    } else if (value.isIntegralNumber() && value.asLong() == 0) {
      duration = Duration.ZERO;
    }
    if (duration == null) {
      throw error(at, context + "'" + key + "' must be a duration like 90s, 5m, 1h or 1d, found " + value);
    }
    if (key.equals("window") && (duration.isZero() || duration.toSeconds() % 60 != 0)) {
      throw error(at, context + "'window' must be a positive whole number of minutes, found " + value.asText());
    }
    return duration;
  }

  private double number(JsonNode value, String at, String context) {
    if (!value.isNumber()) {
      throw error(at, context + "'threshold' must be a number, found " + value);
    }
    return value.asDouble();
  }

  private String requiredText(JsonNode node, String at, String key) {
    if (!node.has(key) || node.get(key).isNull()) {
      String id = node.has("id") ? "rule '" + node.get("id").asText() + "': " : "";
      throw error(at, id + "missing '" + key + "'");
    }
    return text(node, at, key);
  }

  private String optionalText(JsonNode node, String at, String key) {
    return node.has(key) && !node.get(key).isNull() ? text(node, at, key) : null;
  }

  private String text(JsonNode node, String at, String key) {
    JsonNode value = node.get(key);
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw error(at + "/" + key, "'" + key + "' must be a non-empty text, found " + value);
    }
    return value.asText();
  }

  private void allowOnly(JsonNode node, String at, List<String> allowed) {
    allowOnly(node, at, allowed, "unknown key");
  }

  private void allowOnly(JsonNode node, String at, List<String> allowed, String what) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw error(at + "/" + name, what + " '" + name + "' (expected " + String.join(", ", allowed) + ")");
      }
    }
  }

  private OpslakeException error(String pointer, String message) {
    return OpslakeException.usage("Cannot load alert rules: " + yaml.file() + ":" + yaml.lineOf(pointer) + ": "
        + message);
  }

  /** The swept keys of a variant name ({@code threshold=5,for=5m}), in order; empty for the default variant. */
  static Map<String, String> sweptValues(String variant) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!variant.equals(DEFAULT_VARIANT)) {
      for (String part : variant.split(",")) {
        values.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
      }
    }
    return values;
  }
}
