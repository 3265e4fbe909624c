package io.opslake.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.opslake.errors.OpslakeException;
import io.opslake.jobs.yaml.LocatedYaml;
import io.opslake.schemas.MetricTypeDeclarations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional config file {@code opslake.yaml}: defaults for options every run would repeat.
 * Found at {@code --config <file>}, else {@code $OPSLAKE_CONFIG}, else {@code ./opslake.yaml} if it
 * exists. Keys: {@code warehouse} (the default of every {@code --warehouse}), {@code landing}
 * (where the nightly workflow's ingest finds {@code dt=YYYY-MM-DD/} folders) and {@code
 * metric_types} (a list of {@code {name: <name or glob>, type: counter|gauge|rate}}, checked after
 * the command line's {@code --metric-type}s by {@code ingest} and {@code rates}) and {@code
 * request_counters} (a list of metric names or globs: {@code capacity}'s request counters when its
 * command line names none, replacing the defaults). Relative paths are
 * resolved against the file's folder. The file is composed by {@link LocatedYaml} (for the line of
 * each key) and bound by Jackson into its keys. Precedence: command line, then environment
 * ({@code $OPSLAKE_WAREHOUSE}, {@code $OPSLAKE_LANDING}), then this file, then built-in defaults.
 */
public record OpslakeConfig(Optional<Path> file, Optional<String> warehouse, Optional<String> landing,
    MetricTypeDeclarations metricTypes, Optional<List<String>> requestCounters) {
  public static final String FILE_NAME = "opslake.yaml";
  static final List<String> KEYS = List.of("warehouse", "landing", "metric_types", "request_counters");
  /** Strict binding: unknown keys fail, and a number or boolean is not taken for a path. */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .withCoercionConfig(LogicalType.Textual, text -> text
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .build();

  public static OpslakeConfig none() {
    return new OpslakeConfig(Optional.empty(), Optional.empty(), Optional.empty(), MetricTypeDeclarations.NONE,
        Optional.empty());
  }

  /** The config {@code explicit} names, else the one {@code env} or {@code workingDir} holds, else none. */
  public static OpslakeConfig locate(Path explicit, Map<String, String> env, Path workingDir) throws IOException {
    if (explicit != null) {
      return load(explicit, "--config");
    }
    String fromEnv = env.get("OPSLAKE_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return load(Path.of(fromEnv), "$OPSLAKE_CONFIG");
    }
    Path local = workingDir.resolve(FILE_NAME);
    return Files.isRegularFile(local) ? load(local, FILE_NAME) : none();
  }

  /** Reads {@code file}; unknown keys and non-text values are usage errors with file:line. */
  static OpslakeConfig load(Path file, String origin) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw OpslakeException.usage("Cannot read config: " + origin + " " + file + " does not exist");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    LocatedYaml yaml;
    try {
      yaml = LocatedYaml.parse(text, file.toString());
    } catch (LocatedYaml.SyntaxError e) {
      throw problem(file, e.line(), e.duplicateKey().map(key -> "duplicate key '" + key + "'")
          .orElse("not valid YAML: " + e.reason("; ")));
    }
    JsonNode tree = yaml.json();
    if (tree == null) {
      return new OpslakeConfig(Optional.of(file), Optional.empty(), Optional.empty(), MetricTypeDeclarations.NONE,
          Optional.empty());
    }
    if (!tree.isObject()) {
      throw problem(file, 1, "expected keys such as warehouse:");
    }
    Keys keys;
    try {
      keys = MAPPER.treeToValue(tree, Keys.class);
    } catch (UnrecognizedPropertyException e) {
      if (e.getPath().size() > 1 && METRIC_TYPES.equals(e.getPath().get(0).getFieldName())) {
        throw problem(file, yaml.lineOf(pointer(e)),
            "unknown key '" + e.getPropertyName() + "' in a metric_types entry (known: name, type)");
      }
      throw problem(file, yaml.lineOf("/" + e.getPropertyName()),
          "unknown key '" + e.getPropertyName() + "' (known: " + String.join(", ", KEYS) + ")");
    } catch (MismatchedInputException e) {
      String key = e.getPath().isEmpty() ? "warehouse" : e.getPath().get(0).getFieldName();
      if (METRIC_TYPES.equals(key)) {
        throw problem(file, yaml.lineOf(pointer(e)), METRIC_TYPE_SHAPE);
      }
      if (REQUEST_COUNTERS.equals(key)) {
        throw problem(file, yaml.lineOf(pointer(e)), REQUEST_COUNTER_SHAPE);
      }
      throw problem(file, yaml.lineOf("/" + key), key + " must be a path or URI");
    }
    // Binding reads "warehouse:" with no value as null; a present key needs a path.
    tree.fields().forEachRemaining(entry -> {
      if (entry.getValue().isNull()) {
        throw problem(file, yaml.lineOf("/" + entry.getKey()),
            METRIC_TYPES.equals(entry.getKey()) ? METRIC_TYPE_SHAPE
                : REQUEST_COUNTERS.equals(entry.getKey()) ? REQUEST_COUNTER_SHAPE
                    : entry.getKey() + " must be a path or URI");
      }
    });
    if (keys.requestCounters() != null
        && (keys.requestCounters().isEmpty() || keys.requestCounters().stream().anyMatch(name -> name == null
            || name.isBlank()))) {
      throw problem(file, yaml.lineOf("/" + REQUEST_COUNTERS), REQUEST_COUNTER_SHAPE);
    }
    Path base = file.toAbsolutePath().getParent();
    return new OpslakeConfig(Optional.of(file), Optional.ofNullable(keys.warehouse()).map(value -> resolve(value, base)),
        Optional.ofNullable(keys.landing()).map(value -> resolve(value, base)), metricTypes(file, yaml, keys),
        Optional.ofNullable(keys.requestCounters()).map(List::copyOf));
  }

  private static final String METRIC_TYPES = "metric_types";
  private static final String REQUEST_COUNTERS = "request_counters";
  private static final String REQUEST_COUNTER_SHAPE = "request_counters must be a list of metric names or globs";
  private static final String METRIC_TYPE_SHAPE =
      "metric_types must be a list of {name: <metric name or glob>, type: counter|gauge|rate}";

  /** The file's keys as Jackson binds them; {@link #KEYS} lists them for messages. */
  private record Keys(String warehouse, String landing,
      @JsonProperty(METRIC_TYPES) List<MetricTypeEntry> metricTypes,
      @JsonProperty(REQUEST_COUNTERS) List<String> requestCounters) {}

  /** One entry of {@code metric_types:}. */
  private record MetricTypeEntry(String name, String type) {}

  private static MetricTypeDeclarations metricTypes(Path file, LocatedYaml yaml, Keys keys) {
    if (keys.metricTypes() == null) {
      return MetricTypeDeclarations.NONE;
    }
    List<MetricTypeDeclarations.Declaration> declarations = new ArrayList<>();
    for (int i = 0; i < keys.metricTypes().size(); i++) {
      MetricTypeEntry entry = keys.metricTypes().get(i);
      String context = "Cannot read config: " + file + ":" + yaml.lineOf("/" + METRIC_TYPES + "/" + i) + ": "
          + METRIC_TYPES + " entry " + (i + 1);
      if (entry == null || entry.name() == null || entry.type() == null) {
        throw OpslakeException.usage(context + " needs both name: and type:");
      }
      declarations.add(MetricTypeDeclarations.declaration(entry.name(), entry.type(), context));
    }
    return MetricTypeDeclarations.of(declarations);
  }

  /** The JSON pointer of where binding failed, e.g. {@code /metric_types/1/type}. */
  private static String pointer(MismatchedInputException e) {
    StringBuilder pointer = new StringBuilder();
    for (var reference : e.getPath()) {
      pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
    }
    return pointer.toString();
  }

  private static OpslakeException problem(Path file, int line, String reason) {
    return OpslakeException.usage("Cannot read config: " + file + ":" + line + ": " + reason);
  }

  /** The warehouse to use when the command line names none. */
  public String defaultWarehouse(Map<String, String> env) {
    String fromEnv = env.get("OPSLAKE_WAREHOUSE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    return warehouse.orElse("./warehouse");
  }

  /** The landing location to use when the command line names none; empty when nothing names one. */
  public Optional<String> defaultLanding(Map<String, String> env) {
    String fromEnv = env.get("OPSLAKE_LANDING");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv);
    }
    return landing;
  }

  private static String resolve(String value, Path base) {
    if (value.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
      return value;
    }
    return base.resolve(value).normalize().toString();
  }
}
