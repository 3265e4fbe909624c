package io.opslake.schemas;

import io.opslake.errors.OpslakeException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the user says a metric is, for sources that carry no type: {@code --metric-type
 * <name or glob>=counter|gauge|rate} on {@code ingest} and {@code rates}, and {@code metric_types:}
 * in {@code opslake.yaml}. Go's expvar, for one, publishes {@code Requests} as a bare number, so
 * its parser calls it a gauge and {@code metric_rates} never derives a rate from it; declared a
 * counter, it is one like any other (resets included), as the Datadog agent's expvar check lets
 * its users say.
 *
 * <p>A pattern matches the whole {@code raw_metrics.name}: {@code *} is any run of characters
 * (dots included), {@code ?} one character, everything else is literal. The first declaration
 * that matches wins, so the command line's (listed first) beat the config file's. A declaration
 * replaces the parser's kind, whatever it was.
 *
 * <p>Serializable: ingest tasks carry it to the executors. Matching is a regular expression per
 * declaration; the verdict per name is cached, since a source has few distinct names and many
 * datapoints.
 */
public final class MetricTypeDeclarations implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds a declaration may give. */
  public static final Set<String> KINDS = Set.of("counter", "gauge", "rate");

  public static final MetricTypeDeclarations NONE = new MetricTypeDeclarations(List.of());

  /** One declaration: a name pattern and the kind it gives. */
  public record Declaration(String pattern, String kind) implements Serializable {
    public Declaration {
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(kind, "kind");
    }

    /** The Java (and Spark SQL {@code RLIKE}) regular expression of the whole-name pattern. */
    public String regex() {
      StringBuilder regex = new StringBuilder("^");
      StringBuilder literal = new StringBuilder();
      for (char c : pattern.toCharArray()) {
        if (c == '*' || c == '?') {
          if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
          }
          regex.append(c == '*' ? ".*" : ".");
        } else {
          literal.append(c);
        }
      }
      if (literal.length() > 0) {
        regex.append(Pattern.quote(literal.toString()));
      }
      return regex.append('$').toString();
    }

    @Override
    public String toString() {
      return pattern + "=" + kind;
    }
  }

  private final List<Declaration> declarations;
  private final List<Pattern> patterns;
  private transient Map<String, Optional<String>> verdicts;

  private MetricTypeDeclarations(List<Declaration> declarations) {
    this.declarations = List.copyOf(declarations);
    this.patterns = this.declarations.stream().map(declaration -> Pattern.compile(declaration.regex())).toList();
  }

  /**
   * Declarations from {@code <pattern>=<kind>} texts, in order. {@code origin} names where they
   * come from in the usage error a malformed one raises, e.g. {@code "Cannot ingest: --metric-type"}.
   */
  public static MetricTypeDeclarations parse(List<String> texts, String origin) {
    List<Declaration> parsed = new ArrayList<>();
    for (String text : texts) {
      int equals = text.lastIndexOf('=');
      if (equals < 0) {
        throw OpslakeException.usage(origin + " '" + text + "' is not <name or glob>=counter|gauge|rate");
      }
      parsed.add(declaration(text.substring(0, equals), text.substring(equals + 1), origin + " '" + text + "'"));
    }
    return new MetricTypeDeclarations(parsed);
  }

  /** One validated declaration; {@code context} names it in the usage error a bad one raises. */
  public static Declaration declaration(String pattern, String kind, String context) {
    String name = pattern == null ? "" : pattern.strip();
    String normalizedKind = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      throw OpslakeException.usage(context + " has no metric name or glob");
    }
    if (!KINDS.contains(normalizedKind)) {
      throw OpslakeException.usage(context + ": type '" + kind + "' is not counter, gauge or rate");
    }
    return new Declaration(name, normalizedKind);
  }

  /** Already validated declarations, in order. */
  public static MetricTypeDeclarations of(List<Declaration> declarations) {
    return new MetricTypeDeclarations(declarations);
  }

  /** These declarations, then {@code later}'s: the first match wins, so these come first. */
  public MetricTypeDeclarations followedBy(MetricTypeDeclarations later) {
    List<Declaration> all = new ArrayList<>(declarations);
    all.addAll(later.declarations);
    return new MetricTypeDeclarations(all);
  }

  public List<Declaration> declarations() {
    return declarations;
  }

  public boolean isEmpty() {
    return declarations.isEmpty();
  }

  /** The declared kind of the metric {@code name}, if a declaration matches it. */
  public Optional<String> kindOf(String name) {
    if (declarations.isEmpty() || name == null) {
      return Optional.empty();
    }
    if (verdicts == null) {
      verdicts = new ConcurrentHashMap<>();
    }
    return verdicts.computeIfAbsent(name, this::firstMatch);
  }

  private Optional<String> firstMatch(String name) {
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matcher(name).matches()) {
        return Optional.of(declarations.get(i).kind());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MetricTypeDeclarations that && declarations.equals(that.declarations);
  }

  @Override
  public int hashCode() {
    return declarations.hashCode();
  }

  @Override
  public String toString() {
    return declarations.toString();
  }
}
