package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {
  /**
   * The 15 p-values of Benjamini and Hochberg (1995), §4.1 (Neuhaus et al.'s myocardial infarction
   * trial): at q = 0.05 the procedure rejects the four smallest. Adjusted values from R 4.2.2 {@code
   * p.adjust(p, "BH")}; tolerance 1e-12.
   */
  @Test
  void theOriginalPapersExample() {
    double[] p = {
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719,
      0.6528, 0.7590, 1.000
    };
    double[] r = {
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571429, 0.0638571428571429, 0.0645, 0.0765,
      0.486, 0.5811818181818181, 0.7148749999999999, 0.7532307692307693, 0.8132142857142857, 1
    };

    double[] adjusted = BenjaminiHochberg.adjust(p);

    for (int i = 0; i < p.length; i++) {
      assertThat(adjusted[i]).as("p[%d]", i).isCloseTo(r[i], within(1e-12));
    }
    assertThat(BenjaminiHochberg.rejected(p, 0.05))
        .containsExactly(true, true, true, true, false, false, false, false, false, false, false,
            false, false, false, false);
  }

  /**
   * Unsorted input: the example of R package HDLSSkST's {@code BenHoch} (documented output 0 1 1 0 1
   * 0 1 at α = 0.05); adjusted values from R 4.2.2 {@code p.adjust(p, "BH")}, which by hand are
   * 0.0025·7/2 = 0.00875, 0.001·7/1 = 0.007, 0.01·7/3 = 0.02333, 0.02·7/4 = 0.035, 0.05·7/5 = 0.07,
   * 0.5·7/6 = 0.58333, 0.69·7/7 = 0.69. Tolerance 1e-12.
   */
  @Test
  void unsortedInputKeepsItsOrder() {
    double[] p = {0.50, 0.01, 0.001, 0.69, 0.02, 0.05, 0.0025};

    assertThat(BenjaminiHochberg.adjust(p))
        .containsExactly(
            new double[] {0.5833333333333334, 0.0233333333333333, 0.007, 0.69, 0.035, 0.07, 0.00875},
            within(1e-12));
    assertThat(BenjaminiHochberg.rejected(p, 0.05))
        .containsExactly(false, true, true, false, true, false, true);
  }

  @Test
  void monotoneAndCappedAtOne() {
    // By hand: 0.04·3/3 = 0.04 is below 0.03·3/2 = 0.045, so the step-up minimum carries 0.04 down.
    assertThat(BenjaminiHochberg.adjust(new double[] {0.03, 0.04, 0.02}))
        .containsExactly(new double[] {0.04, 0.04, 0.04}, within(1e-15));
    assertThat(BenjaminiHochberg.adjust(new double[] {0.9, 0.8})).containsExactly(0.9, 0.9);
    assertThat(BenjaminiHochberg.adjust(new double[0])).isEmpty();
    assertThatThrownBy(() -> BenjaminiHochberg.adjust(new double[] {Double.NaN}))
        .hasMessage("p-values must lie in [0, 1]: NaN");
  }
}
