package io.opslake.jobs.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opslake.errors.ErrorCategory;
import io.opslake.errors.OpslakeException;
import org.junit.jupiter.api.Test;

/** The endpoint's options: the URL a client is told, and the exact usage errors. */
class ServeOptionsTest {
  @Test
  void theUrlIsHiveServer2sWithTheDefaultDatabase() {
    assertThat(new ServeOptions("wh", ServeOptions.DEFAULT_BIND_ADDRESS, ServeOptions.DEFAULT_PORT).jdbcUrl())
        .isEqualTo("jdbc:hive2://127.0.0.1:10000/default");
    // An IPv6 literal is bracketed in a URL (RFC 3986 section 3.2.2).
    assertThat(new ServeOptions("wh", "::1", 10001).jdbcUrl()).isEqualTo("jdbc:hive2://[::1]:10001/default");
  }

  @Test
  void portsOutsideTcpsRangeAreUsageErrors() {
    for (int port : new int[] {0, -1, 65536}) {
      assertThatThrownBy(() -> new ServeOptions("wh", "127.0.0.1", port))
          .isInstanceOf(OpslakeException.class)
          .hasMessage("Cannot serve the warehouse: --port " + port + " is not a TCP port (1-65535)")
          .satisfies(e -> assertThat(((OpslakeException) e).category()).isEqualTo(ErrorCategory.USAGE));
    }
    assertThat(new ServeOptions("wh", "127.0.0.1", 65535).port()).isEqualTo(65535);
    assertThat(new ServeOptions("wh", "127.0.0.1", 1).port()).isEqualTo(1);
  }
}
