package io.opslake.jobs.templates;

import io.opslake.errors.OpslakeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Options of a mining run over the warehouse.
 *
 * @param warehouse the warehouse URI
 * @param from first event date mined (inclusive), or null for the start of history
 * @param to last event date mined (inclusive), or null for the end of history
 * @param maxDistinct most distinct masked messages the driver mines in one piece; above it the
 *     executors mine hash partitions of them and the driver merges their templates
 */
public record TemplatesOptions(String warehouse, LocalDate from, LocalDate to, int maxDistinct) {
  /** Default for {@code maxDistinct}: about 100 MB of driver memory for typical message lengths. */
  public static final int DEFAULT_MAX_DISTINCT = 500_000;

  public TemplatesOptions {
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage("Cannot mine templates: --warehouse is empty");
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw OpslakeException.usage("Cannot mine templates: --from " + from + " is after --to " + to);
    }
    if (maxDistinct < 1) {
      throw OpslakeException.usage("Cannot mine templates: --max-distinct " + maxDistinct + " is not positive");
    }
  }

  /** Options from command-line text; dates are YYYY-MM-DD or null. */
  public static TemplatesOptions parse(String warehouse, String from, String to, int maxDistinct) {
    return new TemplatesOptions(warehouse, date("--from", from), date("--to", to), maxDistinct);
  }

  private static LocalDate date(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw OpslakeException.usage("Cannot mine templates: " + option + " " + text + " is not a date");
    }
  }
}
