package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.opslake.errors.OpslakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No published worked example exists for the fill date itself; these checks are hand-computed
 * (the arithmetic is in each test) or planted, as in sample-data/SCENARIO.md "A disk that fills".
 */
class ResourceExhaustionTest {
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final double MIB = 1024.0 * 1024;
  private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

  private static List<Instant> hourly(int hours) {
    List<Instant> times = new ArrayList<>();
    for (int h = 0; h < hours; h++) {
      times.add(START.plus(Duration.ofHours(h)));
    }
    return times;
  }

  @Test
  void exactLinearFillIsFoundToTheSecond() {
    // 6 GiB + 256 MiB/h on 64 GiB: (64 − 6) GiB / 0.25 GiB/h = 232 h = 9 d 16 h after the start,
    // 2026-10-10T16:00Z. A perfect line has a zero-width band.
    double[] used = new double[120];
    for (int h = 0; h < used.length; h++) {
      used[h] = 6 * GIB + 256 * MIB * h;
    }
    ExhaustionForecast forecast =
        new ResourceExhaustion().forecast("/var/log on dc0-web01", hourly(120), used, 64 * GIB, ResourceUnit.BYTES);

    assertThat(forecast.status()).isEqualTo(ExhaustionForecast.Status.FILLS);
    assertThat(forecast.exhaustedAt()).isEqualTo(Instant.parse("2026-10-10T16:00:00Z"));
    assertThat(forecast.ratePerHour()).isCloseTo(256 * MIB, within(1e-3));
    assertThat(forecast.sentence())
        .isEqualTo("/var/log on dc0-web01 fills on 2026-10-10 (95 % band 10-10 – 10-10) at 256 MiB/h");
  }

  @Test
  void noisyPlantedFillIsFoundWithinADay() {
    // The scenario's disk with 64 MiB of noise per reading, 5 days observed: truth 2026-10-10T16:00Z.
    Random random = new Random(11);
    double[] used = new double[120];
    for (int h = 0; h < used.length; h++) {
      used[h] = 6 * GIB + 256 * MIB * h + 64 * MIB * random.nextGaussian();
    }
    ExhaustionForecast forecast =
        new ResourceExhaustion().forecast("/var/log on dc0-web01", hourly(120), used, 64 * GIB, ResourceUnit.BYTES);

    Instant truth = Instant.parse("2026-10-10T16:00:00Z");
    assertThat(forecast.status()).isEqualTo(ExhaustionForecast.Status.FILLS);
    assertThat(Duration.between(truth, forecast.exhaustedAt()).abs()).isLessThan(Duration.ofDays(1));
    assertThat(forecast.earliest()).isBefore(truth);
    assertThat(forecast.latest()).isAfter(truth);
    assertThat(forecast.sentence()).startsWith("/var/log on dc0-web01 fills on 2026-10-10 (95 % band 10-");
  }

  @Test
  void flatSeriesIsNotGrowing() {
    double[] used = new double[48];
    java.util.Arrays.fill(used, 40 * GIB);
    ExhaustionForecast forecast =
        new ResourceExhaustion().forecast("/data on db01", hourly(48), used, 64 * GIB, ResourceUnit.BYTES);

    assertThat(forecast.status()).isEqualTo(ExhaustionForecast.Status.NOT_GROWING);
    assertThat(forecast.exhaustedAt()).isNull();
    assertThat(forecast.sentence()).isEqualTo("/data on db01 is not growing (40 GiB of 64 GiB used; trend 0 B/h, p = 1.0)");
  }

  @Test
  void pureNoiseIsNotGrowing() {
    Random random = new Random(7);
    double[] used = new double[336];
    for (int h = 0; h < used.length; h++) {
      used[h] = 40 * GIB + GIB * random.nextGaussian();
    }
    ExhaustionForecast forecast =
        new ResourceExhaustion().forecast("/data on db01", hourly(336), used, 64 * GIB, ResourceUnit.BYTES);

    assertThat(forecast.status()).isEqualTo(ExhaustionForecast.Status.NOT_GROWING);
    assertThat(forecast.slopeP()).isGreaterThan(ResourceExhaustion.SIGNIFICANCE);
  }

  @Test
  void slowGrowthBeyondFiveYearsSaysSoInsteadOfADate() {
    // 10 GiB + 1 MiB/h on 64 GiB: 54 × 1024 h = 55,296 h ≈ 6.3 years, beyond the 5-year horizon.
    double[] used = new double[336];
    for (int h = 0; h < used.length; h++) {
      used[h] = 10 * GIB + MIB * h;
    }
    ExhaustionForecast forecast =
        new ResourceExhaustion().forecast("/srv on app01", hourly(336), used, 64 * GIB, ResourceUnit.BYTES);

    assertThat(forecast.status()).isEqualTo(ExhaustionForecast.Status.NOT_WITHIN_HORIZON);
    assertThat(forecast.exhaustedAt()).isNull();
    assertThat(forecast.sentence())
        .isEqualTo("/srv on app01 grows at 1 MiB/h (10.3 GiB of 64 GiB used) but does not fill within 5 years");
  }

  @Test
  void descriptorsCountedAgainstALimit() {
    // 2 + 10/min = 600/h against a limit of 65,536: (65,536 − 2 − 600 × 11) / 600 h after the
    // 12th hourly reading at 11 h... the reading at hour h is 2 + 600h, so full at h = 65,534/600 =
    // 109.22 h = 4 d 13 h 13 min 24 s after the start.
    double[] open = new double[12];
    for (int h = 0; h < open.length; h++) {
      open[h] = 2 + 600.0 * h;
    }
    ExhaustionForecast forecast =
        new ResourceExhaustion().forecast("UDP sockets of java on dc0-api01", hourly(12), open, 65536,
            ResourceUnit.COUNT);

    assertThat(forecast.exhaustedAt()).isEqualTo(Instant.parse("2026-10-05T13:13:24Z"));
    assertThat(forecast.sentence()).isEqualTo(
        "UDP sockets of java on dc0-api01 fills on 2026-10-05 (95 % band 10-05 – 10-05) at 600/h");
  }

  @Test
  void tooFewPointsAreRefused() {
    assertThatThrownBy(() -> new ResourceExhaustion().forecast("/var on x", hourly(2), new double[] {1, 2}, 10,
            ResourceUnit.BYTES))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot forecast exhaustion of /var on x: 2 points in the last PT336H; a trend and its band need "
            + "at least 3");
  }
}
