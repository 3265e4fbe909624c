package io.opslake.ingest.engine;

import java.io.Serializable;

/** Record counts for one input format (mutable while a task runs, then shipped to the driver). */
public final class FormatStats implements Serializable {
  private static final long serialVersionUID = 1L;
  long recordsRead;
  long eventsWritten;
  long metricsWritten;
  long quarantined;
  long blankLines;
  long bytes;

  public long recordsRead() {
    return recordsRead;
  }

  public long eventsWritten() {
    return eventsWritten;
  }

  public long metricsWritten() {
    return metricsWritten;
  }

  public long quarantined() {
    return quarantined;
  }

  public long blankLines() {
    return blankLines;
  }

  public long bytes() {
    return bytes;
  }

  /** A new total of both. */
  public FormatStats plus(FormatStats other) {
    FormatStats total = new FormatStats();
    total.add(this);
    total.add(other);
    return total;
  }

  void add(FormatStats other) {
    recordsRead += other.recordsRead;
    eventsWritten += other.eventsWritten;
    metricsWritten += other.metricsWritten;
    quarantined += other.quarantined;
    blankLines += other.blankLines;
    bytes += other.bytes;
  }
}
