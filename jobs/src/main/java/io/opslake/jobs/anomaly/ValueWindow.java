package io.opslake.jobs.anomaly;

import java.io.Serializable;

/**
 * The last {@code capacity} values of a stream, oldest first by {@link #get}: the bounded memory
 * every sub-detector keeps. {@link #copyTo} gives the values in arrival order for the robust
 * statistics.
 */
final class ValueWindow implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] values;
  private int next;
  private int size;

  ValueWindow(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.values = new double[capacity];
  }

  void add(double value) {
    values[next] = value;
    next = (next + 1) % values.length;
    if (size < values.length) {
      size++;
    }
  }

  int size() {
    return size;
  }

  int capacity() {
    return values.length;
  }

  /** The {@code index}-th value held, 0 being the oldest. */
  double get(int index) {
    return values[(next - size + index + values.length) % values.length];
  }

  /** The value {@code lag} steps back, 0 being the newest. */
  double back(int lag) {
    return get(size - 1 - lag);
  }

  /** Copies the last {@code count} values (oldest first) into {@code target}; returns the count copied. */
  int copyTo(double[] target, int count) {
    int copied = Math.min(count, size);
    for (int i = 0; i < copied; i++) {
      target[i] = get(size - copied + i);
    }
    return copied;
  }
}
