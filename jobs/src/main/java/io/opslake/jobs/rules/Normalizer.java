package io.opslake.jobs.rules;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One rewrite of fingerprint text: every match of {@code pattern} becomes {@code replacement}
 * ({@code $1} refers to a group). The built-ins, in their default order, are documented in
 * docs/rules.md#fingerprints.
 */
public record Normalizer(String name, Pattern pattern, String replacement) implements Serializable {

  /** The built-in normalizers in the default order; order matters (line numbers before ports before numbers). */
  static final Map<String, Normalizer> BUILT_IN = builtIns();

  private static Map<String, Normalizer> builtIns() {
    Map<String, Normalizer> all = new LinkedHashMap<>();
    add(all, "uuid", "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b", "<uuid>");
    add(all, "temp_path", "(?:/tmp|/var/tmp|/dev/shm)(?:/[^\\s\"'(),;:]*)?", "<tmp>");
    add(all, "ip", "\\b(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?\\b|\\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\\b", "<ip>");
    add(all, "line_number",
        "(\\.(?:java|clj|cljc|cljs|scala|kt|groovy|go|py|rb|js|ts|cs|cpp|cc|c|h|rs)):\\d+", "$1:<line>");
    add(all, "port", "(?<=[A-Za-z0-9\\]]):\\d{1,5}\\b", ":<port>");
    add(all, "quoted", "\"(?:[^\"\\\\\\n]|\\\\.)*\"|(?<![A-Za-z0-9])'[^'\\n]*'(?![A-Za-z0-9])", "\"<str>\"");
    add(all, "query", "([?&][^=&\\s#\"'{}]+=)[^&\\s#\"'{}]*", "$1<val>");
    add(all, "hex", "\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b", "<hex>");
    add(all, "number", "\\d+(?:\\.\\d+)?", "<num>");
    return java.util.Collections.unmodifiableMap(all);
  }

  private static void add(Map<String, Normalizer> all, String name, String regex, String replacement) {
    all.put(name, new Normalizer(name, Pattern.compile(regex), replacement));
  }

  static Optional<Normalizer> builtIn(String name) {
    return Optional.ofNullable(BUILT_IN.get(name));
  }

  String apply(String text) {
    java.util.regex.Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.replaceAll(replacement) : text;
  }
}
