package io.opslake.jobs.capacity;

import java.util.Objects;

/**
 * Where a service's hourly requests come from: exactly one source per service (the rule is {@link
 * LoadSources}), so that a request seen by two of them counts once.
 *
 * @param kind the kind of source
 * @param counter the request counter's metric name for {@link Kind#COUNTER}; null otherwise
 */
public record LoadSource(Kind kind, String counter) {
  /** The page loads of {@code page_load} events. */
  public static final LoadSource PAGE_LOADS = new LoadSource(Kind.PAGE_LOADS, null);

  /** The {@code http_request} events of access logs. */
  public static final LoadSource HTTP_REQUESTS = new LoadSource(Kind.HTTP_REQUESTS, null);

  /** No source: the service's hosts have no page loads, access-log requests or request counter rates. */
  public static final LoadSource NONE = new LoadSource(Kind.NONE, null);

  /** The kinds of source, in the order the rule prefers them, then none. */
  public enum Kind { PAGE_LOADS, HTTP_REQUESTS, COUNTER, NONE }

  public LoadSource {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.COUNTER) != (counter != null)) {
      throw new IllegalArgumentException("a counter source, and only it, names its counter: " + kind + " " + counter);
    }
  }

  /** The per-second rates of the request counter {@code name} ({@code metric_rates}). */
  public static LoadSource counter(String name) {
    return new LoadSource(Kind.COUNTER, name);
  }

  /** As in {@code capacity_model.load_source}: {@code page_loads}, {@code http_requests}, {@code counter:<name>}. */
  public String label() {
    return switch (kind) {
      case PAGE_LOADS -> "page_loads";
      case HTTP_REQUESTS -> "http_requests";
      case COUNTER -> "counter:" + counter;
      case NONE -> "none";
    };
  }

  /** The plural noun of the load in sentences and {@code load_unit}, e.g. {@code page loads}. */
  public String noun() {
    return singular() + "s";
  }

  /** One unit of load, e.g. {@code page load}. */
  public String singular() {
    return switch (kind) {
      case PAGE_LOADS -> "page load";
      case HTTP_REQUESTS -> "http request";
      case COUNTER -> counter + " request";
      case NONE -> "request";
    };
  }
}
