package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Synthetic series with a planted lead, and independent trending series (hand-made, no published figures). */
class LaggedCorrelationTest {
  @Test
  void twoTrendingButIndependentSeriesAreNotReported() {
    Random random = new Random(17);
    double[] x = new double[1000];
    double[] y = new double[1000];
    for (int t = 0; t < x.length; t++) {
      x[t] = 100 + 0.5 * t + 5 * random.nextGaussian();
      y[t] = 20 + 0.2 * t + 3 * random.nextGaussian();
    }
    // Undetrended they correlate almost perfectly.
    assertThat(new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(x, y))
        .isGreaterThan(0.95);

    LaggedCorrelation.Result result = LaggedCorrelation.of(x, y, 30).orElseThrow();

    assertThat(result.pValue()).isGreaterThan(0.05);
    assertThat(result.strength()).isLessThan(0.15);
  }

  @Test
  void aPlantedLeadIsFoundWithItsSign() {
    Random random = new Random(5);
    int n = 1440;
    double[] descriptors = new double[n];
    double[] errors = new double[n];
    double walk = 0;
    for (int t = 0; t < n; t++) {
      walk += random.nextGaussian();
      descriptors[t] = 1000 + 0.3 * t + walk;
    }
    for (int t = 0; t < n; t++) {
      errors[t] = (t >= 4 ? 2 * descriptors[t - 4] : 2000) + 0.5 * t + random.nextGaussian();
    }

    LaggedCorrelation.Result lead = LaggedCorrelation.of(descriptors, errors, 15).orElseThrow();
    assertThat(lead.lag()).isEqualTo(4);
    assertThat(lead.r()).isGreaterThan(0.8);
    assertThat(lead.pValue()).isLessThan(1e-6);
    assertThat(lead.sentence("open descriptors", "connection errors", 1, "minutes"))
        .startsWith("open descriptors lead connection errors by 4.00 minutes (r = 0.");

    double[] inverted = new double[n];
    for (int t = 0; t < n; t++) {
      inverted[t] = -errors[t];
    }
    LaggedCorrelation.Result follow = LaggedCorrelation.of(inverted, descriptors, 15).orElseThrow();
    assertThat(follow.lag()).isEqualTo(-4);
    assertThat(follow.r()).isLessThan(-0.8);
  }
}
