package io.opslake.jobs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UslCsvTest {
  @TempDir Path temp;

  @Test
  void readsLoadAndThroughputSkippingCommentsBlankLinesAndFurtherColumns() throws IOException {
    Path csv = write("# measured 2026-11-20\nthreads,ops_per_s,p99_ms\n1, 955.16 ,3\n\n\"2\",1.87891e3,4\n4,3548.68\n");

    assertThat(UslCsv.read(csv)).containsExactly(
        new LoadPoint(1, 955.16), new LoadPoint(2, 1878.91), new LoadPoint(4, 3548.68));
  }

  @Test
  void textWhereANumberBelongsNamesTheLine() throws IOException {
    Path csv = write("load,throughput\n1,10\n2,abc\n4,30\n");

    assertThatThrownBy(() -> UslCsv.read(csv))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
        .hasMessage("Cannot fit USL: line 3 of " + csv + ": 'abc' is not a number");
  }

  @Test
  void lineNumbersCountCommentsAndBlankLines() throws IOException {
    Path csv = write("# a comment\nload,throughput\n\n1,10\nNaN,20\n");

    assertThatThrownBy(() -> UslCsv.read(csv)).hasMessage("Cannot fit USL: line 5 of " + csv + ": 'NaN' is not a number");
  }

  @Test
  void aMissingColumnNamesTheLine() throws IOException {
    Path one = write("load,throughput\n1,10\n2\n");
    assertThatThrownBy(() -> UslCsv.read(one))
        .hasMessage("Cannot fit USL: line 3 of " + one + ": no throughput (second column)");

    Path empty = write("load,throughput\n,10\n");
    assertThatThrownBy(() -> UslCsv.read(empty))
        .hasMessage("Cannot fit USL: line 2 of " + empty + ": no load (first column)");
  }

  @Test
  void loadsMustBePositiveAndThroughputsNotNegative() throws IOException {
    Path zero = write("load,throughput\n0,10\n");
    assertThatThrownBy(() -> UslCsv.read(zero)).hasMessage("Cannot fit USL: line 2 of " + zero + ": load 0 is not positive");

    Path negative = write("load,throughput\n1,10\n2,-5\n");
    assertThatThrownBy(() -> UslCsv.read(negative))
        .hasMessage("Cannot fit USL: line 3 of " + negative + ": throughput -5 is negative");

    Path huge = write("load,throughput\n1,1e400\n");
    assertThatThrownBy(() -> UslCsv.read(huge)).hasMessage("Cannot fit USL: line 2 of " + huge + ": '1e400' is out of range");
  }

  @Test
  void anEmptyFileAHeaderAloneOrNoHeaderAreUsageErrors() throws IOException {
    Path empty = write("");
    assertThatThrownBy(() -> UslCsv.read(empty))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
        .hasMessage("Cannot fit USL: " + empty + " is empty; expected a header such as load,throughput");

    Path headerOnly = write("load,throughput\n");
    assertThatThrownBy(() -> UslCsv.read(headerOnly))
        .hasMessage("Cannot fit USL: " + headerOnly + " has a header but no measurements");

    Path noHeader = write("1,10\n2,20\n");
    assertThatThrownBy(() -> UslCsv.read(noHeader))
        .hasMessage("Cannot fit USL: line 1 of " + noHeader + ": expected a header such as load,throughput, found the"
            + " numbers '1' and '10'");

    Path oneColumn = write("load\n1\n");
    assertThatThrownBy(() -> UslCsv.read(oneColumn))
        .hasMessage("Cannot fit USL: line 1 of " + oneColumn + ": the header has 1 column; expected two, the load and"
            + " the throughput (e.g. load,throughput)");
  }

  @Test
  void aFieldLongerThanTheParserTakesNamesTheLine() throws IOException {
    Path csv = write("load,throughput\n1,10\n2," + "9".repeat(5000) + "\n");

    assertThatThrownBy(() -> UslCsv.read(csv))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
        .hasMessageStartingWith("Cannot fit USL: line 3 of " + csv + ": not readable as CSV: Length of parsed input (4097)");
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(temp, "points", ".csv");
    return Files.writeString(file, text);
  }
}
