package io.opslake.jobs.findings;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini–Hochberg adjusted p-values (the step-up false discovery rate procedure): with the m
 * p-values sorted ascending, p_(i) becomes min over j ≥ i of min(1, m·p_(j)/j), returned in the input
 * order. Equal to R's {@code p.adjust(p, "BH")}; a finding whose adjusted p-value is at most q belongs
 * to the BH rejection set at false discovery rate q. Cost: O(m log m) time, O(m) memory, on the
 * driver or per group of pairs. Commons Math 3.6.1 has no multiple-testing adjustment, hence this
 * class.
 *
 * <p>Reference: Y. Benjamini and Y. Hochberg, "Controlling the false discovery rate: a practical and
 * powerful approach to multiple testing", JRSS B 57(1), 1995.
 */
public final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  /** The adjusted p-values, in the order of {@code pValues}. */
  public static double[] adjust(double[] pValues) {
    int m = pValues.length;
    for (double p : pValues) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("p-values must lie in [0, 1]: " + p);
      }
    }
    Integer[] order =
        IntStream.range(0, m)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> pValues[i]))
            .toArray(Integer[]::new);
    double[] adjusted = new double[m];
    double running = 1;
    for (int rank = m; rank >= 1; rank--) {
      int index = order[rank - 1];
      running = Math.min(running, pValues[index] * m / rank);
      adjusted[index] = running;
    }
    return adjusted;
  }

  /** Which hypotheses BH rejects at false discovery rate q, in input order. */
  public static boolean[] rejected(double[] pValues, double q) {
    double[] adjusted = adjust(pValues);
    boolean[] rejected = new boolean[adjusted.length];
    for (int i = 0; i < adjusted.length; i++) {
      rejected[i] = adjusted[i] <= q;
    }
    return rejected;
  }
}
