package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CosignPayloads;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RepositoryName;
import java.util.Optional;

/**
 * The simple-signing payload of a legacy {@code .sig} layer, predicted instead of fetched: {@code
 * cosign sign} writes it from the image alone ({@link CosignPayloads}).
 *
 * <p>Why: the payload's blob is the third request of a cold legacy verification, after the tag's
 * digest and the {@code .sig} manifest, and on a registry it is the most expensive one (a
 * distribution 2.8 registry spent 3.9 ms of CPU per blob GET on the project's machine against 1.3
 * ms for a manifest; docs/benchmarks.md 3c). The layer's descriptor, in the manifest already
 * fetched, carries the payload's size and SHA-256 digest; bytes of that size with that digest
 * <em>are</em> the payload (as a blob fetched from the registry is accepted only when it hashes to
 * the descriptor's digest), so the predicted bytes go through exactly the checks fetched ones
 * would: the signature over them, the Rekor bundle's body hash, the claims. A payload written
 * otherwise (annotations, another signer's formatting) does not match and is fetched as before.
 *
 * <p>One deliberate difference from cosign: a registry that serves the {@code .sig} manifest but
 * not the blob it references (a registry in a broken state) fails cosign's verification and not
 * imagegate's when the prediction matches; nothing an attacker controls changes the verdict, since
 * the signature must still verify over the exact bytes the manifest commits to (docs/security.md).
 */
final class PredictedPayload {
  private PredictedPayload() {}

  /** The payload bytes when {@code layer} commits to cosign's payload for {@code image}. */
  static Optional<byte[]> match(Descriptor layer, RepositoryName repository, Digest image) {
    if (repository.isLayout() || !"sha256".equals(layer.digest().algorithm())) {
      return Optional.empty(); // a layout's blob is a local file read: nothing to save
    }
    byte[] candidate =
        CosignPayloads.simpleSigning(CosignPayloads.dockerReference(repository), image);
    return candidate.length == layer.size() && layer.digest().matches(candidate)
        ? Optional.of(candidate)
        : Optional.empty();
  }
}
