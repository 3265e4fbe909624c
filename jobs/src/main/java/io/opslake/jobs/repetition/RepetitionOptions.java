package io.opslake.jobs.repetition;

import io.opslake.errors.OpslakeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link RepetitionJob}.
 *
 * @param from first event date of the window
 * @param to last event date; the result is the {@code repetition} partition {@code dt=to}
 * @param restartTypes event types that mark a restart (default: app_start, service_start)
 * @param restartWindow how soon after a restart an event counts as following it (default 30 min)
 */
public record RepetitionOptions(String warehouse, LocalDate from, LocalDate to, List<String> restartTypes,
    Duration restartWindow) {
  public static final List<String> DEFAULT_RESTART_TYPES = List.of("app_start", "service_start");
  public static final Duration DEFAULT_RESTART_WINDOW = Duration.ofMinutes(30);

  public RepetitionOptions {
    Objects.requireNonNull(warehouse, "warehouse");
    if (from == null || to == null) {
      throw OpslakeException.usage("Cannot analyze repetition: --from and --to are required");
    }
    if (to.isBefore(from)) {
      throw OpslakeException.usage("Cannot analyze repetition: --to " + to + " is before --from " + from);
    }
    restartTypes = List.copyOf(restartTypes);
    if (restartTypes.isEmpty()) {
      throw OpslakeException.usage("Cannot analyze repetition: --restart-types is empty");
    }
    if (restartWindow.isNegative() || restartWindow.isZero()) {
      throw OpslakeException.usage("Cannot analyze repetition: --restart-window " + restartWindow + " is not positive");
    }
  }
}
