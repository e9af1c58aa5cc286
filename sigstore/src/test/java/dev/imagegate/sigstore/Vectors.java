package dev.imagegate.sigstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.testkit.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Access to the vendored offline corpus {@code testdata/sigstore} (see {@link TestData}). */
final class Vectors {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = TestData.corpus("sigstore");
  private static final Map<String, TrustedRoot> ROOTS = new HashMap<>();

  private Vectors() {}

  static List<JsonNode> cases(String kind) {
    try {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode c : JSON.readTree(ROOT.resolve("cases.json").toFile())) {
        if (c.path("kind").asText().equals(kind)) {
          out.add(c);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(ROOT.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }

  static String optText(JsonNode c, String field) {
    JsonNode n = c.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  /**
   * Parsed trusted roots are cached; a malformed one throws {@link
   * dev.imagegate.trust.TrustMaterialException}.
   */
  static synchronized TrustedRoot trustedRoot(String relative) {
    TrustedRoot r = ROOTS.get(relative);
    if (r == null) {
      r = TrustedRoot.parse(bytes(relative));
      ROOTS.put(relative, r);
    }
    return r;
  }

  static List<CertificateIdentity> identities(JsonNode c) {
    JsonNode id = c.get("identity");
    if (id == null || id.isNull()) {
      return List.of();
    }
    Map<String, String> ext = new HashMap<>();
    c.path("requiredExtensions")
        .fields()
        .forEachRemaining(e -> ext.put(e.getKey(), e.getValue().asText()));
    return List.of(
        new CertificateIdentity(
            optText(id, "subject"),
            optText(id, "subjectRegExp"),
            optText(id, "issuer"),
            optText(id, "issuerRegExp"),
            ext,
            CertificateIdentity.MatchMode.EXACT));
  }
}
