package io.opslake.jobs.anomaly;

import java.io.Serializable;

/**
 * Sub-score 2, contextual novelty (in the spirit of KNN-CAD, Burnaev &amp; Ishimtsev 2016): the
 * context of a point is the vector of its last {@code contextLength} values; its nonconformity is
 * the mean Euclidean distance to its {@code neighbours} nearest contexts among the last
 * {@code contextHistory} ones. Contexts that overlap the current one are left out, else every
 * smooth series would look familiar. A pattern never seen before (a new level, a new shape, a
 * missing daily bump) scores high even when each value alone is ordinary. The raw distance is
 * not scaled: {@link ConformalRank} compares it only with the series' own past distances.
 *
 * <p>Hand-written because no library here keeps a bounded, streaming k-nearest-neighbour
 * set. Memory per series: the last {@code contextHistory + contextLength} values (contexts are
 * windows over them, not copies). Time per point: {@code contextHistory × contextLength}.
 */
final class ContextNovelty implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int length;
  private final int neighbours;
  private final ValueWindow values;
  private final double[] nearest;

  ContextNovelty(DetectorParameters parameters) {
    this.length = parameters.contextLength();
    this.neighbours = parameters.neighbours();
    this.values = new ValueWindow(parameters.contextHistory() + 2 * parameters.contextLength());
    this.nearest = new double[parameters.neighbours()];
  }

  /** The nonconformity of the context ending with {@code value}; then learns it. */
  double raw(double value) {
    values.add(value);
    int size = values.size();
    // Contexts end at positions length-1 .. size-1-length (0 = oldest), clear of the current one.
    int lastEnd = size - 1 - length;
    int firstEnd = length - 1;
    if (lastEnd - firstEnd + 1 < neighbours) {
      return 0;
    }
    java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int end = firstEnd; end <= lastEnd; end++) {
      double distance = 0;
      for (int j = 0; j < length; j++) {
        double difference = values.get(end - j) - values.get(size - 1 - j);
        distance += difference * difference;
      }
      insert(distance);
    }
    double sum = 0;
    for (double squared : nearest) {
      sum += Math.sqrt(squared);
    }
    return sum / neighbours;
  }

  /** Keeps the {@code neighbours} smallest distances seen, in ascending order. */
  private void insert(double distance) {
    int i = nearest.length - 1;
    if (distance >= nearest[i]) {
      return;
    }
    while (i > 0 && nearest[i - 1] > distance) {
      nearest[i] = nearest[i - 1];
      i--;
    }
    nearest[i] = distance;
  }
}
