package io.opslake.ingest.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

class BinaryCacheTest {
  @Test
  void aRepeatedValueGetsTheSameBinaryHoldingItsUtf8Bytes() {
    BinaryCache cache = new BinaryCache();
    Binary first = cache.of(new String("dc0-web01"));
    cache.of("page_load");
    Binary again = cache.of(new String("dc0-web01")); // equal, not the same instance

    assertThat(again).isSameAs(first);
    assertThat(first.getBytes()).isEqualTo("dc0-web01".getBytes(StandardCharsets.UTF_8));
    assertThat(cache.of("caf\u00e9").getBytes()).containsExactly('c', 'a', 'f', 0xC3 - 256, 0xA9 - 256);
  }

  @Test
  void uniqueValuesStopBeingCachedAfterOneRoundAndStillEncodeCorrectly() {
    BinaryCache cache = new BinaryCache();
    for (int i = 0; i <= BinaryCache.CAPACITY; i++) {
      cache.of("id-" + i);
    }
    Binary first = cache.of(new String("id-1"));
    Binary second = cache.of(new String("id-2"));

    assertThat(cache.of(new String("id-1"))).isNotSameAs(first).isEqualTo(first);
    assertThat(second.toStringUsingUTF8()).isEqualTo("id-2");
  }

  @Test
  void mostlyRepeatedValuesKeepBeingCachedAcrossRounds() {
    BinaryCache cache = new BinaryCache();
    for (int i = 0; i < 3 * BinaryCache.CAPACITY; i++) {
      cache.of("host-" + (i % 4));
      cache.of("unique-" + i / 2); // new values, each repeated once, among the repeats
    }
    Binary host = cache.of(new String("host-1"));
    cache.of("other");
    assertThat(cache.of(new String("host-1"))).isSameAs(host);
  }
}
