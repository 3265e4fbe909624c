package io.opslake.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricTypeDeclarationsTest {
  @Test
  void aPatternMatchesTheWholeNameWithStarAndQuestionMarkAsTheOnlyWildcards() {
    MetricTypeDeclarations declarations = MetricTypeDeclarations.parse(
        List.of("expvar.Requests=counter", "expvar.*Failures=counter", "app.q?=RATE"), "--metric-type");

    assertThat(declarations.kindOf("expvar.Requests")).contains("counter");
    assertThat(declarations.kindOf("expvar.AuthenticationFailures")).contains("counter");
    assertThat(declarations.kindOf("expvar.a.b.Failures")).contains("counter");
    assertThat(declarations.kindOf("app.q1")).contains("rate");
    // whole name only; the dot is literal, not "any character"
    assertThat(declarations.kindOf("expvar.Requests2")).isEmpty();
    assertThat(declarations.kindOf("expvarXRequests")).isEmpty();
    assertThat(declarations.kindOf("app.q12")).isEmpty();
    assertThat(declarations.kindOf(null)).isEmpty();
  }

  @Test
  void theFirstMatchingDeclarationWinsSoTheCommandLineBeatsTheConfigFile() {
    MetricTypeDeclarations commandLine = MetricTypeDeclarations.parse(List.of("expvar.Requests=gauge"), "--metric-type");
    MetricTypeDeclarations config = MetricTypeDeclarations.parse(List.of("expvar.*=counter"), "metric_types");

    MetricTypeDeclarations both = commandLine.followedBy(config);

    assertThat(both.kindOf("expvar.Requests")).contains("gauge");
    assertThat(both.kindOf("expvar.Streams")).contains("counter");
    assertThat(both.declarations()).extracting(Object::toString)
        .containsExactly("expvar.Requests=gauge", "expvar.*=counter");
  }

  @Test
  void theRegexQuotesEverythingButTheWildcards() {
    MetricTypeDeclarations.Declaration declaration = MetricTypeDeclarations.declaration("a.b*(c)", "counter", "x");

    assertThat("a.bzz(c)").matches(declaration.regex());
    assertThat("aXbzz(c)").doesNotMatch(declaration.regex());
  }

  @Test
  void aMalformedDeclarationIsAUsageErrorNamingIt() {
    assertThatThrownBy(() -> MetricTypeDeclarations.parse(List.of("expvar.Requests"), "Cannot ingest: --metric-type"))
        .isInstanceOf(OpslakeException.class)
        .hasMessage("Cannot ingest: --metric-type 'expvar.Requests' is not <name or glob>=counter|gauge|rate")
        .satisfies(e -> assertThat(((OpslakeException) e).category()).isEqualTo(ErrorCategory.USAGE));
    assertThatThrownBy(() -> MetricTypeDeclarations.parse(List.of("expvar.Requests=histogram"), "Cannot ingest: --metric-type"))
        .hasMessage("Cannot ingest: --metric-type 'expvar.Requests=histogram': type 'histogram' is not counter, gauge or rate");
    assertThatThrownBy(() -> MetricTypeDeclarations.parse(List.of(" =counter"), "Cannot ingest: --metric-type"))
        .hasMessage("Cannot ingest: --metric-type ' =counter' has no metric name or glob");
  }

  @Test
  void noDeclarationsDeclareNothing() {
    assertThat(MetricTypeDeclarations.NONE.kindOf("anything")).isEqualTo(Optional.empty());
    assertThat(MetricTypeDeclarations.NONE.isEmpty()).isTrue();
  }
}
