package io.opslake.jobs.findings;

import java.util.Arrays;

/**
 * The present points of a regular series: positions (step indices) and values, NaN (a bucket without
 * a measure) left out, thinned to at most a given number of points by keeping every k-th present
 * point (deterministic; positions keep their original step index, so slopes stay per step).
 */
record SeriesPoints(double[] positions, double[] values, int presentPoints) {
  static SeriesPoints of(double[] series, int maxPoints) {
    int present = 0;
    for (double value : series) {
      if (!Double.isNaN(value)) {
        present++;
      }
    }
    int every = Math.max(1, (present + maxPoints - 1) / maxPoints);
    double[] positions = new double[(present + every - 1) / every];
    double[] values = new double[positions.length];
    int seen = 0;
    int kept = 0;
    for (int i = 0; i < series.length; i++) {
      if (Double.isNaN(series[i])) {
        continue;
      }
      if (seen++ % every == 0) {
        positions[kept] = i;
        values[kept++] = series[i];
      }
    }
    return new SeriesPoints(positions, values, present);
  }

  int size() {
    return values.length;
  }

  boolean thinned() {
    return values.length < presentPoints;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeriesPoints that
        && Arrays.equals(positions, that.positions)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "SeriesPoints[" + values.length + " of " + presentPoints + "]";
  }
}
