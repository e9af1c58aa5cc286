package dev.imagegate.sigstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`{\"b\": 1, \"a\": \"x\"}`                      | `{\"a\":\"x\",\"b\":1}`",
        "`{\"body\":\"e30=\",\"logIndex\":7,\"logID\":\"ab\",\"integratedTime\":1700000000}` | `{\"body\":\"e30=\",\"integratedTime\":1700000000,\"logID\":\"ab\",\"logIndex\":7}`",
        "`[1, [2, {\"z\": null, \"y\": true}]]`          | `[1,[2,{\"y\":true,\"z\":null}]]`",
        "`{\"s\": \"a\\\"b\\\\c\\n\\u0001/é€\"}`          | `{\"s\":\"a\\\"b\\\\c\\n\\u0001/é€\"}`",
        "`{\"\\u20ac\": 1, \"\\r\": 2, \"1\": 3, \"\\u00fc\": 4}` | `{\"\\r\":2,\"1\":3,\"ü\":4,\"€\":1}`",
        "`[1.5, -0, 1e21, 1e-7, 123456789012, 0.000001, 1E2]` | `[1.5,0,1e+21,1e-7,123456789012,0.000001,100]`",
      })
  void canonicalizes(String input, String expected) throws Exception {
    byte[] out = CanonicalJson.encode(Json.read(input.getBytes(StandardCharsets.UTF_8), "test"));
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(expected);
  }
}
