package dev.imagegate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Code that pins holds proof: a pin carries the proof for exactly the digest it writes. */
class PatchesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ImageReference REF = ImageReference.parse("registry.example/app:v1");
  private static final Digest VERIFIED = Digest.sha256(new byte[] {1});
  private static final Digest OTHER = Digest.sha256(new byte[] {2});

  @Test
  void aPinWithAProofForAnotherDigestIsRefused() {
    var proof = new TestProofs().proof(REF, VERIFIED, "key");
    assertThatThrownBy(() -> new Patches.Pin("/spec/containers/0/image", "app:v1", OTHER, proof))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the proof is for " + VERIFIED);
    assertThat(new Patches.Pin("/p", "app:v1", VERIFIED, proof).value())
        .isEqualTo("app:v1@" + VERIFIED);
  }

  @Test
  void annotationsComeFromThisRequestOnly() throws Exception {
    ObjectNode pod = JSON.createObjectNode();
    pod.putObject("metadata")
        .putObject("annotations")
        .put("kyverno.io/verify-images", "{\"evil.example/x:1\":\"pass\"}");
    Patches.Metadata metadata = new Patches.Metadata();
    metadata.add("", "p", "r", "registry.example/app@" + VERIFIED, "pass");
    List<PatchOperation> ops = Patches.build(pod, List.of(), metadata);
    assertThat(ops)
        .extracting(PatchOperation::op, PatchOperation::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "replace", "/metadata/annotations/kyverno.io~1verify-images"),
            org.assertj.core.groups.Tuple.tuple(
                "add", "/metadata/annotations/kyverno.io~1verify-images-scoped"));
    assertThat(ops.get(0).value().asText()).doesNotContain("evil");
    assertThat(JSON.readTree(ops.get(1).value().asText()).toString())
        .isEqualTo(
            "{\"version\":1,\"policies\":{\"/p\":{\"r\":{\"registry.example/app@"
                + VERIFIED
                + "\":\"pass\"}}}}");
  }
}
