package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The YAML loader's bounds (docs/security.md, policy author): refused with a located reason. */
class BoundsTest {
  @Test
  void aliasBombIsRefused() {
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    String prev = "a";
    for (int i = 0; i < 12; i++) {
      String name = "l" + i;
      y.append(name).append(": &").append(name).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append('*').append(prev);
      }
      y.append("]\n");
      prev = name;
    }
    assertThatThrownBy(() -> PolicyLoader.parse(y.toString(), "bomb.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("bomb.yaml");
  }

  @Test
  void deepYamlIsRefused() {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    assertThatThrownBy(() -> PolicyLoader.parse(deep, "deep.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("deep.yaml");
  }
}
