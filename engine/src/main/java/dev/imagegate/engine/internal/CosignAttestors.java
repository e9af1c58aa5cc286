package dev.imagegate.engine.internal;

import dev.imagegate.cosign.CosignReport;
import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.cosign.CosignVerifier;
import dev.imagegate.cosign.NamedKey;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.InvalidReferenceException;
import dev.imagegate.oci.RepositoryName;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.AttestorTrust;
import dev.imagegate.policy.KeySource;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.trust.TrustMaterialException;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Maps Kyverno cosign attestors ({@code keys}) onto {@link CosignVerifier} requirements. */
final class CosignAttestors implements AttestorVerifier {
  private final CosignVerifier verifier;
  /** Parsed keys per PEM text: policies are parsed once, verified many times. */
  private final Map<String, List<PublicKey>> keyCache = new ConcurrentHashMap<>();

  CosignAttestors(CosignVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public Outcome verify(ImageReference ref, Digest digest, Attestor attestor, VerifyImage rule, String predicateType,
                        PhaseTimings timings) {
    if (!(attestor.trust() instanceof AttestorTrust.Keys keys)) {
      return new Outcome.Error(switch (attestor.trust()) {
        case AttestorTrust.Certificates c -> "certificate attestors are not supported yet (cosign certificate verification is in progress)";
        case AttestorTrust.Keyless k -> "keyless attestors are not supported yet (Fulcio/Rekor verification is in progress)";
        default -> "unsupported attestor " + attestor.trust().getClass().getSimpleName();
      });
    }
    List<NamedKey> named = new ArrayList<>();
    switch (keys.source()) {
      case KeySource.Pem pem -> {
        List<PublicKey> parsed;
        try {
          parsed = keyCache.computeIfAbsent(pem.pem(), PublicKeys::parseAll);
        } catch (TrustMaterialException e) {
          return new Outcome.Error("invalid publicKeys in the policy: " + e.getMessage());
        }
        for (int i = 0; i < parsed.size(); i++) {
          named.add(new NamedKey(parsed.size() == 1 ? "publicKeys" : "publicKeys[" + i + "]", parsed.get(i)));
        }
      }
      case KeySource.Kms kms -> {
        return new Outcome.Error("KMS key " + kms.uri() + " is not available offline: put the PEM public key in keys.publicKeys");
      }
      case KeySource.Secret secret -> {
        return new Outcome.Error("key from Secret " + secret.namespace() + "/" + secret.name()
            + " is not available offline: put the PEM public key in keys.publicKeys");
      }
      case KeySource.Unresolved u -> {
        return new Outcome.Error("publicKeys still holds an unresolved variable: " + u.text());
      }
    }
    SignatureAlgorithm hash;
    try {
      hash = SignatureAlgorithm.fromKyverno(keys.signatureAlgorithm());
    } catch (TrustMaterialException e) {
      return new Outcome.Error(e.getMessage());
    }
    String repo = attestor.repository() != null ? attestor.repository() : rule.repository();
    RepositoryName sigRepo;
    try {
      sigRepo = repo == null || repo.isBlank() ? null : RepositoryName.parse(repo);
    } catch (InvalidReferenceException e) {
      return new Outcome.Error("invalid repository '" + repo + "': " + e.getMessage());
    }
    boolean ignoreTlog = keys.rekor() != null && keys.rekor().ignoreTlog();
    CosignRequirements req = new CosignRequirements(named, hash, attestor.annotations(), sigRepo, ignoreTlog, predicateType);
    CosignReport report = verifier.verify(ref, digest, req, timings);
    return report.outcome();
  }
}
