package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
import dev.imagegate.notation.ArtifactDescriptor;
import dev.imagegate.notation.NotaryResult;
import dev.imagegate.notation.NotaryResult.StepWarning;
import dev.imagegate.notation.NotaryResult.VerifiedTimestamp;
import dev.imagegate.notation.RevocationChecker;
import dev.imagegate.notation.RevocationResult;
import dev.imagegate.notation.RevocationStatus;
import dev.imagegate.notation.TrustPolicyStatement;
import dev.imagegate.notation.TrustPolicyStatement.TrustStoreRef;
import dev.imagegate.notation.TrustStore;
import dev.imagegate.notation.TrustStoreType;
import dev.imagegate.notation.VerificationAction;
import dev.imagegate.notation.VerificationStep;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One signature verified against one trust policy statement, in notation-go's order: integrity,
 * verification plugin, authenticity, expiry, authentic timestamp, revocation, then the artifact
 * match. Failures of steps whose action is {@code log} become warnings; {@code enforce} stops with
 * {@link NotaryResult.Failed}.
 */
public final class SignatureVerification {
  private final TrustPolicyStatement statement;
  private final TrustStore store;
  private final Instant now;
  private final RevocationChecker revocation;
  private final List<StepWarning> warnings = new ArrayList<>();

  public SignatureVerification(
      TrustPolicyStatement statement, TrustStore store, Instant now, RevocationChecker revocation) {
    this.statement = statement;
    this.store = store;
    this.now = now;
    this.revocation = revocation;
  }

  /**
   * @param artifactMatch compares the signed descriptor with the artifact; returns null when it
   *     matches
   */
  public NotaryResult run(
      byte[] envelopeBytes,
      String mediaType,
      Function<IntegrityCheck.Verified, @Nullable String> artifactMatch,
      Map<String, String> userMetadata) {
    EnvelopeParser.Outcome parsed = EnvelopeParser.parse(envelopeBytes, mediaType);
    if (parsed instanceof EnvelopeParser.Outcome.Unsupported u) {
      return failed(
          VerificationStep.INTEGRITY,
          "unable to parse the digital signature: signature envelope format with"
              + " media type \""
              + u.mediaType()
              + "\" is not supported");
    }
    if (parsed instanceof EnvelopeParser.Outcome.Invalid invalid) {
      return failed(
          VerificationStep.INTEGRITY, "signature envelope is invalid: " + invalid.reason());
    }
    Envelope env = ((EnvelopeParser.Outcome.Parsed) parsed).envelope();
    Result<IntegrityCheck.Verified> checked = IntegrityCheck.verify(env);
    if (!checked.isOk()) {
      return failed(VerificationStep.INTEGRITY, checked.reason());
    }
    IntegrityCheck.Verified integrity = checked.value();
    SignedAttributes signed = env.signed();
    if (signed.verificationPlugin() != null) {
      return failed(
          VerificationStep.VERIFICATION_PLUGIN,
          "the signature requires the verification plugin \""
              + signed.verificationPlugin()
              + "\""
              + (signed.verificationPluginMinVersion() == null
                  ? ""
                  : " (version " + signed.verificationPluginMinVersion() + " or later)")
              + ", and this verifier does not run verification plugins");
    }
    if (!signed.unknownCritical().isEmpty()) {
      return failed(
          VerificationStep.INTEGRITY,
          "the signature marks unknown attributes as critical: " + signed.unknownCritical());
    }
    @Nullable NotaryResult stop = apply(VerificationStep.AUTHENTICITY, () -> authenticity(env));
    if (stop != null) {
      return stop;
    }
    stop =
        apply(
            VerificationStep.EXPIRY,
            () ->
                signed.expiry() != null && !now.isBefore(signed.expiry())
                    ? "digital signature has expired on \""
                        + AuthenticTimestampCheck.TIME.format(signed.expiry())
                        + "\""
                    : null);
    if (stop != null) {
      return stop;
    }
    // set only when the step ran and verified an RFC 3161 timestamp
    AtomicReference<Optional<VerifiedTimestamp>> timestamp =
        new AtomicReference<>(Optional.empty());
    stop =
        apply(
            VerificationStep.AUTHENTIC_TIMESTAMP,
            () ->
                switch (AuthenticTimestampCheck.check(env, statement, store, now, revocation)) {
                  case Result.Ok<Optional<VerifiedTimestamp>>(var verified) -> {
                    timestamp.set(verified);
                    yield null;
                  }
                  case Result.Err<Optional<VerifiedTimestamp>>(String reason) -> reason;
                });
    if (stop != null) {
      return stop;
    }
    stop = apply(VerificationStep.REVOCATION, () -> revocation(env));
    if (stop != null) {
      return stop;
    }
    String mismatch = artifactMatch.apply(integrity);
    if (mismatch == null) {
      mismatch = userMetadataMismatch(integrity.payload(), userMetadata);
    }
    if (mismatch != null) {
      return failed(VerificationStep.ARTIFACT_MATCH, mismatch);
    }
    return new NotaryResult.Verified(
        integrity.payload(),
        signed.signingScheme(),
        env.chain(),
        timestamp.get().orElse(null),
        statement.name(),
        statement.level(),
        warnings);
  }

  private @Nullable String authenticity(Envelope env) {
    boolean authority =
        SignedAttributes.SCHEME_SIGNING_AUTHORITY.equals(env.signed().signingScheme());
    TrustStoreType type = authority ? TrustStoreType.SIGNING_AUTHORITY : TrustStoreType.CA;
    List<TrustStoreRef> refs = statement.trustStores(type);
    if (refs.isEmpty()) {
      return "the trust policy \""
          + statement.name()
          + "\" has no trust store of type \""
          + type.policyName()
          + "\", which signing scheme "
          + env.signed().signingScheme()
          + " requires";
    }
    boolean anchored = false;
    for (TrustStoreRef ref : refs) {
      for (X509Certificate trusted : store.certificates(ref.type(), ref.name())) {
        anchored |= env.chain().stream().anyMatch(c -> sameBytes(c, trusted));
      }
    }
    if (!anchored) {
      return "the signature's certificate chain does not contain any trusted certificate (trust stores "
          + refs
          + ")";
    }
    return TrustedIdentities.mismatch(statement.trustedIdentities(), env.leaf(), statement.name())
        .orElse(null);
  }

  private @Nullable String revocation(Envelope env) {
    Instant authenticTime =
        SignedAttributes.SCHEME_SIGNING_AUTHORITY.equals(env.signed().signingScheme())
            ? env.signed().authenticSigningTime()
            : null;
    RevocationResult r =
        revocation.check(env.chain(), RevocationChecker.Purpose.CODE_SIGNING, authenticTime);
    r.warnings().forEach(w -> warnings.add(new StepWarning(VerificationStep.REVOCATION, w)));
    if (r.status() == RevocationStatus.GOOD) {
      return null;
    }
    X509Certificate c = r.firstWithStatus();
    String subject = c == null ? "?" : CertificateRules.subject(c);
    return "signing certificate with subject \""
        + subject
        + "\" "
        + (r.status() == RevocationStatus.REVOKED ? "is revoked" : "revocation status is unknown");
  }

  static @Nullable String userMetadataMismatch(
      ArtifactDescriptor signed, Map<String, String> wanted) {
    for (var e : wanted.entrySet()) {
      if (!e.getValue().equals(signed.annotations().get(e.getKey()))) {
        return "unable to find specified metadata in the signature: \""
            + e.getKey()
            + "\"=\""
            + e.getValue()
            + "\" (signed annotations: "
            + signed.annotations()
            + ")";
      }
    }
    return null;
  }

  /**
   * Runs a check unless skipped; on failure enforces (returns the result) or logs (returns null).
   */
  /** Runs one step under the statement's action: the result that stops verification, or null. */
  private @Nullable NotaryResult apply(
      VerificationStep step, java.util.function.Supplier<@Nullable String> check) {
    VerificationAction action = statement.action(step);
    if (action == VerificationAction.SKIP) {
      return null;
    }
    String error = check.get();
    if (error == null) {
      return null;
    }
    if (action == VerificationAction.ENFORCE) {
      return failed(step, error);
    }
    warnings.add(new StepWarning(step, error));
    return null;
  }

  private NotaryResult failed(VerificationStep step, String reason) {
    return new NotaryResult.Failed(step, reason, warnings);
  }

  private static boolean sameBytes(X509Certificate a, X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
