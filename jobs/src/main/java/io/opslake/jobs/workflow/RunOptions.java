package io.opslake.jobs.workflow;

import io.opslake.errors.OpslakeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bin/opslake workflow run} was asked for: the run dates (one, or a backfill range in
 * order), the landing and warehouse locations the templates receive, and whether steps already
 * completed for a date are skipped (resume) or run again.
 */
public record RunOptions(List<LocalDate> dates, String landing, String warehouse, Resume resume) {
  /** Whether completed steps are skipped. */
  public enum Resume {
    SKIP_COMPLETED,
    RERUN_ALL
  }

  /** Backfills are capped so a typo in a year does not start ten thousand runs. */
  public static final int MAX_DATES = 366;

  public RunOptions {
    if (dates.isEmpty()) {
      throw OpslakeException.usage("Cannot run workflow: no dates given");
    }
    if (landing == null || landing.isBlank()) {
      throw OpslakeException.usage("Cannot run workflow: no landing location");
    }
    if (warehouse == null || warehouse.isBlank()) {
      throw OpslakeException.usage("Cannot run workflow: no warehouse location");
    }
    dates = List.copyOf(dates);
  }

  /** The dates {@code from} to {@code to}, both included. */
  public static List<LocalDate> range(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw OpslakeException.usage("Cannot run workflow: --to " + to + " is before --from " + from);
    }
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      if (dates.size() == MAX_DATES) {
        throw OpslakeException.usage("Cannot run workflow: --from " + from + " --to " + to
            + " spans more than " + MAX_DATES + " days");
      }
      dates.add(date);
    }
    return dates;
  }
}
