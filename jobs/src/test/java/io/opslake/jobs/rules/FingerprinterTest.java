package io.opslake.jobs.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented normalization: same failure, different host and request → same fingerprint. */
class FingerprinterTest {
  private final Fingerprinter fingerprinter = Fingerprinter.defaults();

  private static EventView withMessage(String message) {
    return new EventView("error", "h", "plaintext", "error", message, List.of(), Map.of(), Map.of(), null, null, null);
  }

  private static EventView withBacktrace(String message, String backtrace) {
    return new EventView("exception", "h", "app_events", null, message, List.of(), Map.of(),
        Map.of("backtrace", backtrace), null, null, null);
  }

  @Test
  void eachNormalizerReplacesItsPattern() {
    assertThat(fingerprinter.normalize("job 3f2b8c1e-9a4d-4e2f-8b1c-0d9e8f7a6b5c failed"))
        .isEqualTo("job <uuid> failed");
    assertThat(fingerprinter.normalize("cannot write /tmp/spark-81ab/shuffle_3.data: disk full"))
        .isEqualTo("cannot write <tmp>: disk full");
    assertThat(fingerprinter.normalize("connect to 10.0.3.17:5432 refused")).isEqualTo("connect to <ip> refused");
    assertThat(fingerprinter.normalize("\tat com.mysite.db.Pool.connect(Pool.java:88)"))
        .isEqualTo("\tat com.mysite.db.Pool.connect(Pool.java:<line>)");
    assertThat(fingerprinter.normalize("db01.internal:5432 unreachable")).isEqualTo("db<num>.internal:<port> unreachable");
    assertThat(fingerprinter.normalize("user \"alice\" and 'bob' can't log in"))
        .isEqualTo("user \"<str>\" and \"<str>\" can't log in");
    assertThat(fingerprinter.normalize("Not Found: /page23?id=72924&ref=54b0eb"))
        .isEqualTo("Not Found: /page<num>?id=<val>&ref=<val>");
    assertThat(fingerprinter.normalize("object 0x7f3a at deadbeef42 id 9f86d081884c7d65"))
        .isEqualTo("object <hex> at <hex> id <hex>");
    assertThat(fingerprinter.normalize("took 163ms, 12 more, 1.5 s")).isEqualTo("took <num>ms, <num> more, <num> s");
  }

  @Test
  void theSameFailureFromDifferentHostsAndRequestsGroupsTogether() {
    String a = "clojure.lang.ExceptionInfo: Not Found: /page23?id=72924&ref=54b0eb {:status 404, :handler"
        + " \"myapp.middleware/parse-query-string\"}\n\tat myapp.middleware$parse_query_string.invoke(middleware.clj:42)";
    String b = "clojure.lang.ExceptionInfo: Not Found: /page7?id=5&ref=6c1f7f {:status 404, :handler"
        + " \"myapp.middleware/parse-query-string\"}\n\tat myapp.middleware$parse_query_string.invoke(middleware.clj:42)";
    assertThat(fingerprinter.fingerprint(withBacktrace("Not Found: /page23", a)))
        .isEqualTo(fingerprinter.fingerprint(withBacktrace("Not Found: /page7", b)));

    assertThat(fingerprinter.fingerprint(withMessage("Failed to handle /page44\njava.net.SocketException: Too many open files"
        + "\n\tat com.mysite.db.Pool.connect(Pool.java:88)\n\t... 12 more")))
        .isEqualTo(fingerprinter.fingerprint(withMessage("Failed to handle /page3\njava.net.SocketException: Too many open"
            + " files\n\tat com.mysite.db.Pool.connect(Pool.java:91)\n\t... 9 more")));
    assertThat(fingerprinter.fingerprint(withMessage("connect to 10.0.0.1:80 timed out after 3000 ms")))
        .isEqualTo(fingerprinter.fingerprint(withMessage("connect to 192.168.7.20:8080 timed out after 12 ms")));
  }

  @Test
  void differentFailuresDoNotGroup() {
    String npe = fingerprinter.fingerprint(withMessage("java.lang.NullPointerException\n\tat a.B.c(B.java:1)"));
    String timeout = fingerprinter.fingerprint(withMessage("java.net.SocketTimeoutException\n\tat a.B.c(B.java:1)"));
    String leak = fingerprinter.fingerprint(withMessage("java.net.SocketException: Too many open files"));
    String dns = fingerprinter.fingerprint(withMessage("java.net.UnknownHostException: db01.internal"));

    assertThat(List.of(npe, timeout, leak, dns)).doesNotHaveDuplicates().allSatisfy(f -> assertThat(f).hasSize(32));
  }

  @Test
  void eventsWithoutTextAreFingerprintedByType() {
    EventView gc = new EventView("gc", "a", "app_events", null, null, List.of(), Map.of(), Map.of(), null, null, null);
    EventView untyped = new EventView(null, "a", "zap", null, null, List.of(), Map.of(), Map.of(), null, null, null);

    assertThat(fingerprinter.fingerprint(gc)).isEqualTo(Fingerprinter.md5("type:gc"));
    assertThat(fingerprinter.fingerprint(untyped)).isNull();
  }

  @Test
  void normalizersAreConfigurableInTheRulesFile() {
    RuleSet set = RulesLoader.parse("""
        fingerprint:
          normalizers:
            - {name: order_id, regex: 'ORD-[A-Z0-9]+', replace: '<order>'}
            - number
          max_chars: 20
        rules: []
        """.getBytes(StandardCharsets.UTF_8), "rules.yaml");

    assertThat(set.fingerprinter().normalize("order ORD-X81 failed")).isEqualTo("order <order> failed");
    assertThat(set.fingerprinter().normalize("id \"quoted\" 42 and then much more text")).isEqualTo("id \"quoted\" <num> and t");
  }
}
