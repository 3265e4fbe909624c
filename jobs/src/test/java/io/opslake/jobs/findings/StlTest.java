package io.opslake.jobs.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class StlTest {
  /**
   * R 4.2.2 {@code stl(nottem, "periodic")}: monthly mean air temperature at Nottingham 1920–1939
   * (datasets::nottem, 240 values) with R's seasonal, trend and remainder, written by {@code
   * write.csv(data.frame(value = as.numeric(nottem), s$time.series), ...)} into the test resource
   * findings/nottem_stl.csv. Tolerance: 1e-6 °F on every component.
   */
  @Test
  void reproducesRsPeriodicStlOfNottem() throws IOException {
    List<String> lines = lines("findings/nottem_stl.csv");
    int n = lines.size() - 1;
    double[][] columns = new double[4][n];
    for (int i = 0; i < n; i++) {
      String[] fields = lines.get(i + 1).split(",");
      for (int c = 0; c < 4; c++) {
        columns[c][i] = Double.parseDouble(fields[c]);
      }
    }

    Stl.Components components = Stl.decompose(columns[0], 12);

    double worst = 0;
    for (int i = 0; i < n; i++) {
      worst = Math.max(worst, Math.abs(components.seasonal()[i] - columns[1][i]));
      worst = Math.max(worst, Math.abs(components.trend()[i] - columns[2][i]));
      worst = Math.max(worst, Math.abs(components.remainder()[i] - columns[3][i]));
    }
    assertThat(worst).isLessThan(1e-6);
  }

  static List<String> lines(String resource) throws IOException {
    try (var in = Objects.requireNonNull(StlTest.class.getClassLoader().getResourceAsStream(resource))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
