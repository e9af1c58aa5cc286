package dev.imagegate.oci;

import java.nio.charset.StandardCharsets;

/** Small hand-written manifests for tests. */
final class TestManifests {
  static final String EMPTY_CONFIG_DIGEST =
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

  private TestManifests() {}

  /** An OCI artifact manifest with the empty config and no layers. */
  static byte[] emptyArtifact(String artifactType) {
    return ("{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"artifactType\":\""
            + artifactType
            + "\",\"config\":{\"mediaType\":\""
            + MediaTypes.OCI_EMPTY
            + "\",\"digest\":\""
            + EMPTY_CONFIG_DIGEST
            + "\",\"size\":2},\"layers\":[]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An OCI artifact manifest referring to {@code subject}. */
  static byte[] referrer(String artifactType, Descriptor subject) {
    return ("{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"artifactType\":\""
            + artifactType
            + "\",\"config\":{\"mediaType\":\""
            + MediaTypes.OCI_EMPTY
            + "\",\"digest\":\""
            + EMPTY_CONFIG_DIGEST
            + "\",\"size\":2},\"layers\":[],\"subject\":{\"mediaType\":\""
            + subject.mediaType()
            + "\",\"digest\":\""
            + subject.digest()
            + "\",\"size\":"
            + subject.size()
            + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
