package dev.imagegate.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
  private static final String CONFIG =
      "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
          + "a".repeat(64)
          + "\",\"size\":2}";

  private static Manifest parse(String json, String declared) throws Exception {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return ManifestParser.parse(b, declared, Digest.sha256(b));
  }

  @Test
  void parsesAnImageManifestWithSubjectAndAnnotations() throws Exception {
    Manifest m =
        parse(
            "{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST
                + "\",\"config\":"
                + CONFIG
                + ",\"layers\":["
                + CONFIG
                + "],\"subject\":"
                + CONFIG
                + ",\"annotations\":{\"k\":\"v\"}}",
            null);
    Manifest.ImageManifest im = (Manifest.ImageManifest) m.content();
    assertThat(im.effectiveArtifactType()).isEqualTo("application/vnd.oci.image.config.v1+json");
    assertThat(im.subject().size()).isEqualTo(2);
    assertThat(im.annotations()).containsEntry("k", "v");
  }

  @Test
  void guessesTheMediaTypeFromTheShapeWhenNothingDeclaresIt() throws Exception {
    assertThat(parse("{\"schemaVersion\":2,\"manifests\":[]}", null).isIndex()).isTrue();
    assertThat(parse("{\"schemaVersion\":2,\"config\":" + CONFIG + "}", null).isIndex()).isFalse();
  }

  @Test
  void refusesDuplicateKeysAndDisagreeingMediaTypes() {
    assertThatThrownBy(() -> parse("{\"schemaVersion\":2,\"manifests\":[],\"manifests\":[]}", null))
        .isInstanceOf(ManifestParser.MalformedManifestException.class)
        .hasMessageContaining("Duplicate field 'manifests'");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"schemaVersion\":2,\"mediaType\":\""
                        + MediaTypes.OCI_INDEX
                        + "\",\"manifests\":[]}",
                    MediaTypes.OCI_MANIFEST))
        .isInstanceOf(ManifestParser.MalformedManifestException.class)
        .hasMessageContaining(
            "declared as "
                + MediaTypes.OCI_MANIFEST
                + " but the document says "
                + MediaTypes.OCI_INDEX);
  }

  @Test
  void refusesMalformedDescriptorsPrecisely() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:abc\",\"size\":1}}",
                    null))
        .hasMessageContaining("'config.digest': invalid digest 'sha256:abc'");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:"
                        + "a".repeat(64)
                        + "\",\"size\":-1}}",
                    null))
        .hasMessageContaining("'config.size' is not a non-negative integer");
    assertThatThrownBy(() -> parse("{\"schemaVersion\":1,\"config\":" + CONFIG + "}", null))
        .hasMessageContaining("schemaVersion must be 2");
    assertThatThrownBy(() -> parse("[]", null)).hasMessageContaining("not a JSON object");
  }

  @Test
  void unknownMediaTypesAreUnsupported() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.artifact.manifest.v1+json\"}",
                    null))
        .isInstanceOf(ManifestParser.UnsupportedMediaTypeException.class)
        .hasMessageContaining(
            "unsupported manifest media type 'application/vnd.oci.artifact.manifest.v1+json'");
  }
}
