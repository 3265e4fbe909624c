package io.opslake.jobs.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingAccuracyTest {
  @Test
  void perfectGroupingUnderOtherNamesScoresOne() {
    assertThat(GroupingAccuracy.of(List.of("x", "x", "y"), List.of("A", "A", "B")).accuracy()).isEqualTo(1.0);
  }

  @Test
  void aSplitGroupCountsNoneOfItsLines() {
    GroupingAccuracy.Score score = GroupingAccuracy.of(List.of("x", "z", "y", "y"), List.of("A", "A", "B", "B"));
    assertThat(score).isEqualTo(new GroupingAccuracy.Score(2, 4));
    assertThat(score.accuracy()).isEqualTo(0.5);
  }

  @Test
  void aMergedGroupCountsNoneOfTheMergedLines() {
    // Predicted x covers A and B: wrong for all three; C stays right.
    GroupingAccuracy.Score score = GroupingAccuracy.of(List.of("x", "x", "x", "w"), List.of("A", "A", "B", "C"));
    assertThat(score).isEqualTo(new GroupingAccuracy.Score(1, 4));
  }

  @Test
  void nullIsALabelOfItsOwn() {
    assertThat(GroupingAccuracy.of(Arrays.asList(null, null, "null"), List.of("A", "A", "B")).correct()).isEqualTo(3);
  }

  @Test
  void lengthsMustAgree() {
    assertThatThrownBy(() -> GroupingAccuracy.of(List.of("x"), List.of("A", "B")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute grouping accuracy: 1 predicted labels for 2 lines");
  }
}
