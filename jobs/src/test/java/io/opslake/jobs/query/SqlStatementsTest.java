package io.opslake.jobs.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {
  @Test
  void splitsOnSemicolonsAndKeepsTheUnfinishedRest() {
    SqlStatements.Split split = SqlStatements.split("SELECT 1;\nSELECT 2 ; SELECT\n  3");

    assertThat(split.statements()).containsExactly("SELECT 1", "SELECT 2");
    assertThat(split.remainder()).isEqualTo(" SELECT\n  3");
    assertThat(split.remainderIsBlank()).isFalse();
  }

  @Test
  void aSemicolonInsideQuotesOrCommentsDoesNotEndTheStatement() {
    String text = "SELECT 'a;b', \"c;d\", `e;f` -- g;h\n /* i;j */ FROM t;";

    SqlStatements.Split split = SqlStatements.split(text);

    assertThat(split.statements()).containsExactly("SELECT 'a;b', \"c;d\", `e;f` -- g;h\n /* i;j */ FROM t");
    assertThat(split.remainderIsBlank()).isTrue();
  }

  @Test
  void aBackslashEscapesTheQuoteInsideAStringLiteral() {
    SqlStatements.Split split = SqlStatements.split("SELECT 'it\\'s;' AS x; SELECT 'open;");

    assertThat(split.statements()).containsExactly("SELECT 'it\\'s;' AS x");
    assertThat(split.remainder()).isEqualTo(" SELECT 'open;");
  }

  @Test
  void emptyStatementsAndTrailingCommentsAreNotStatements() {
    SqlStatements.Split split = SqlStatements.split(";; -- only a comment;\n;SELECT 1; /* done */ -- bye");

    assertThat(split.statements()).containsExactly("SELECT 1");
    assertThat(split.remainderIsBlank()).isTrue();
  }

  @Test
  void anUnclosedBlockCommentSwallowsTheSemicolon() {
    SqlStatements.Split split = SqlStatements.split("SELECT 1 /* not closed; ");

    assertThat(split.statements()).isEmpty();
    assertThat(split.remainderIsBlank()).isFalse();
  }
}
