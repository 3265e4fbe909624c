package io.opslake.jobs.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void numbersAreRightAlignedTextLeftAlignedAndNullShown() {
    String text = TextTable.render(List.of("type", "n"), List.of(false, true),
        List.of(List.of("exception", "412"), Arrays.asList(null, "3")), 60);

    assertThat(text).isEqualTo("""
        +-----------+-----+
        | type      | n   |
        +-----------+-----+
        | exception | 412 |
        | NULL      |   3 |
        +-----------+-----+
        """);
  }

  @Test
  void longValuesAreCutAndLineBreaksShownSoOneRowStaysOneLine() {
    String text = TextTable.render(List.of("message"), List.of(false),
        List.of(List.of("first line\nsecond\tline that is long")), 12);

    assertThat(text.split("\n")).containsExactly(
        "+--------------+",
        "| message      |",
        "+--------------+",
        "| first line\\… |",
        "+--------------+");
  }

  @Test
  void anEmptyResultStillShowsItsHeader() {
    String text = TextTable.render(List.of("a", "bb"), List.of(true, false), List.of(), 60);

    assertThat(text).isEqualTo("""
        +---+----+
        | a | bb |
        +---+----+
        +---+----+
        """);
  }
}
