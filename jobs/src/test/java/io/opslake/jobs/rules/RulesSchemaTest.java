package io.opslake.jobs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** rules.schema.json: keys and shapes of a rules file, reported at file:line, without Spark. */
class RulesSchemaTest {
  private static RuleSet rules(String yaml) {
    return RulesLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "rules.yaml");
  }

  private static void assertError(String yaml, String expected) {
    assertThatThrownBy(() -> rules(yaml)).isInstanceOf(RulesException.class)
        .hasMessage("Cannot load rules: rules.yaml:" + expected);
  }

  @Test
  void shapesAndRequiredKeysComeFromTheSchema() {
    assertError("rules: x\n", "1: rules: string found, array expected");
    assertError("version: 2\nrules: []\n", "1: unsupported version '2' (expected 1)");
    assertError("rules:\n  - id: a\n    set_type: x\n", "2: rule 'a': missing 'match'");
    assertError("rules:\n  - match: {type: gc}\n    set_type: x\n", "2: missing 'id'");
    assertError("rules:\n  - id: a\n    match: {}\n    set_type: x\n", "3: rule 'a': match: must have at least 1 properties");
    assertError("rules:\n  - id: a\n    match: {type: gc}\n    set_type: [x]\n",
        "4: rule 'a': set_type: array found, [string, number, boolean] expected");
    assertError("rules:\n  - id: a\n    match: {type: gc}\n    add_tags: []\n",
        "4: rule 'a': 'add_tags' must be a tag or a non-empty list of tags");
    assertError("fingerprint:\n  max_chars: 0\nrules: []\n", "2: fingerprint: max_chars: must have a minimum value of 1");
    assertError("fingerprint:\n  normalizers:\n    - {name: a, regex: b}\nrules: []\n",
        "3: fingerprint: a normalizer is a built-in name or a mapping with name, regex, replace");
  }

  @Test
  void unknownKeysComeFirstAndListWhatTheSchemaAllows() {
    assertError("other: 1\n", "1: unknown field 'other' (expected version, fingerprint, rules)");
    assertError("fingerprint:\n  max_chars: 10\n  normalizer: []\nrules: []\n",
        "3: fingerprint: unknown field 'normalizer' (expected normalizers, max_chars)");
    assertError("fingerprint:\n  normalizers:\n    - {name: a, regex: b, replace: c, flags: i}\nrules: []\n",
        "3: fingerprint: unknown field 'flags' (expected name, regex, replace)");
  }

  @Test
  void emptyDocumentsListsAndRepeatedKeys() {
    assertError("", "1: expected a mapping with 'rules' at the top, found empty");
    assertError("- a\n", "1: expected a mapping with 'rules' at the top, found a list");
    assertError("rules: []\nrules: []\n", "2: duplicate key 'rules'");
  }

  @Test
  void aBadRulesFileIsAUsageError() {
    assertThatThrownBy(() -> rules("verzion: 1\nrules: []\n"))
        .satisfies(e -> assertThat(OpslakeException.categoryOf(e)).isEqualTo(ErrorCategory.USAGE));
  }

  @Test
  void theDefaultRulesAndTheDocumentedExampleAreValid() {
    assertThat(RulesLoader.loadDefault().rules()).isNotEmpty();
    assertThat(rules("""
        version: 1
        fingerprint:
          normalizers: [uuid, {name: ticket, regex: 'T-\\d+', replace: 'T-<n>'}]
          max_chars: 4096
        rules:
          - id: slow-checkout
            description: optional text
            match:
              type: page_load
              url: {contains: /checkout}
              duration_ms: "> 2000"
            set_subtype: slow_checkout
            add_tags: [slow, checkout]
            set_attributes: {team: web, tier: 1}
        """).rules()).hasSize(1);
  }
}
