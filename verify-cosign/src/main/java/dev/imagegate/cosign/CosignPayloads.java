package dev.imagegate.cosign;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.RepositoryName;
import java.nio.charset.StandardCharsets;

/**
 * The simple-signing payload a plain {@code cosign sign} writes for an image (sigstore's {@code
 * payload.Cosign}, Go's encoder: this key order, no spaces, {@code optional} null without {@code
 * -a}). One definition for the verifier, which predicts it instead of fetching it, and for the
 * in-process signers (the webhook's start-up warm-up, the benchmarks), so that what they sign is
 * what a real cosign signature looks like.
 */
public final class CosignPayloads {
  private CosignPayloads() {}

  /**
   * The payload claiming {@code image} in the repository {@code dockerReference}. Registry hosts,
   * repository paths and digests hold none of the characters Go's encoder escapes, so plain
   * concatenation is exact.
   */
  public static byte[] simpleSigning(String dockerReference, Digest image) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\""
            + dockerReference
            + "\"},\"image\":{\"docker-manifest-digest\":\""
            + image
            + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The {@code docker-reference} cosign writes for a repository: go-containerregistry's {@code
   * Repository.Name()}, which names Docker Hub {@code index.docker.io}.
   */
  public static String dockerReference(RepositoryName repository) {
    String registry =
        ImageReference.DOCKER_HUB.equals(repository.registry())
            ? "index.docker.io"
            : repository.registry();
    return registry + "/" + repository.path();
  }
}
