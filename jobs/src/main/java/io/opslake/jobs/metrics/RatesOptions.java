package io.opslake.jobs.metrics;

import io.opslake.errors.OpslakeException;
import io.opslake.schemas.MetricTypeDeclarations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options of {@link RatesJob}.
 *
 * @param warehouse the warehouse URI
 * @param dates the {@code metric_rates} partitions to rebuild (sorted, distinct, at least one)
 * @param maxInterval longest interval a derived rate may span (default 15 minutes); at most one
 *     day, because the job reads only one day before each date for predecessors
 * @param maxRate rates above this are dropped as implausible ({@code Double.POSITIVE_INFINITY}:
 *     no cap, the default)
 * @param deltaSources sources whose {@code counter} rows are per-flush increments, not running
 *     totals, so no rate is derived from them (default: {@code statsd})
 * @param metricTypes declared kinds ({@code --metric-type}, then {@code metric_types:} in
 *     opslake.yaml), applied to {@code raw_metrics.kind} as it is read: a metric declared a counter
 *     gets rates even if it was ingested as a gauge, and one declared a gauge gets none
 * @param startedAt when the run started (names the run)
 */
public record RatesOptions(String warehouse, List<LocalDate> dates, Duration maxInterval, double maxRate,
    Set<String> deltaSources, MetricTypeDeclarations metricTypes, Instant startedAt) {
  /** Longest span of one run, in days. */
  public static final int MAX_DAYS = 366;

  public static final Set<String> DEFAULT_DELTA_SOURCES = Set.of("statsd");

  private static final Pattern INTERVAL = Pattern.compile("(\\d{1,6})(s|m|h)");

  public RatesOptions {
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage("Cannot derive rates: --warehouse is empty");
    }
    dates = List.copyOf(new TreeSet<>(Objects.requireNonNull(dates, "dates")));
    if (dates.isEmpty()) {
      throw OpslakeException.usage("Cannot derive rates: no dates to derive");
    }
    if (maxInterval.isNegative() || maxInterval.isZero()) {
      throw OpslakeException.usage("Cannot derive rates: --max-interval " + describe(maxInterval) + " is not positive");
    }
    if (maxInterval.compareTo(Duration.ofDays(1)) > 0) {
      throw OpslakeException.usage("Cannot derive rates: --max-interval " + describe(maxInterval)
          + " is longer than the one-day lookback (24h)");
    }
    if (!(maxRate > 0)) {
      throw OpslakeException.usage("Cannot derive rates: --max-rate " + maxRate + " is not positive");
    }
    deltaSources = Set.copyOf(deltaSources);
    Objects.requireNonNull(metricTypes, "metricTypes");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** Every date from {@code from} to {@code to}, inclusive, both given as YYYY-MM-DD. */
  public static RatesOptions range(String warehouse, String from, String to) {
    LocalDate first = date("--from", from);
    LocalDate last = date("--to", to);
    if (last.isBefore(first)) {
      throw OpslakeException.usage("Cannot derive rates: --to " + to + " is before --from " + from);
    }
    long days = ChronoUnit.DAYS.between(first, last) + 1;
    if (days > MAX_DAYS) {
      throw OpslakeException.usage("Cannot derive rates: --from " + from + " --to " + to + " spans " + days
          + " days, more than " + MAX_DAYS);
    }
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      dates.add(date);
    }
    return forDates(warehouse, dates);
  }

  /** The given dates, with default rules. */
  public static RatesOptions forDates(String warehouse, Collection<LocalDate> dates) {
    return new RatesOptions(warehouse, List.copyOf(dates), CounterRates.DEFAULT_MAX_INTERVAL, Double.POSITIVE_INFINITY,
        DEFAULT_DELTA_SOURCES, MetricTypeDeclarations.NONE, Instant.now());
  }

  public RatesOptions withMaxInterval(Duration interval) {
    return new RatesOptions(warehouse, dates, interval, maxRate, deltaSources, metricTypes, startedAt);
  }

  public RatesOptions withMaxRate(double rate) {
    return new RatesOptions(warehouse, dates, maxInterval, rate, deltaSources, metricTypes, startedAt);
  }

  public RatesOptions withStartedAt(Instant instant) {
    return new RatesOptions(warehouse, dates, maxInterval, maxRate, deltaSources, metricTypes, instant);
  }

  /** These options with the user's metric type declarations ({@code --metric-type}, {@code metric_types:}). */
  public RatesOptions withMetricTypes(MetricTypeDeclarations declarations) {
    return new RatesOptions(warehouse, dates, maxInterval, maxRate, deltaSources, declarations, startedAt);
  }

  /** Parses {@code --max-interval}: a whole number of seconds, minutes or hours, e.g. 90s, 15m, 1h. */
  public static Duration parseInterval(String text) {
    Matcher matcher = INTERVAL.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw OpslakeException.usage(
          "Cannot derive rates: --max-interval " + text + " is not a duration like 90s, 15m or 1h");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw OpslakeException.usage("Cannot derive rates: " + option + " " + text + " is not a date");
    }
  }

  private static String describe(Duration duration) {
    return duration.toSeconds() + "s";
  }
}
