package io.opslake.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional config file {@code opslake.yaml}: defaults for options every run would repeat.
 * Found at {@code --config <file>}, else {@code $OPSLAKE_CONFIG}, else {@code ./opslake.yaml} if it
 * exists. Keys: {@code warehouse} (the default of every {@code --warehouse}) and {@code landing}
 * (where the nightly workflow's ingest finds {@code dt=YYYY-MM-DD/} folders). Relative paths are
 * resolved against the file's folder. Precedence: command line, then environment
 * ({@code $OPSLAKE_WAREHOUSE}, {@code $OPSLAKE_LANDING}), then this file, then built-in defaults.
 */
public record OpslakeConfig(Optional<Path> file, Optional<String> warehouse, Optional<String> landing) {
  public static final String FILE_NAME = "opslake.yaml";
  static final List<String> KEYS = List.of("warehouse", "landing");
  private static final YAMLFactory YAML = new YAMLFactory();

  public static OpslakeConfig none() {
    return new OpslakeConfig(Optional.empty(), Optional.empty(), Optional.empty());
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
      throw new IllegalArgumentException("Cannot read config: " + origin + " " + file + " does not exist");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Path base = file.toAbsolutePath().getParent();
    String warehouse = null;
    String landing = null;
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return new OpslakeConfig(Optional.of(file), Optional.empty(), Optional.empty());
      }
      if (token != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("Cannot read config: " + file + ":1: expected keys such as warehouse:");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken value = parser.nextToken();
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException("Cannot read config: " + file + ":" + line + ": unknown key '" + key
              + "' (known: " + String.join(", ", KEYS) + ")");
        }
        if (value != JsonToken.VALUE_STRING) {
          throw new IllegalArgumentException("Cannot read config: " + file + ":" + line + ": " + key
              + " must be a path or URI");
        }
        String resolved = resolve(parser.getText(), base);
        if (key.equals("warehouse")) {
          warehouse = resolved;
        } else {
          landing = resolved;
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot read config: " + file + ":"
          + (e.getLocation() == null ? 0 : e.getLocation().getLineNr()) + ": not valid YAML: " + e.getOriginalMessage());
    }
    return new OpslakeConfig(Optional.of(file), Optional.ofNullable(warehouse), Optional.ofNullable(landing));
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
