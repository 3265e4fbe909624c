package io.opslake.jobs.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskerTest {
  private final Masker masker = new Masker();

  @Test
  void masksAddressesIdsPathsAndNumbersButKeepsPunctuationAndKeys() {
    assertThat(masker.mask("Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010"))
        .isEqualTo("Receiving block <*> src: /<*> dest: /<*>");
    assertThat(masker.mask("Starting api 2.4.1 (pid 31337)")).isEqualTo("Starting api <*> (pid <*>)");
    assertThat(masker.mask("job 123e4567-e89b-12d3-a456-426614174000 done in 12ms, size=1024 at 0x7f3a"))
        .isEqualTo("job <*> done in <*>, size=<*> at <*>");
    assertThat(masker.mask("GET /page12?id=3 200 17ms")).isEqualTo("GET <*>?id=<*> <*> <*>");
    assertThat(masker.mask("loading /etc/app/conf.yaml from https://example.org/x?y=1"))
        .isEqualTo("loading <*> from <*>");
    assertThat(masker.mask("at com.mysite.db.Pool.connect(Pool.java:88)")).isEqualTo("at com.mysite.db.Pool.connect(Pool.java:<*>)");
  }

  @Test
  void wordsWithoutDigitsStayAndWhitespaceRunsCollapse() {
    assertThat(masker.tokens("  stream   opened\tnow ")).containsExactly("stream", "opened", "now");
    assertThat(masker.mask("cd / && run-parts --report")).isEqualTo("cd / && run-parts --report");
    assertThat(masker.tokens(null)).isEmpty();
    assertThat(masker.tokens("   ")).isEmpty();
  }
}
