package dev.imagegate.cosign;

import dev.imagegate.oci.RepositoryName;
import dev.imagegate.trust.SignatureAlgorithm;
import java.util.List;
import java.util.Map;

/**
 * What a cosign verification must establish for one image (one Kyverno attestor entry, or one
 * {@code imagegate verify} run).
 *
 * @param keys trusted public keys; a signature by any of them is enough
 * @param hash hash for legacy simple-signing and DSSE layers (cosign always uses SHA-256; Kyverno's
 *     {@code signatureAlgorithm} may choose another)
 * @param annotations required signature annotations ({@code -a k=v}): all must match
 * @param signatureRepository where signatures live when not beside the image ({@code --repository}, {@code COSIGN_REPOSITORY},
 *     Kyverno {@code repository}); null for the image's own repository
 * @param ignoreTlog accept signatures without a transparency log entry ({@code --insecure-ignore-tlog})
 * @param predicateType null to verify signatures; else the in-toto predicate type of the attestations to verify,
 *     or {@link #ANY_PREDICATE} for attestations of any type
 */
public record CosignRequirements(List<NamedKey> keys, SignatureAlgorithm hash, Map<String, String> annotations,
                                 RepositoryName signatureRepository, boolean ignoreTlog, String predicateType) {
  /** Accept attestations of every predicate type (cosign verify-attestation without --type). */
  public static final String ANY_PREDICATE = "*";

  public CosignRequirements {
    keys = List.copyOf(keys);
    annotations = Map.copyOf(annotations);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one public key is required");
    }
  }

  public boolean attestations() {
    return predicateType != null;
  }

  /** Whether an attestation of {@code type} is wanted. */
  public boolean wantsPredicate(String type) {
    return ANY_PREDICATE.equals(predicateType) || predicateType.equals(type);
  }
}
