package io.opslake.storage;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The partitions a {@link PartitionRebuild} answers for: after the commit, each partition in scope
 * holds exactly what the run staged for it, so an existing day in scope that the run did not stage
 * is emptied (its input is gone). Days out of scope are never touched.
 */
public final class RebuildScope {
  private final Predicate<LocalDate> contains;
  private final String description;

  private RebuildScope(Predicate<LocalDate> contains, String description) {
    this.contains = contains;
    this.description = description;
  }

  /** The days {@code from} to {@code to}, inclusive. */
  public static RebuildScope range(LocalDate from, LocalDate to) {
    return new RebuildScope(date -> !date.isBefore(from) && !date.isAfter(to), from + ".." + to);
  }

  /** Exactly these days. */
  public static RebuildScope dates(Collection<LocalDate> dates) {
    Set<LocalDate> copy = Set.copyOf(dates);
    return new RebuildScope(copy::contains, copy.size() + " dates");
  }

  /** Every day: the run replaces the whole table. */
  public static RebuildScope wholeTable() {
    return new RebuildScope(date -> true, "whole table");
  }

  public boolean contains(LocalDate date) {
    return contains.test(date);
  }

  @Override
  public String toString() {
    return description;
  }
}
