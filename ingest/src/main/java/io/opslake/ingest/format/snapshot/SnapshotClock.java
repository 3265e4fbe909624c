package io.opslake.ingest.format.snapshot;

import io.opslake.ingest.format.ParseContext;
import io.opslake.ingest.format.RecordRejectedException;
import io.opslake.ingest.format.TimestampPolicy;
import io.opslake.ingest.format.TimestampPolicy.TimestampException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The capture time of the snapshot a table row belongs to, for snapshot files read whole. A file
 * holds one snapshot or several appended ones: each {@code # <time>} line starts a new snapshot
 * time (see {@link CaptureTime}), otherwise the time in the file name applies; {@code
 * --capture-time} overrides both. A header line
 * starts a snapshot's rows; a second header at a time already read (the same capture appended
 * twice) makes that snapshot's rows rejects, so no series gets two values at one instant.
 */
public final class SnapshotClock {
  private final TimestampPolicy policy;
  private final Map<Long, Long> headerLineByTime = new HashMap<>();
  private final Long option;
  private Long current;
  private String missingReason = CaptureTime.MISSING;
  private String duplicateReason;

  public SnapshotClock(ParseContext context) {
    this.policy = context.timestamps();
    Long optionTime = context.capture().timeMicros();
    Long optionChecked = null;
    if (optionTime != null) {
      try {
        optionChecked = policy.check(optionTime);
      } catch (TimestampException e) {
        missingReason = "snapshot has no capture time: --capture-time: " + e.getMessage();
      }
    }
    this.option = optionTime;
    this.current = optionTime != null ? optionChecked : CaptureTime.fromFileName(context.fileName(), policy);
  }

  /**
   * A {@code # <time>} line; the rows after it take that time.
   *
   * @throws TimestampException when the line holds no plausible time (its rows are then rejected too)
   */
  public void timeLine(String trimmed) {
    duplicateReason = null;
    if (option != null) {
      return; // --capture-time wins over the file's own time lines
    }
    try {
      current = CaptureTime.fromLine(trimmed, policy);
    } catch (TimestampException e) {
      current = null;
      missingReason = "snapshot has no capture time: " + e.getMessage();
      throw e;
    }
  }

  /** A header line at {@code lineNumber} starts the rows of a snapshot at the current time. */
  public void header(long lineNumber) {
    if (current == null) {
      return;
    }
    Long first = headerLineByTime.putIfAbsent(current, lineNumber);
    duplicateReason = first == null ? null
        : "snapshot taken at " + Instant.EPOCH.plus(current, ChronoUnit.MICROS)
            + " was already read from line " + first + " (the same snapshot taken twice)";
  }

  /**
   * The time of the current snapshot's rows.
   *
   * @throws RecordRejectedException when the snapshot has no time or repeats one already read
   */
  public long rowTime() {
    if (current == null) {
      throw new RecordRejectedException(missingReason);
    }
    if (duplicateReason != null) {
      throw new RecordRejectedException(duplicateReason);
    }
    return current;
  }
}
