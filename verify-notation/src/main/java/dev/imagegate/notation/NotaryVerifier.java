package dev.imagegate.notation;

import dev.imagegate.notation.internal.IntegrityCheck;
import dev.imagegate.notation.internal.SignatureVerification;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Notary Project signature envelopes (JWS or COSE) against a trust policy and trust store,
 * as {@code notation verify} does. Thread-safe and reusable.
 *
 * <pre>{@code
 * NotaryVerifier verifier = NotaryVerifier.builder().clock(Clock.systemUTC()).build();
 * NotaryResult r = verifier.verify(envelopeBytes, "application/jose+json",
 *     new TargetArtifact("registry.example/app@sha256:...", descriptor),
 *     TrustPolicyDocument.read(policyFile, TrustPolicyDocument.Kind.OCI), TrustStore.directory(storeRoot));
 * }</pre>
 *
 * <p>Expected failures are {@link NotaryResult.Failed} values; {@link NotationConfigException} is
 * thrown only for broken configuration (a trust store the policy names that does not exist or holds
 * unacceptable certificates).
 */
public final class NotaryVerifier {
  private final Clock clock;
  private final RevocationChecker revocation;

  private NotaryVerifier(Clock clock, RevocationChecker revocation) {
    this.clock = clock;
    this.revocation = revocation;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builder; the default clock is UTC system time and revocation is checked online with notation's
   * timeouts.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private @Nullable RevocationChecker revocation;

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    public Builder revocationChecker(RevocationChecker r) {
      this.revocation = Objects.requireNonNull(r);
      return this;
    }

    public NotaryVerifier build() {
      return new NotaryVerifier(
          clock,
          revocation != null
              ? revocation
              : RevocationChecker.online(RevocationOptions.defaults(clock)));
    }
  }

  /**
   * Verifies one envelope over an OCI artifact; the statement is chosen by the artifact reference.
   */
  public NotaryResult verify(
      byte[] envelope,
      String envelopeMediaType,
      TargetArtifact artifact,
      TrustPolicyDocument policy,
      TrustStore store) {
    if (policy.kind() != TrustPolicyDocument.Kind.OCI) {
      throw new IllegalArgumentException(
          "OCI verification needs an OCI trust policy document, got " + policy.kind());
    }
    String ref = artifact.reference();
    int at = ref.indexOf('@');
    if (at < 0) {
      return new NotaryResult.Failed(
          VerificationStep.TRUST_POLICY,
          "artifact reference \""
              + ref
              + "\" must be repository@digest; a tag cannot select a trust policy",
          List.of());
    }
    return verifyUnder(
        policy.applicableTo(ref),
        "artifact \""
            + ref
            + "\" has no applicable oci trust policy statement; trust policy applicability is determined by registryScopes",
        envelope,
        envelopeMediaType,
        store,
        integrity ->
            integrity.payload().sameContentAs(artifact.descriptor())
                ? null
                : "content descriptor mismatch: the signature covers "
                    + integrity.payload()
                    + " but the artifact is "
                    + artifact.descriptor(),
        artifact.userMetadata());
  }

  /** Verifies a detached (blob) signature; the statement is chosen by name, or the global one. */
  public NotaryResult verifyBlob(
      byte[] envelope,
      String envelopeMediaType,
      BlobArtifact blob,
      TrustPolicyDocument policy,
      TrustStore store) {
    if (policy.kind() != TrustPolicyDocument.Kind.BLOB) {
      throw new IllegalArgumentException(
          "blob verification needs a blob trust policy document, got " + policy.kind());
    }
    return verifyUnder(
        policy.blobStatement(blob.policyName()),
        blob.policyName() == null
            ? "no global blob trust policy statement"
            : "no applicable blob trust policy with name \"" + blob.policyName() + "\"",
        envelope,
        envelopeMediaType,
        store,
        integrity -> blobMismatch(integrity, blob),
        blob.userMetadata());
  }

  /**
   * What both kinds of artifact share once the policy has chosen a statement: none fails the trust
   * policy step with {@code noStatement}, a {@code skip} statement skips, any other runs every
   * check of the statement's level on the envelope.
   */
  private NotaryResult verifyUnder(
      Optional<TrustPolicyStatement> statement,
      String noStatement,
      byte[] envelope,
      String envelopeMediaType,
      TrustStore store,
      Function<IntegrityCheck.Verified, @Nullable String> artifactMatch,
      Map<String, String> userMetadata) {
    if (statement.isEmpty()) {
      return new NotaryResult.Failed(VerificationStep.TRUST_POLICY, noStatement, List.of());
    }
    if (statement.get().level() == VerificationLevel.SKIP) {
      return new NotaryResult.Skipped(statement.get().name());
    }
    return new SignatureVerification(statement.get(), store, clock.instant(), revocation)
        .run(envelope, envelopeMediaType, artifactMatch, userMetadata);
  }

  /**
   * Blob descriptors use the hash of the signature algorithm, so it is computed only once the
   * envelope is known.
   */
  private static @Nullable String blobMismatch(
      IntegrityCheck.Verified integrity, BlobArtifact blob) {
    ArtifactDescriptor signed = integrity.payload();
    ArtifactDescriptor actual = blob.descriptor();
    if (actual == null) {
      String alg = integrity.envelope().algorithm().jcaDigest();
      try {
        String hex =
            HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(blob.content()));
        actual =
            new ArtifactDescriptor(
                signed.mediaType(),
                integrity.envelope().algorithm().digestPrefix() + ":" + hex,
                blob.content().length);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    if (blob.contentMediaType() != null && !blob.contentMediaType().equals(signed.mediaType())) {
      return "blob media type \""
          + blob.contentMediaType()
          + "\" does not match the signed media type \""
          + signed.mediaType()
          + "\"";
    }
    if (!actual.digest().equals(signed.digest()) || actual.size() != signed.size()) {
      return "integrity check failed: signature does not match the given blob (signed "
          + signed.digest()
          + ", "
          + signed.size()
          + " bytes; blob "
          + actual.digest()
          + ", "
          + actual.size()
          + " bytes)";
    }
    return null;
  }
}
