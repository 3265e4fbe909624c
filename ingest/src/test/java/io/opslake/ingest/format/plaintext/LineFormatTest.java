package io.opslake.ingest.format.plaintext;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LineFormatTest {
  @Test
  void splitsTheBenchmarkHdfsLayout() {
    LineFormat format = LineFormat.compile("<Date> <Time> <Pid> <Level> <Component>: <Content>");

    assertThat(format.parse("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating"))
        .containsExactly(Map.entry("Date", "081109"), Map.entry("Time", "203615"), Map.entry("Pid", "148"),
            Map.entry("Level", "INFO"), Map.entry("Component", "dfs.DataNode$PacketResponder"),
            Map.entry("Content", "PacketResponder 1 for block blk_38865049064139660 terminating"));
    assertThat(format.fields()).containsExactly("Date", "Time", "Pid", "Level", "Component", "Content");
  }

  @Test
  void aSpaceMatchesAnyRunOfSpaces() {
    LineFormat format = LineFormat.compile("<Month> <Day> <Time> <Content>");

    assertThat(format.content("Dec  2 06:55:46   hello  world")).isEqualTo("hello  world");
    assertThat(format.regex()).isEqualTo("^(?<f0>.*?)\\s+(?<f1>.*?)\\s+(?<f2>.*?)\\s+(?<f3>.*?)$");
  }

  @Test
  void bracketedPidIsOptionalWithBareOrEscapedBrackets() {
    for (String layout : new String[] {
        "<Month> <Date> <Time> <Host> <Component>([<PID>])?: <Content>",
        "<Month> <Date> <Time> <Host> <Component>(\\[<PID>\\])?: <Content>"}) {
      LineFormat format = LineFormat.compile(layout);
      assertThat(format.parse("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown"))
          .containsEntry("Component", "sshd(pam_unix)").containsEntry("PID", "19939")
          .containsEntry("Content", "check pass; user unknown");
      assertThat(format.parse("Jun 14 15:16:02 combo kernel: Linux version 2.6.5"))
          .containsEntry("Component", "kernel").containsEntry("PID", null)
          .containsEntry("Content", "Linux version 2.6.5");
    }
  }

  @Test
  void bracketsWithinOneFragmentStayACharacterClass() {
    LineFormat format = LineFormat.compile("<Level>[:-] <Content>");

    assertThat(format.content("WARN- disk full")).isEqualTo("disk full");
    assertThat(format.content("WARN: disk full")).isEqualTo("disk full");
    assertThat(format.content("WARN disk full")).isNull();
  }

  @Test
  void linesThatDoNotMatchGiveNull() {
    LineFormat format = LineFormat.compile("<Date> <Time> <Level> <Component>: <Content>");

    assertThat(format.content("just some words")).isNull();
    assertThat(format.parse("just some words")).isNull();
  }

  @Test
  void aLayoutWithoutContentYieldsTheWholeLine() {
    assertThat(LineFormat.compile("<Level> <Rest>").content("INFO x y")).isEqualTo("INFO x y");
  }

  @Test
  void badLayoutsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> LineFormat.compile("no fields"))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
        .hasMessage("Cannot use line format no fields: it has no <Field>");
    assertThatThrownBy(() -> LineFormat.compile("<A> <A>"))
        .hasMessage("Cannot use line format <A> <A>: field <A> appears twice");
    assertThatThrownBy(() -> LineFormat.compile("<A> (<B>"))
        .hasMessage("Cannot use line format <A> (<B>: not a valid pattern (Unclosed group)");
    assertThatThrownBy(() -> LineFormat.compile(" "))
        .hasMessage("Cannot use line format: it is empty");
  }
}
