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

  /** At most 10,000 policy files (PolicyLoader.MAX_FILES): one more is refused by name. */
  @Test
  void moreThanTheBoundOfPolicyFilesIsRefused(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    for (int i = 0; i <= PolicyLoader.MAX_FILES; i++) {
      java.nio.file.Files.writeString(dir.resolve("p" + i + ".yaml"), "");
    }
    assertThatThrownBy(() -> PolicyLoader.load(java.util.List.of(dir)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("more than 10000 files");
  }

  /** At most 10,000 images per object (ImageExtraction): the surplus is a problem, not dropped. */
  @Test
  void imagesBeyondTheBoundAreAProblemNotASilentCut() {
    var pod = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    var containers = pod.putObject("spec").putArray("containers");
    for (int i = 0; i <= dev.imagegate.policy.internal.ImageExtraction.MAX_IMAGES; i++) {
      containers.addObject().put("name", "c" + i).put("image", "ghcr.io/acme/app:" + i);
    }
    var result =
        dev.imagegate.policy.internal.ImageExtraction.extract(
            pod,
            java.util.Map.of(),
            dev.imagegate.conditions.KyvernoJmesPath.create(java.time.Clock.systemUTC()));
    org.assertj.core.api.Assertions.assertThat(result.images()).hasSize(10_000);
    org.assertj.core.api.Assertions.assertThat(result.problems())
        .singleElement()
        .satisfies(
            p ->
                org.assertj.core.api.Assertions.assertThat(p.pointer())
                    .isEqualTo("/spec/containers/10000/image"));
  }
}
