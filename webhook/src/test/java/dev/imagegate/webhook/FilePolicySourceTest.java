package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.webhook.internal.FilePolicySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies from a directory laid out the way kubelet mounts a ConfigMap, updated the way kubelet
 * updates it.
 */
class FilePolicySourceTest {
  @TempDir Path mount;

  /**
   * {@code ..TIMESTAMP/} with the files, {@code ..data -> ..TIMESTAMP}, {@code name ->
   * ..data/name}.
   */
  private void kubeletWrite(String generation, String... nameAndContent) throws Exception {
    Path dataDir = mount.resolve(".." + generation);
    Files.createDirectory(dataDir);
    for (int i = 0; i < nameAndContent.length; i += 2) {
      Files.writeString(dataDir.resolve(nameAndContent[i]), nameAndContent[i + 1]);
      Path visible = mount.resolve(nameAndContent[i]);
      if (!Files.isSymbolicLink(visible)) {
        Files.createSymbolicLink(visible, Path.of("..data", nameAndContent[i]));
      }
    }
    Path tmp = mount.resolve("..data_tmp");
    Files.createSymbolicLink(tmp, Path.of(".." + generation));
    Files.move(
        tmp,
        mount.resolve("..data"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void readsVisibleFilesAndSkipsKubeletInternals() throws Exception {
    kubeletWrite(
        "2024_01_01", "require-signatures.yaml", "kind: ClusterPolicy\n", "README.txt", "ignored");
    List<PolicySet> seen = new ArrayList<>();
    try (FilePolicySource source = new FilePolicySource(List.of(mount), Duration.ofHours(1))) {
      source.start(seen::add);

      assertThat(seen)
          .singleElement()
          .satisfies(
              set -> {
                assertThat(set.documents())
                    .singleElement()
                    .satisfies(
                        doc -> {
                          assertThat(doc.origin()).endsWith("require-signatures.yaml");
                          assertThat(doc.content()).isEqualTo("kind: ClusterPolicy\n");
                          assertThat(doc.file())
                              .isEqualTo(mount.resolve("require-signatures.yaml"));
                        });
              });
    }
  }

  @Test
  void symlinkSwapIsDetectedAndUnchangedContentIsNot() throws Exception {
    kubeletWrite("gen1", "policy.yaml", "spec: {validationFailureAction: Audit}\n");
    List<PolicySet> seen = new ArrayList<>();
    try (FilePolicySource source = new FilePolicySource(List.of(mount), Duration.ofHours(1))) {
      source.start(seen::add);
      assertThat(source.pollOnce()).isEmpty();

      kubeletWrite("gen2", "policy.yaml", "spec: {validationFailureAction: Enforce}\n");

      assertThat(source.pollOnce()).isPresent();
      assertThat(seen).hasSize(2);
      assertThat(seen.get(1).documents().getFirst().content()).contains("Enforce");
      assertThat(seen.get(1).version()).isNotEqualTo(seen.get(0).version());
    }
  }

  @Test
  void addedAndRemovedFilesChangeTheSet() throws Exception {
    Path dir = Files.createDirectory(mount.resolve("plain"));
    Files.writeString(dir.resolve("a.yaml"), "a");
    try (FilePolicySource source = new FilePolicySource(List.of(dir), Duration.ofHours(1))) {
      List<PolicySet> seen = new ArrayList<>();
      source.start(seen::add);
      Files.writeString(dir.resolve("b.yml"), "b");
      assertThat(source.pollOnce())
          .hasValueSatisfying(set -> assertThat(set.documents()).hasSize(2));
      Files.delete(dir.resolve("a.yaml"));
      assertThat(source.pollOnce())
          .hasValueSatisfying(set -> assertThat(set.documents()).hasSize(1));
    }
  }

  @Test
  void materializeKeepsFilesAndWritesClusterDocuments() throws Exception {
    Path file = Files.writeString(mount.resolve("p.yaml"), "x");
    PolicySet set =
        new PolicySet(
            "v",
            List.of(
                new PolicyDocument(file.toString(), file, "x"),
                new PolicyDocument("ClusterImagePolicy/check", null, "kind: ClusterPolicy\n")),
            java.util.Map.of());

    List<Path> paths = set.materialize(mount.resolve("work"));

    assertThat(paths.get(0)).isEqualTo(file);
    assertThat(paths.get(1).getParent()).hasFileName("v");
    assertThat(paths.get(1))
        .hasFileName("000-ClusterImagePolicy_check.yaml")
        .hasContent("kind: ClusterPolicy");
  }

  /**
   * docs/security.md (policy author): at most 10,000 policy files (PolicyLoader.MAX_FILES) of 8 MiB
   * each; beyond either the read fails with the reason (at start serve does not start, on a poll
   * the current policies stay) and nothing is read whole.
   */
  @Test
  void tooManyOrTooLargePolicyFilesAreRefused() throws Exception {
    Path dir = Files.createDirectory(mount.resolve("many"));
    Files.writeString(dir.resolve("a.yaml"), "a");
    try (FilePolicySource source = new FilePolicySource(List.of(dir), Duration.ofHours(1))) {
      List<PolicySet> seen = new ArrayList<>();
      source.start(seen::add);
      for (int i = 0; i < dev.imagegate.policy.PolicyLoader.MAX_FILES; i++) {
        Files.writeString(dir.resolve("p" + i + ".yaml"), "p");
      }
      assertThatThrownBy(source::pollOnce)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("more than 10000 policy files");
      assertThat(seen).hasSize(1);
    }
    Path big = Files.createDirectory(mount.resolve("big"));
    try (java.io.RandomAccessFile file =
        new java.io.RandomAccessFile(big.resolve("huge.yaml").toFile(), "rw")) {
      file.setLength(8L * 1024 * 1024 + 1); // sparse: nothing written
    }
    try (FilePolicySource source = new FilePolicySource(List.of(big), Duration.ofHours(1))) {
      assertThatThrownBy(() -> source.start(set -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("huge.yaml is larger than 8388608 bytes");
    }
  }
}
