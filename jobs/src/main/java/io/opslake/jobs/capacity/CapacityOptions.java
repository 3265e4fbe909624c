package io.opslake.jobs.capacity;

import io.opslake.errors.OpslakeException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Options of {@link CapacityJob}.
 *
 * @param warehouse the warehouse URI
 * @param asOf the as-of date D (UTC): history up to and including D; the partition {@code dt=D}
 * @param horizonWeeks weeks planned ahead (default 12)
 * @param latencyObjectiveMs the p95 page-load latency objective, ms (default 500)
 * @param utilisationTarget the share of a server's capacity at the objective planned for (default 0.70)
 * @param inventory the fleet inventory; null to derive the fleet from the hosts seen
 * @param requestCounters metric names or globs ({@code *}, {@code ?}) of the request counters whose
 *     rates are a service's load when it has neither page loads nor access-log requests ({@link
 *     LoadSources}; default {@link LoadSources#DEFAULT_REQUEST_COUNTERS})
 * @param startedAt when the run started
 */
public record CapacityOptions(String warehouse, LocalDate asOf, int horizonWeeks, double latencyObjectiveMs,
    double utilisationTarget, Inventory inventory, List<String> requestCounters, Instant startedAt) {
  public static final int DEFAULT_HORIZON_WEEKS = 12;
  public static final double DEFAULT_LATENCY_OBJECTIVE_MS = 500;
  private static final String PREFIX = "Cannot plan capacity: ";

  public CapacityOptions {
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage(PREFIX + "--warehouse is empty");
    }
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(startedAt, "startedAt");
    requestCounters = List.copyOf(requestCounters);
    LoadSources.regex(requestCounters, PREFIX);
    if (horizonWeeks < 1 || horizonWeeks > 104) {
      throw OpslakeException.usage(PREFIX + "--horizon-weeks " + horizonWeeks + " is not between 1 and 104");
    }
    if (!(latencyObjectiveMs > 0) || Double.isInfinite(latencyObjectiveMs)) {
      throw OpslakeException.usage(PREFIX + "--latency-objective-ms " + latencyObjectiveMs
          + " is not a positive number");
    }
    if (!(utilisationTarget > 0 && utilisationTarget <= 1)) {
      throw OpslakeException.usage(PREFIX + "--utilisation-target " + utilisationTarget + " is not in (0, 1]");
    }
  }

  /**
   * Options from the command line's text; the inventory (a local path or any Hadoop file system URI)
   * is read here, so a bad line fails before Spark starts.
   */
  public static CapacityOptions of(String warehouse, String asOf, int horizonWeeks, double latencyObjectiveMs,
      double utilisationTarget, String inventory, List<String> requestCounters) {
    LocalDate date;
    try {
      date = LocalDate.parse(asOf);
    } catch (DateTimeParseException | NullPointerException e) {
      throw OpslakeException.usage(PREFIX + "--as-of " + asOf + " is not a date");
    }
    return new CapacityOptions(warehouse, date, horizonWeeks, latencyObjectiveMs, utilisationTarget,
        inventory == null ? null : readInventory(inventory), requestCounters, Instant.now());
  }

  private static Inventory readInventory(String location) {
    Path path = new Path(location);
    try {
      FileSystem fs = path.getFileSystem(new Configuration());
      if (!fs.isFile(path)) {
        throw OpslakeException.usage(PREFIX + "--inventory " + location + " is not a file");
      }
      try (InputStream in = fs.open(path)) {
        return Inventory.read(path.getName(), in);
      }
    } catch (IOException e) {
      throw OpslakeException.external(PREFIX + "cannot read --inventory " + location, e);
    }
  }
}
