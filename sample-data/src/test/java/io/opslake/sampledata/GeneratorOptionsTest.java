package io.opslake.sampledata;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {
  private static final Path OUT = Path.of("/tmp/landing");

  @Test
  void defaultsAreDocumented() {
    GeneratorOptions options = GeneratorOptions.defaults(OUT);
    assertThat(options.start()).hasToString("2026-10-01");
    assertThat(options.formats()).containsExactlyInAnyOrder(SampleFormat.values());
    assertThat(options.compress()).isEqualTo(Compression.GZIP);
    assertThat(options.pageLoadsPerHostHour()).isEqualTo(120);
    assertThat(options.malformedRatio()).isEqualTo(0.005);
  }

  @Test
  void rejectsDaysOutOfRange() {
    assertThatThrownBy(() -> GeneratorOptions.defaults(OUT).withDays(0))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
        .hasMessage("Cannot generate sample data: --days 0 is not between 1 and 3660");
    assertThatThrownBy(() -> GeneratorOptions.defaults(OUT).withDays(3661))
        .hasMessage("Cannot generate sample data: --days 3661 is not between 1 and 3660");
  }

  @Test
  void rejectsHostsOutOfRange() {
    assertThatThrownBy(() -> GeneratorOptions.defaults(OUT).withHosts(0))
        .hasMessage("Cannot generate sample data: --hosts 0 is not between 1 and 999");
  }

  @Test
  void rejectsEmptyFormatsAndMissingOut() {
    assertThatThrownBy(() -> GeneratorOptions.defaults(OUT).withFormats(Set.of()))
        .hasMessage("Cannot generate sample data: --formats is empty");
    assertThatThrownBy(() -> GeneratorOptions.defaults(OUT).withOut(null))
        .hasMessage("Cannot generate sample data: --out is missing");
  }

  @Test
  void rejectsRatesOutOfRange() {
    assertThatThrownBy(() -> GeneratorOptions.defaults(OUT).withPageLoadsPerHostHour(0))
        .hasMessage("Cannot generate sample data: --page-loads-per-host-hour 0 is not between 1 and 100000");
    assertThatThrownBy(() -> GeneratorOptions.defaults(OUT).withMalformedRatio(0.6))
        .hasMessage("Cannot generate sample data: --malformed-ratio 0.6 is not between 0 and 0.5");
    assertThatThrownBy(() -> GeneratorOptions.defaults(OUT).withMalformedRatio(Double.NaN))
        .hasMessage("Cannot generate sample data: --malformed-ratio NaN is not between 0 and 0.5");
  }

  @Test
  void rejectsDatesBeyondThePlausibleWindow() {
    assertThatThrownBy(() -> new GeneratorOptions(3000, 2, 1, OUT, java.time.LocalDate.of(2075, 1, 1),
            EnumSet.allOf(SampleFormat.class), Compression.NONE, 120, 0.005))
        .hasMessage("Cannot generate sample data: --start 2075-01-01 with --days 3000 is not between 2000 and 2079");
  }

  @Test
  void formatsAreCopiedImmutably() {
    Set<SampleFormat> formats = EnumSet.of(SampleFormat.ZAP);
    GeneratorOptions options = GeneratorOptions.defaults(OUT).withFormats(formats);
    formats.add(SampleFormat.STATSD);
    assertThat(options.formats()).containsExactly(SampleFormat.ZAP);
  }
}
