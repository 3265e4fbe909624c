package io.opslake.jobs.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlGroupsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "http://mysite.com/page12                                   | /page12",
      "http://shop.example:8080/users/42/orders/7?page=2#top       | /users/{num}/orders/{num}",
      "/users/43/orders/9                                          | /users/{num}/orders/{num}",
      "/api/v2/items/-3.5                                          | /api/v2/items/{num}",
      "/files/123e4567-e89b-12d3-a456-426614174000/download        | /files/{uuid}/download",
      "/files/123E4567-E89B-12D3-A456-426614174000                 | /files/{uuid}",
      "/commits/9fceb02d0ae598e95dc970b74767f19372d61af8           | /commits/{hex}",
      "/objects/507f1f77bcf86cd799439011                           | /objects/{hex}",
      "/blog/deadbeef                                              | /blog/deadbeef",
      "/session/aZ3kL9xQ2mN8pR4tV7wY                               | /session/{id}",
      "/session/averyveryverylongword                              | /session/averyveryverylongword",
      "//double//slashes/                                          | /double/slashes",
      "/                                                           | /",
      "http://mysite.com                                           | /",
      "http://mysite.com?x=1                                       | /",
      "?only=query                                                 | /",
      "relative/path/5                                             | /relative/path/{num}",
  })
  void masksIdsAndDropsTheQuery(String url, String group) {
    assertThat(UrlGroups.of(url)).isEqualTo(group);
  }

  @Test
  void noUrlHasNoGroup() {
    assertThat(UrlGroups.of(null)).isNull();
    assertThat(UrlGroups.of("  ")).isNull();
  }

  @Test
  void theSameEndpointWithOtherIdsIsOneGroup() {
    assertThat(UrlGroups.of("https://a/users/1/cart?x=1")).isEqualTo(UrlGroups.of("/users/99999/cart/"));
  }
}
