package io.opslake.jobs.anomaly;

import java.io.Serializable;

/**
 * Turns a raw sub-score into a conformal p-value: the share of the last {@code capacity} raw
 * scores that were at least as large, counting the new one, {@code (1 + #{past >= x}) / (1 + n)}
 * (Vovk et al.'s inductive conformal p-value, as in KNN-CAD). The score is compared with the past
 * only and then added, so the p-value of a point never depends on later points. A p-value can be
 * no smaller than {@code 1 / (n + 1)}, so a young series cannot raise small p-values. Memory: the
 * last {@code capacity} raw scores.
 */
final class ConformalRank implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ValueWindow past;

  ConformalRank(int capacity) {
    this.past = new ValueWindow(capacity);
  }

  /** The p-value of {@code raw} against the past raw scores; then remembers {@code raw}. */
  double pValue(double raw) {
    int atLeast = 0;
    int n = past.size();
    for (int i = 0; i < n; i++) {
      if (past.get(i) >= raw) {
        atLeast++;
      }
    }
    past.add(raw);
    return (1.0 + atLeast) / (1.0 + n);
  }
}
