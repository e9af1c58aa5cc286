package dev.imagegate.notation.internal;

import dev.imagegate.notation.ArtifactDescriptor;
import dev.imagegate.notation.NotaryImageReport.SignatureCheck;
import dev.imagegate.notation.NotaryResult;
import dev.imagegate.notation.NotaryTrust;
import dev.imagegate.notation.NotaryVerifier;
import dev.imagegate.notation.TargetArtifact;
import dev.imagegate.notation.TrustPolicyStatement;
import dev.imagegate.notation.VerificationLevel;
import dev.imagegate.notation.VerificationStep;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.verify.SignatureFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The signatures of one artifact, verified one after the other (notation-go {@code
 * notation.Verify}): stop at the first verified one unless every one is wanted, at most {@code
 * maxAttempts}. A signature that cannot be fetched or is structurally unusable fails alone
 * (notation aborts the whole verification there); when none verified and some could not be fetched
 * the outcome is an error, not a denial.
 */
public final class NotarySignatureRun {
  public static final String KIND = "notary signature";
  private final NotaryVerifier verifier;
  private final Repository repo;
  private final int maxAttempts;
  private final boolean all;

  public NotarySignatureRun(
      NotaryVerifier verifier, Repository repo, int maxAttempts, boolean all) {
    this.verifier = verifier;
    this.repo = repo;
    this.maxAttempts = maxAttempts;
    this.all = all;
  }

  /**
   * @param subject {@code registry/repository@digest} of {@code target}, which selects the trust
   *     policy statement
   * @return on success the signer descriptions of the verified signatures
   */
  public SignatureRunResult<List<String>> run(
      String subject, Descriptor target, NotaryTrust trust, PhaseTimings timings) {
    Optional<TrustPolicyStatement> statement = trust.policy().applicableTo(subject);
    if (statement.isEmpty()) {
      return denied(
          Failure.Code.TRUST_POLICY,
          "artifact \""
              + subject
              + "\" has no applicable oci trust policy statement; trust policy applicability is determined by registryScopes");
    }
    if (statement.get().level() == VerificationLevel.SKIP) {
      SignatureCheck skipped =
          new SignatureCheck(
              subject, target.digest(), new NotaryResult.Skipped(statement.get().name()));
      return new SignatureRunResult.Verified<>(
          List.of("verification skipped by trust policy \"" + statement.get().name() + "\""),
          List.of(),
          List.of(skipped));
    }
    String context = subject.substring(0, subject.indexOf('@'));
    List<Descriptor> signatures;
    try {
      signatures =
          timings.time(Phase.DISCOVER, () -> NotarySignatureStore.list(repo, target.digest()));
    } catch (RegistryException e) {
      return new SignatureRunResult.Incomplete<>(
          "listing the Notary signatures of " + subject + ": " + e.getMessage(),
          List.of(),
          List.of());
    }
    if (signatures.isEmpty()) {
      return denied(
          Failure.Code.NO_SIGNATURES,
          "no signature is associated with \""
              + subject
              + "\", make sure the image was signed successfully");
    }
    TargetArtifact artifact = new TargetArtifact(subject, ArtifactDescriptor.of(target));
    List<String> signers = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    List<SignatureFinding> findings = new ArrayList<>();
    List<SignatureCheck> checks = new ArrayList<>();
    boolean fetchError = false;
    int attempted = 0;
    for (Descriptor sig : signatures) {
      if (attempted >= maxAttempts) {
        failures.add(
            new Failure(
                Failure.Code.NO_SIGNATURES,
                "signature evaluation stopped. The configured limit of "
                    + maxAttempts
                    + " signatures to verify per artifact exceeded ("
                    + subject
                    + " has "
                    + signatures.size()
                    + ")"));
        break;
      }
      attempted++;
      String location = context + "@" + sig.digest();
      NotaryResult result;
      try {
        result = verifyOne(sig, target, artifact, trust, timings);
      } catch (RegistryException e) {
        fetchError = true;
        result =
            new NotaryResult.Failed(
                VerificationStep.INTEGRITY,
                "cannot fetch the signature: " + e.getMessage(),
                List.of());
      }
      checks.add(new SignatureCheck(subject, sig.digest(), result));
      switch (result) {
        case NotaryResult.Verified v -> {
          String signer = signer(v);
          signers.add(signer);
          findings.add(SignatureFinding.ok(location, KIND, signer));
        }
        case NotaryResult.Failed f -> {
          Failure failure =
              new Failure(
                  code(f),
                  "failed to verify signature with digest "
                      + sig.digest()
                      + " of "
                      + subject
                      + ": "
                      + f);
          failures.add(failure);
          findings.add(SignatureFinding.failed(location, KIND, failure));
        }
        case NotaryResult.Skipped s ->
            signers.add("verification skipped by trust policy \"" + s.policyName() + "\"");
      }
      if (!signers.isEmpty() && !all) {
        break;
      }
    }
    if (!signers.isEmpty()) {
      return new SignatureRunResult.Verified<>(signers, findings, checks);
    }
    if (fetchError) {
      return new SignatureRunResult.Incomplete<>(
          "signature verification of "
              + subject
              + " could not be completed: "
              + new Outcome.Denied(failures).reason(),
          findings,
          checks);
    }
    return denied(failures, findings, checks);
  }

  private NotaryResult verifyOne(
      Descriptor sig,
      Descriptor target,
      TargetArtifact artifact,
      NotaryTrust trust,
      PhaseTimings timings)
      throws RegistryException {
    NotarySignatureStore.Fetched fetched =
        timings.time(Phase.FETCH, () -> NotarySignatureStore.fetch(repo, sig, target.digest()));
    return switch (fetched) {
      case NotarySignatureStore.Fetched.Unusable u ->
          new NotaryResult.Failed(VerificationStep.INTEGRITY, u.reason(), List.of());
      case NotarySignatureStore.Fetched.Envelope e ->
          timings.time(
              Phase.CRYPTO,
              () ->
                  verifier.verify(
                      e.bytes(), e.mediaType(), artifact, trust.policy(), trust.store()));
    };
  }

  /** The leaf subject and the statement that applied: what a reader needs to know who signed. */
  public static String signer(NotaryResult.Verified v) {
    return CertificateRules.subject(v.signingCertificate())
        + " (trust policy \""
        + v.policyName()
        + "\")";
  }

  static Failure.Code code(NotaryResult.Failed f) {
    return switch (f.step()) {
      case TRUST_POLICY -> Failure.Code.TRUST_POLICY;
      case INTEGRITY -> Failure.Code.BAD_SIGNATURE;
      case VERIFICATION_PLUGIN -> Failure.Code.UNSUPPORTED;
      case AUTHENTICITY ->
          f.reason().contains("identit") ? Failure.Code.IDENTITY : Failure.Code.WRONG_KEY;
      case EXPIRY -> Failure.Code.EXPIRED;
      case AUTHENTIC_TIMESTAMP -> Failure.Code.TIMESTAMP;
      case REVOCATION -> Failure.Code.REVOKED;
      case ARTIFACT_MATCH ->
          f.reason().contains("metadata")
              ? Failure.Code.ANNOTATION_MISMATCH
              : Failure.Code.DIGEST_MISMATCH;
    };
  }

  /** Denied before any signature was verified: one failure, no findings or checks. */
  private static SignatureRunResult<List<String>> denied(Failure.Code code, String reason) {
    return denied(List.of(new Failure(code, reason)), List.of(), List.of());
  }

  private static SignatureRunResult<List<String>> denied(
      List<Failure> failures, List<SignatureFinding> findings, List<SignatureCheck> checks) {
    return new SignatureRunResult.Denied<>(failures, findings, checks);
  }
}
