package io.opslake.jobs.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.jobs.csv.CsvFormat;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transition report is CSV a CSV reader reads back to the same values, without Spark. */
class TransitionReportTest {
  @Test
  void valuesWithCommasQuotesAndLineBreaksParseBackUnchanged() {
    List<ReclassifyResult.Transition> transitions = List.of(
        new ReclassifyResult.Transition("exception", "404", 12, 0.5, List.of("id,1", "id\"2\"", "plain")),
        new ReclassifyResult.Transition(null, "type, with comma", 3, 0.125, List.of("multi\nline", " padded ")),
        new ReclassifyResult.Transition("gc", "gc", 9, 0.375, List.of()));

    String csv = ReclassifyJob.reportCsv(transitions);
    List<String[]> rows = CsvFormat.parser().parseAll(new StringReader(csv));

    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).containsExactly("old_type", "new_type", "count", "share", "examples");
    assertThat(rows.get(1)).containsExactly("exception", "404", "12", "0.500000", "id,1 id\"2\" plain");
    assertThat(rows.get(2)).containsExactly("", "type, with comma", "3", "0.125000", "multi\nline  padded ");
    assertThat(rows.get(3)).containsExactly("gc", "gc", "9", "0.375000", "");
    assertThat(rows).allSatisfy(row -> assertThat(row).as(Arrays.toString(row)).hasSize(5));
  }

  @Test
  void plainValuesAreWrittenAsBefore() {
    String csv = ReclassifyJob.reportCsv(List.of(
        new ReclassifyResult.Transition("exception", "404", 2, 2 / 3.0, List.of("a1", "b2"))));

    assertThat(csv).isEqualTo("old_type,new_type,count,share,examples\nexception,404,2,0.666667,a1 b2\n");
  }
}
