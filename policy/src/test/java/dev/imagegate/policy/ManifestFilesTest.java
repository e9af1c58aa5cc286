package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one walk and read behind every loader's paths (policies, resources, ivpol). */
class ManifestFilesTest {
  @TempDir Path dir;

  @Test
  void walksDirectoriesForManifestsInNameOrder() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    for (String name : List.of("b.yaml", "a.json", "sub/c.yml", "notes.txt", "README.md")) {
      Files.writeString(dir.resolve(name), "{}");
    }
    Path single = Files.writeString(dir.resolve("single.txt"), "{}");

    assertThat(ManifestFiles.list(List.of(dir, single)))
        .containsExactly(
            dir.resolve("a.json"), dir.resolve("b.yaml"), dir.resolve("sub/c.yml"), single);
  }

  @Test
  void aMissingPathIsAPolicyError() {
    assertThatThrownBy(() -> ManifestFiles.list(List.of(dir.resolve("nope"))))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("no such file or directory");
  }

  @Test
  void moreThanTheFileBoundIsRefused() throws Exception {
    for (int i = 0; i <= ManifestFiles.MAX_FILES; i++) {
      Files.createFile(dir.resolve("p" + i + ".yaml"));
    }
    assertThatThrownBy(() -> ManifestFiles.list(List.of(dir)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("more than " + ManifestFiles.MAX_FILES + " files");
  }

  @Test
  void readsUtf8AndRefusesOtherBytes() throws Exception {
    Path good = Files.writeString(dir.resolve("good.yaml"), "name: \u00e9");
    Path bad = Files.write(dir.resolve("bad.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});

    assertThat(ManifestFiles.read(good)).isEqualTo("name: \u00e9");
    assertThatThrownBy(() -> ManifestFiles.read(bad))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("cannot read");
  }
}
