package io.opslake.jobs.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.opslake.jobs.Jobs;
import io.opslake.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code query --format csv}: RFC 4180 quoting, nulls and nested values, byte for byte. */
class QueryCsvTest {
  @TempDir Path warehouse;

  private String csv(String sql) throws Exception {
    StringWriter text = new StringWriter();
    QueryOptions options =
        new QueryOptions(sql, QueryOptions.OutputFormat.CSV, Optional.empty(), warehouse.toString(), 20);
    Jobs.query(SharedSpark.session(), options, new PrintWriter(text));
    return text.toString();
  }

  @Test
  void quotesOnlyWhatNeedsQuotingAndLeavesNullsEmpty() throws Exception {
    String out = csv("select 'a,b' as x, 'say \"hi\"' as y, cast(null as string) as z, array(1, 2) as nested,"
        + " ' padded ' as `c,d` union all select 'two\nlines', '', 'plain', array(), '#'");

    assertThat(out).isEqualTo("x,y,z,nested,\"c,d\"\n"
        + "\"a,b\",\"say \"\"hi\"\"\",,\"[1,2]\", padded \n"
        + "\"two\nlines\",,plain,[],#\n");
  }

  @Test
  void aSingleNullColumnIsAnEmptyLine() throws Exception {
    assertThat(csv("select cast(null as string) as only")).isEqualTo("only\n\n");
  }
}
