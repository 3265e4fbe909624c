package io.opslake.jobs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matchers, actions, ordering and error messages of rules files, without Spark. */
class RuleSetTest {
  private static RuleSet rules(String yaml) {
    return RulesLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "rules.yaml");
  }

  private static EventView event(String type, Map<String, String> attributes) {
    return new EventView(type, "dc0-web01", "app_events", "info", null, List.of("metrics"),
        Map.of("unit", "api.service"), attributes, null, null, null);
  }

  private static EventView pageLoad(String url, Double durationMs) {
    return new EventView("page_load", "dc0-web01", "app_events", null, null, List.of(), Map.of(), Map.of(),
        durationMs, null, url);
  }

  @Test
  void anExceptionThroughParseQueryStringBecomesA404() {
    RuleSet set = RulesLoader.loadDefault();
    EventView notFound = event("exception", Map.of("backtrace", "ExceptionInfo: Not Found\n\tat myapp.middleware$parse_query_string"
        + ".invoke(middleware.clj:42) parse-query-string"));
    EventView other = event("exception", Map.of("backtrace", "java.lang.NullPointerException\n\tat a.B.c(B.java:1)"));

    Outcome outcome = set.apply(notFound);
    assertThat(outcome.type()).isEqualTo("404");
    assertThat(outcome.ruleId()).isEqualTo("not-found-parse-query-string");
    assertThat(outcome.tags()).containsExactly("metrics", "not_found");
    assertThat(set.apply(other).type()).isEqualTo("exception");
    assertThat(set.apply(other).ruleId()).isNull();
    assertThat(set.apply(other).tags()).isSameAs(other.tags());
  }

  @Test
  void pageLoadSubtypesFollowTheUrlAndTheDuration() {
    RuleSet set = RulesLoader.loadDefault();

    assertThat(set.apply(pageLoad("http://mysite.com/", 100.0)).subtype()).isEqualTo("landing_page_load");
    assertThat(set.apply(pageLoad("/", 100.0)).subtype()).isEqualTo("landing_page_load");
    assertThat(set.apply(pageLoad("http://mysite.com/?ref=x", 100.0)).subtype()).isEqualTo("landing_page_load");
    assertThat(set.apply(pageLoad("http://mysite.com/page3", 2000.0)).subtype()).isNull();
    Outcome slow = set.apply(pageLoad("http://mysite.com/page3", 2000.5));
    assertThat(slow.subtype()).isEqualTo("slow_page_load");
    assertThat(slow.tags()).containsExactly("slow");
    assertThat(slow.type()).isEqualTo("page_load");
    // First subtype wins: a slow landing page stays a landing page load, but still gets the tag.
    Outcome slowLanding = set.apply(pageLoad("http://mysite.com/", 5000.0));
    assertThat(slowLanding.subtype()).isEqualTo("landing_page_load");
    assertThat(slowLanding.tags()).containsExactly("slow");
  }

  @Test
  void computedAttributesUseOtherAttributesAndSkipMissingOnes() {
    RuleSet set = RulesLoader.loadDefault();

    Outcome gc = set.apply(event("gc", Map.of("heap_used", "2186666968", "heap_max", "4294967296")));
    assertThat(gc.attributes()).containsEntry("heap_used_percent", "50.9123").containsEntry("heap_used", "2186666968");
    assertThat(set.apply(event("gc", Map.of("heap_max", "4294967296"))).attributes()).doesNotContainKey("heap_used_percent");
    assertThat(set.apply(event("gc", Map.of("heap_used", "1", "heap_max", "0"))).attributes()).doesNotContainKey("heap_used_percent");
  }

  @Test
  void everyMatcherKind() {
    RuleSet set = rules("""
        rules:
          - id: all
            match:
              type: [gc, page_load]
              hostname: {regex: '^dc0-web\\d+$'}
              source: app_events
              tags: metrics
              labels.unit: {contains: api}
              attributes.pause_ms: ">= 10"
              attributes.collector: {exists: true}
              message: {exists: false}
              level: {not: error}
            add_tags: [hit]
        """);
    Map<String, String> attributes = Map.of("pause_ms", "14.5", "collector", "G1");

    assertThat(set.apply(event("gc", attributes)).tags()).containsExactly("metrics", "hit");
    assertThat(set.apply(event("cron", attributes)).tags()).containsExactly("metrics");
    assertThat(set.apply(event("gc", Map.of("pause_ms", "9.9", "collector", "G1"))).tags()).containsExactly("metrics");
    assertThat(set.apply(event("gc", Map.of("pause_ms", "fast", "collector", "G1"))).tags()).containsExactly("metrics");
    assertThat(set.apply(event("gc", Map.of("pause_ms", "14.5"))).tags()).containsExactly("metrics");
  }

  @Test
  void numericComparisonsOnPromotedFields() {
    RuleSet set = rules("""
        rules:
          - id: server-error
            match: {http_status: {gte: 500, lt: 600}}
            set_type: server_error
          - id: exactly-404
            match: {http_status: 404}
            set_type: not_found
        """);
    EventView base = pageLoad("/x", null);

    assertThat(set.apply(withStatus(base, 503)).type()).isEqualTo("server_error");
    assertThat(set.apply(withStatus(base, 404)).type()).isEqualTo("not_found");
    assertThat(set.apply(withStatus(base, 200)).type()).isEqualTo("page_load");
    assertThat(set.apply(base).type()).isEqualTo("page_load");
  }

  private static EventView withStatus(EventView e, int status) {
    return new EventView(e.type(), e.hostname(), e.source(), e.level(), e.message(), e.tags(), e.labels(),
        e.attributes(), e.durationMs(), status, e.url());
  }

  @Test
  void firstTypeWinsLaterRulesStillAddTagsAndRulesSeeTheRawEvent() {
    RuleSet set = rules("""
        rules:
          - id: first
            match: {type: exception}
            set_type: a
            set_attributes: {team: web}
          - id: second
            match: {type: exception}
            set_type: b
            add_tags: [second]
            set_attributes: {team: db, owner: ops}
          - id: sees-raw-type
            match: {type: a}
            add_tags: [never]
        """);

    Outcome outcome = set.apply(event("exception", Map.of("team", "raw")));
    assertThat(outcome.type()).isEqualTo("a");
    assertThat(outcome.ruleId()).isEqualTo("first");
    assertThat(outcome.tags()).containsExactly("metrics", "second");
    assertThat(outcome.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "raw", "owner", "ops"));
    assertThat(set.apply(event("exception", Map.of())).attributes()).containsEntry("team", "web");
  }

  @Test
  void theRulesVersionIsTheMd5OfTheBytes() {
    String yaml = "rules:\n  - id: x\n    match: {type: a}\n    set_type: b\n";
    assertThat(rules(yaml).version()).isEqualTo(rules(yaml).version()).hasSize(32);
    assertThat(rules(yaml + "# comment\n").version()).isNotEqualTo(rules(yaml).version());
  }

  @Test
  void invalidRulesNameFileLineAndReason() {
    assertError("rules:\n  - id: typo\n    mach: {type: gc}\n    set_type: x\n",
        "rules.yaml:3: unknown field 'mach' (expected id, description, match, set_type, set_subtype, add_tags,"
            + " set_attributes, compute_attributes)");
    assertError("rules:\n  - id: a\n    match:\n      typ: gc\n    set_type: x\n",
        "rules.yaml:4: rule 'a': unknown field 'typ' in match (expected type, hostname, source, level, message,"
            + " backtrace, url, duration_ms, http_status, tags, labels.<key>, attributes.<key>)");
    assertError("rules:\n  - id: a\n    match: {message: {regex: '(unclosed'}}\n    set_type: x\n",
        "rules.yaml:3: rule 'a': message: bad regex '(unclosed': Unclosed group");
    assertError("rules:\n  - id: a\n    match: {type: gc}\n",
        "rules.yaml:2: rule 'a': no action (expected one of set_type, set_subtype, add_tags, set_attributes,"
            + " compute_attributes)");
    assertError("rules:\n  - id: a\n    match: {type: gc}\n    set_type: x\n  - id: a\n    match: {type: b}\n    set_type: y\n",
        "rules.yaml:5: duplicate rule id 'a' (first at line 2)");
    assertError("rules:\n  - id: a\n    match: {duration_ms: {gt: slow}}\n    set_type: x\n",
        "rules.yaml:3: rule 'a': duration_ms: gt needs a number, found 'slow'");
    assertError("rules:\n  - id: a\n    match: {type: gc}\n    compute_attributes:\n      p: heap_used / (heap_max\n",
        "rules.yaml:5: rule 'a': compute_attributes.p: bad expression 'heap_used / (heap_max': missing ')' at column 22");
    assertError("rules:\n  - id: a\n    match: {type: {matches: x}}\n    set_type: x\n",
        "rules.yaml:3: rule 'a': type: unknown operator 'matches' (expected equals, in, contains, regex, exists, gt,"
            + " gte, lt, lte, not)");
    assertError("rules: [\n", "rules.yaml:1: not valid YAML: while parsing a flow node; expected the node content, but found '<stream end>'");
    assertError("rules:\n  - id: a\n    match: {type: gc}\n    set_type: x\n   oops: 1\n",
        "rules.yaml:5: not valid YAML: while parsing a block collection; expected <block end>, but found '<block mapping start>'");
    assertError("fingerprint:\n  normalizers: [uuid, digits]\nrules: []\n",
        "rules.yaml:2: fingerprint: unknown normalizer 'digits' (built-in: uuid, temp_path, ip, line_number, port,"
            + " quoted, query, hex, number; or a mapping with name, regex, replace)");
    assertError("verzion: 1\nrules: []\n", "rules.yaml:1: unknown field 'verzion' (expected version, fingerprint, rules)");
  }

  private static void assertError(String yaml, String expected) {
    assertThatThrownBy(() -> rules(yaml)).isInstanceOf(RulesException.class)
        .hasMessage("Cannot load rules: " + expected);
  }
}
