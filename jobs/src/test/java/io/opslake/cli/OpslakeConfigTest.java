package io.opslake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opslake.yaml}: binding, and usage errors at file:line. */
class OpslakeConfigTest {
  @TempDir Path temp;

  private Path write(String text) throws Exception {
    return Files.writeString(temp.resolve("opslake.yaml"), text);
  }

  private void assertError(String text, String expected) throws Exception {
    Path config = write(text);
    assertThatThrownBy(() -> OpslakeConfig.load(config, "--config"))
        .isInstanceOfSatisfying(OpslakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
        .hasMessage("Cannot read config: " + config + ":" + expected);
  }

  @Test
  void bindsBothKeysAndResolvesRelativePaths() throws Exception {
    Path config = write("# defaults\nwarehouse: wh\nlanding: s3a://bucket/landing\n");

    OpslakeConfig loaded = OpslakeConfig.load(config, "--config");
    assertThat(loaded.warehouse()).contains(temp.resolve("wh").toString());
    assertThat(loaded.landing()).contains("s3a://bucket/landing");
    assertThat(OpslakeConfig.load(write("# nothing yet\n"), "--config").warehouse()).isEmpty();
  }

  @Test
  void badFilesAreUsageErrorsWithTheirLine() throws Exception {
    assertError("warehouse: /w\nlandnig: /l\n", "2: unknown key 'landnig' (known: warehouse, landing, metric_types, request_counters)");
    assertError("warehouse: /w\nlanding: 42\n", "2: landing must be a path or URI");
    assertError("warehouse: [a, b]\n", "1: warehouse must be a path or URI");
    assertError("\nwarehouse:\n", "2: warehouse must be a path or URI");
    assertError("- /w\n", "1: expected keys such as warehouse:");
    assertError("warehouse: /w\nwarehouse: /v\n", "2: duplicate key 'warehouse'");
    assertError("warehouse: [/w\n", "1: not valid YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end>");
  }

  @Test
  void metricTypesAreAListOfNameAndTypeCheckedInOrder() throws Exception {
    Path config = write("""
        warehouse: wh
        metric_types:
          - name: expvar.Requests
            type: counter
          - {name: "expvar.*PrSec", type: Rate}
        """);

    OpslakeConfig loaded = OpslakeConfig.load(config, "--config");

    assertThat(loaded.metricTypes().declarations()).extracting(Object::toString)
        .containsExactly("expvar.Requests=counter", "expvar.*PrSec=rate");
    assertThat(loaded.metricTypes().kindOf("expvar.NotificationsPrSec")).contains("rate");
    assertThat(OpslakeConfig.load(write("warehouse: wh\n"), "--config").metricTypes().isEmpty()).isTrue();
  }

  @Test
  void badMetricTypesAreUsageErrorsWithTheirLine() throws Exception {
    String shape = "metric_types must be a list of {name: <metric name or glob>, type: counter|gauge|rate}";
    assertError("metric_types:\n", "1: " + shape);
    assertError("metric_types: expvar.Requests=counter\n", "1: " + shape);
    assertError("metric_types:\n  - name: a\n    type: counter\n  - name: b\n    type: total\n",
        "4: metric_types entry 2: type 'total' is not counter, gauge or rate");
    assertError("metric_types:\n  - name: a\n", "2: metric_types entry 1 needs both name: and type:");
    assertError("metric_types:\n  - name: a\n    kind: counter\n",
        "3: unknown key 'kind' in a metric_types entry (known: name, type)");
  }

  @Test
  void requestCountersAreAListOfNamesOrGlobs() throws Exception {
    OpslakeConfig loaded = OpslakeConfig.load(write("request_counters:\n  - api.hits\n  - \"*_requests_total\"\n"),
        "--config");
    assertThat(loaded.requestCounters()).contains(java.util.List.of("api.hits", "*_requests_total"));
    assertThat(OpslakeConfig.load(write("warehouse: wh\n"), "--config").requestCounters()).isEmpty();
    String shape = "request_counters must be a list of metric names or globs";
    assertError("request_counters:\n", "1: " + shape);
    assertError("request_counters: []\n", "1: " + shape);
    assertError("request_counters:\n  - 42\n", "2: " + shape);
  }
}
