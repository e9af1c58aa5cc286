package dev.imagegate.notation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.notation.NotationConfigException;
import dev.imagegate.notation.TrustStore;
import dev.imagegate.notation.TrustStoreType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code truststore-cases.json}: what a named store may contain. */
class TrustStoreCasesTest {
  static Stream<Arguments> cases() throws Exception {
    JsonNode all =
        new ObjectMapper()
            .readTree(X509CertCasesTest.ROOT.resolve("truststore-cases.json").toFile());
    return StreamSupport.stream(all.spliterator(), false)
        .map(c -> Arguments.of(c.get("id").asText(), c));
  }

  private static Path copyAsCaStore(Path storeDir) {
    try {
      Path root = Files.createTempDirectory("truststore");
      Path target =
          Files.createDirectories(root.resolve("x509/ca").resolve(storeDir.getFileName()));
      try (Stream<Path> files = Files.list(storeDir)) {
        for (Path f : files.toList()) {
          if (Files.isDirectory(f)) {
            Files.createDirectories(target.resolve(f.getFileName()));
          } else {
            Files.copy(f, target.resolve(f.getFileName()));
          }
        }
      }
      return root;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void storeLoading(String id, JsonNode c) {
    Path storeDir = X509CertCasesTest.ROOT.resolve(c.get("store").asText());
    String typeName = c.get("type").asText();
    boolean loads = c.get("expect").asText().equals("loads");
    if (typeName.equals("(any)")) {
      // The upstream folder is not placed under a store type; copy it as x509/ca/<name> into a temp
      // root.
      Path fakeRoot = copyAsCaStore(storeDir);
      TrustStore store = TrustStore.directory(fakeRoot);
      assertThatThrownBy(
              () -> store.certificates(TrustStoreType.CA, storeDir.getFileName().toString()))
          .isInstanceOf(NotationConfigException.class)
          .hasMessageContaining("not a regular file");
      return;
    }
    TrustStoreType type = TrustStoreType.fromPolicyName(typeName);
    Path root = storeDir.getParent().getParent().getParent();
    TrustStore store = TrustStore.directory(root);
    if (loads) {
      assertThat(store.certificates(type, storeDir.getFileName().toString())).isNotEmpty();
    } else {
      assertThatThrownBy(() -> store.certificates(type, storeDir.getFileName().toString()))
          .as(id)
          .isInstanceOf(NotationConfigException.class);
    }
  }
}
