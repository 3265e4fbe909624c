package io.opslake.ingest.format.hoststats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void everySuffixTheToolsPrintIsAPowerOf1024ComputedExactly() {
    assertThat(Sizes.bytes("3.8G", 1)).isEqualTo(4_080_218_931d);
    assertThat(Sizes.bytes("512M", 1)).isEqualTo(536_870_912d);
    assertThat(Sizes.bytes("1.5T", 1)).isEqualTo(1_649_267_441_664d);
    assertThat(Sizes.bytes("980K", 1)).isEqualTo(1_003_520d);
    assertThat(Sizes.bytes("0B", 1024)).isZero();
    assertThat(Sizes.bytes("12B", 1024)).isEqualTo(12d);
    assertThat(Sizes.bytes("1.2Gi", 1024)).isEqualTo(1_288_490_189d);
    assertThat(Sizes.bytes("15Gi", 1024)).isEqualTo(16_106_127_360d);
    assertThat(Sizes.bytes("1.2GiB", 1)).isEqualTo(1_288_490_189d);
    assertThat(Sizes.bytes("16333764k", 1024)).isEqualTo(16_725_774_336d);
    assertThat(Sizes.bytes("1,5Gi", 1)).isEqualTo(1_610_612_736d);
  }

  @Test
  void plainNumbersTakeTheCallersUnit() {
    assertThat(Sizes.bytes("16333764", 1024)).isEqualTo(16_725_774_336d);
    assertThat(Sizes.bytes("4096", 1)).isEqualTo(4096d);
  }

  @Test
  void nonSizesAreRejectedWithTheText() {
    assertThatThrownBy(() -> Sizes.bytes("12X", 1)).isInstanceOf(HostStatsRejection.class).hasMessage("'12X' is not a number");
    assertThatThrownBy(() -> Sizes.bytes("3i", 1)).hasMessage("size '3i' has 'i' without K, M, G, T, P or E");
    assertThatThrownBy(() -> Sizes.bytes("G", 1)).hasMessage("'G' is not a number");
    assertThatThrownBy(() -> Sizes.bytes("", 1)).hasMessage("'' is not a number");
    assertThatThrownBy(() -> Sizes.bytes("1.2.3G", 1)).hasMessage("'1.2.3G' is not a number");
  }
}
