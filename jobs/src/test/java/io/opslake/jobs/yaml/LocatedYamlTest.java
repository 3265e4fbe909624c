package io.opslake.jobs.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Lines, scalars as Jackson's YAML parser reads them, and syntax errors of {@link LocatedYaml}. */
class LocatedYamlTest {
  private static final String DOCUMENT = """
      # a comment
      name: web
      retries: 2
      ratio: 0.25
      big: 12345678901
      quoted: "404"
      flag: true
      yes_is_true: yes
      single_n_is_text: n
      off: Off
      nothing:
      tilde: ~
      sexagesimal: 1:30
      date: 2026-10-01
      list:
        - a
        - {b: 1}
      """;

  @Test
  void theTreeIsWhatJacksonsYamlParserReads() throws Exception {
    JsonNode expected = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT);

    assertThat(LocatedYaml.parse(DOCUMENT, "d.yaml").json()).isEqualTo(expected);
  }

  @Test
  void linesOfKeysAndItemsByPointer() {
    LocatedYaml yaml = LocatedYaml.parse(DOCUMENT, "d.yaml");

    assertThat(yaml.lineOf("/name")).isEqualTo(2);
    assertThat(yaml.lineOf("/list/1")).isEqualTo(17);
    assertThat(yaml.lineOf("/list/1/b")).isEqualTo(17);
    assertThat(yaml.lineOf("/list/1/missing")).isEqualTo(17);
    assertThat(yaml.lineOf("")).isEqualTo(1);
    MappingNode root = (MappingNode) yaml.root().orElseThrow();
    assertThat(yaml.at(LocatedYaml.entries(root).get("retries").getValueNode())).isEqualTo("d.yaml:3");
  }

  @Test
  void scalarsKnowTheirText() {
    MappingNode root = (MappingNode) LocatedYaml.parse(DOCUMENT, "d.yaml").root().orElseThrow();
    var entries = LocatedYaml.entries(root);
    ScalarNode quoted = (ScalarNode) entries.get("quoted").getValueNode();
    ScalarNode retries = (ScalarNode) entries.get("retries").getValueNode();

    assertThat(LocatedYaml.text(quoted)).isEqualTo("404");
    assertThat(LocatedYaml.isTyped(quoted)).isFalse();
    assertThat(LocatedYaml.isTyped(retries)).isTrue();
    assertThat(LocatedYaml.isNull(entries.get("nothing").getValueNode())).isTrue();
    assertThat(LocatedYaml.describe(entries.get("tilde").getValueNode())).isEqualTo("empty");
    assertThat(LocatedYaml.describe(entries.get("list").getValueNode())).isEqualTo("a list");
    assertThat(LocatedYaml.text((ScalarNode) entries.get("yes_is_true").getValueNode())).isEqualTo("true");
  }

  @Test
  void syntaxErrorsAtTheEndAreReportedAtTheLastLine() {
    assertThatThrownBy(() -> LocatedYaml.parse("a: 1\nb: [1,\n  2\n\n", "d.yaml"))
        .isInstanceOfSatisfying(LocatedYaml.SyntaxError.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.reason(": ")).isEqualTo("while parsing a flow sequence: expected ',' or ']', but got <stream end>");
        });
    assertThatThrownBy(() -> LocatedYaml.parse("a:\n  - x\n - y\n", "d.yaml"))
        .isInstanceOfSatisfying(LocatedYaml.SyntaxError.class, e -> assertThat(e.line()).isEqualTo(3));
    assertThatThrownBy(() -> LocatedYaml.parse("a: 1\nb:\n  c: 1\n  c: 2\n", "d.yaml"))
        .isInstanceOfSatisfying(LocatedYaml.SyntaxError.class, e -> {
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.duplicateKey()).contains("c");
        });
    assertThat(LocatedYaml.parse("# only a comment\n", "d.yaml").root()).isEmpty();
  }
}
